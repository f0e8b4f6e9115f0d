# SPDX-License-Identifier: EUPL-1.2
"""The Python examples that draw pictures run and write real PNG files."""
import os
import subprocess
import sys

import pytest

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


@pytest.mark.skipif(not os.path.exists(os.path.join(EXAMPLES, "plot_projection.py")),
                    reason="no projection plot example")
def test_projection_plot_draws_a_png(tmp_path):
    out = tmp_path / "projection.png"
    result = run_example("plot_projection.py", os.path.join(EXAMPLES, "scenarios", "march_2026.json"),
                         str(out), "--runs", "500")
    assert result.returncode == 0, result.stderr
    assert out.read_bytes()[:8] == PNG_SIGNATURE
