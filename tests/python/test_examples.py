# SPDX-License-Identifier: EUPL-1.2
"""The Python examples that draw pictures run and write real PNG files."""
import os
import subprocess
import sys

EXAMPLES = os.path.join(os.path.dirname(__file__), "..", "..", "examples")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def run_example(name, *args):
    env = dict(os.environ, MPLBACKEND="Agg", MPLCONFIGDIR=os.environ.get("TMPDIR", "/tmp"))
    return subprocess.run([sys.executable, os.path.join(EXAMPLES, name), *args], env=env,
                          capture_output=True, text=True, timeout=120)


def test_places_per_province_draws_a_png(tmp_path):
    out = tmp_path / "provinces.png"
    result = run_example("places_per_province.py", str(out))
    assert result.returncode == 0, result.stderr
    data = out.read_bytes()
    assert data[:8] == PNG_SIGNATURE
    assert len(data) > 20000  # a chart with 24 bars and labels, not an empty canvas


def test_projection_plot_draws_a_png(tmp_path):
    out = tmp_path / "projection.png"
    result = run_example("plot_projection.py", os.path.join(EXAMPLES, "scenarios", "march_2026.json"),
                         str(out), "--runs", "500")
    assert result.returncode == 0, result.stderr
    data = out.read_bytes()
    assert data[:8] == PNG_SIGNATURE
    assert len(data) > 20000  # lines, band, shading and labels, not an empty canvas


def test_projection_plot_without_runs_or_shortage(tmp_path):
    # One run draws no band; a scenario with room to spare has nothing to shade.
    scenario = tmp_path / "calm.json"
    scenario.write_text('{"start": "2026-01-05", "weeks": 8, '
                        '"initial": {"in_procedure": 1000, "status_holders": 0, "other": 0}, '
                        '"inflow_per_week": 10, "decision_rate": 0, "grant_rate": 0, '
                        '"housing_per_week": 0, "departure_rate": 0, '
                        '"capacity": {"initial": 5000}}')
    out = tmp_path / "calm.png"
    result = run_example("plot_projection.py", str(scenario), str(out), "--runs", "1")
    assert result.returncode == 0, result.stderr
    assert out.read_bytes()[:8] == PNG_SIGNATURE
