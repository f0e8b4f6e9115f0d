# SPDX-License-Identifier: EUPL-1.2
"""Allocation failure everywhere, for the `opvang` program.

OPVANG_CLI names a build of the program linked with the failing allocator
(tests/alloc/failmalloc.c): OPVANG_FAIL_ALLOC=N makes its allocation attempt
N fail, OPVANG_ALLOC_COUNT=file has it write how many attempts it made.  For
each command below the program runs once without failures, to count them,
then once with each attempt failing: it must exit 1 with a message on stderr
and print nothing on stdout, or, when the failure has a way around it (libcsv
asks for a smaller buffer), exit 0 with the very output of the run without
failures; never crash, never exit 0 with part of its output.  A command that makes more than ALL attempts (300; 40 in a sanitizer
build, OPVANG_ALLOC_SAMPLE) is tried at the first ALL, then at about ALL
more spread evenly up to its last.
"""

import os
import subprocess
from pathlib import Path

import pytest

SOURCE_ROOT = Path(__file__).resolve().parents[2]
DATA = SOURCE_ROOT / "examples" / "data"
SCENARIO = SOURCE_ROOT / "examples" / "scenarios" / "march_2026.json"
# Fewer under the sanitizers, where each run of the program takes ten times as long.
ALL = int(os.environ.get("OPVANG_ALLOC_SAMPLE", "300"))


def program():
    path = os.environ.get("OPVANG_CLI")
    if not path:
        pytest.fail("OPVANG_CLI must name the opvang program built with the failing allocator")
    return path


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("alloc")
    return {
        "weights": write(d / "weights.csv", "name,weight\nA,3\nB,2\nC,7\nD,1\n"),
        "history": write(d / "history.csv",
                         "code,period,balance\nGM0363,2024-H2,5\nGM0363,2025-H1,5\n"
                         "GM0599,2025-H1,-2\n"),
        "scenario": write(d / "small.json",
                          '{"start": "2026-01-05", "weeks": 4, "initial": {"in_procedure": 500,'
                          ' "status_holders": 300, "other": 500}, "inflow_per_week": 100,'
                          ' "decision_rate": 0.1, "grant_rate": 0.5, "housing_per_week": 20,'
                          ' "departure_rate": 0.01, "capacity": {"initial": 1000}}'),
        "dir": d,
    }


# (name, arguments); {x} names a file of the fixture, {dir} its directory.
COMMANDS = [
    ("municipalities", ["municipalities"]),
    ("distribute", ["distribute", "-t", "96000", "-a", "8140"]),
    ("apportion", ["apportion", "-t", "30", "-m", "webster", "-w", "{weights}"]),
    ("housing-task", ["housing-task", "-n", "13000", "-p", "2025-H2"]),
    ("places", ["places", "--locations", str(DATA / "synthetic_locations.csv"),
                "--tasks", str(DATA / "synthetic_tasks.csv"), "--date", "2026-07-01"]),
    ("capacity", ["capacity", "--locations", str(DATA / "synthetic_locations.csv"),
                  "--from", "2026-01-01", "--to", "2026-03-01"]),
    ("project", ["project", "-s", str(SCENARIO)]),
    ("supervision", ["supervision", "-H", "{history}", "--as-of", "2025-12-01"]),
    ("sensitivity", ["sensitivity", "-s", "{scenario}", "--delta", "10%"]),
]


def run(args, env_extra):
    env = dict(os.environ)
    env.update(env_extra)
    return subprocess.run([program(), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          env=env, check=False, timeout=60)


def points(total):
    if total <= ALL:
        return list(range(total))
    step = (total - ALL) // ALL + 1
    return list(range(ALL)) + list(range(ALL, total, step)) + [total - 1]


@pytest.mark.parametrize("name,template", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_every_failed_allocation_exits_1_with_a_message(files, tmp_path, name, template):
    args = [a.format(**files) for a in template]
    count = tmp_path / "count"
    ok = run(args, {"OPVANG_ALLOC_COUNT": str(count)})
    assert ok.returncode == 0, ok.stderr.decode()
    assert ok.stdout
    total = int(count.read_text())
    assert total > 0
    for n in points(total):
        result = run(args, {"OPVANG_FAIL_ALLOC": str(n)})
        where = f"{name}, allocation {n} of {total} failing"
        if result.returncode == 0:
            # A failure with a way around it (libcsv asks for less): the whole output.
            assert result.stdout == ok.stdout, f"{where}: exit 0 with other output"
            assert result.stderr == ok.stderr, f"{where}: exit 0 with other messages"
            continue
        assert result.returncode == 1, f"{where}: exit {result.returncode}: {result.stderr.decode()}"
        assert result.stderr.strip(), f"{where}: no message"
        assert result.stdout == b"", f"{where}: printed {result.stdout[:200]!r}"
    assert run(args, {"OPVANG_FAIL_ALLOC": str(total)}).returncode == 0


def test_a_report_that_runs_out_of_memory_writes_nothing(files, tmp_path):
    # The report writes a directory, not stdout: every failure exits 1 with a
    # message and leaves no directory; 40 points, as each run writes 342 pages.
    out = tmp_path / "report"
    args = ["report", "--locations", str(DATA / "synthetic_locations.csv"), "--tasks",
            str(DATA / "synthetic_tasks.csv"), "--date", "2026-07-01", "--out", str(out)]
    count = tmp_path / "count"
    ok = run(args, {"OPVANG_ALLOC_COUNT": str(count)})
    assert ok.returncode == 0, ok.stderr.decode()
    assert (out / "index.html").is_file()
    total = int(count.read_text())
    step = max(1, total // 40)
    for n in list(range(0, total, step)) + [total - 1]:
        import shutil
        shutil.rmtree(out, ignore_errors=True)
        result = run(args, {"OPVANG_FAIL_ALLOC": str(n)})
        where = f"report, allocation {n} of {total} failing"
        if result.returncode == 0:
            assert (out / "index.html").is_file(), f"{where}: exit 0 without the report"
            continue
        assert result.returncode == 1, f"{where}: exit {result.returncode}: {result.stderr.decode()}"
        assert result.stderr.strip(), f"{where}: no message"
        assert not out.exists() or not any(out.iterdir()), f"{where}: left {list(out.iterdir())}"
