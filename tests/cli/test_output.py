# SPDX-License-Identifier: EUPL-1.2
"""What every command shares in how it writes: -o FILE, -q, the JSON meta and
the rounded text table."""

import json
import os
import subprocess

from cliutil import program, run

# Weights 1, 1 and 1.5 share 10 seats: quotas 10/3.5 = 2.857142857142857...
# (twice) and 15/3.5 = 4.285714285714286; the floors 2 + 2 + 4 leave two seats,
# which go to the largest remainders, 0.857 of A and B.
WEIGHTS = "name,weight\nA,1\nB,1\nC,1.5\n"


def weights(tmp_path, text=WEIGHTS):
    path = tmp_path / "weights.csv"
    path.write_text(text)
    return path


def test_the_text_table_rounds_reals_and_keeps_integers(tmp_path):
    result = run("apportion", "-t", "10", "-w", weights(tmp_path), "-f", "table")
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode() == ("name  weight  quota  seats\n"
                                      "----  ------  -----  -----\n"
                                      "A        1.0  2.857      3\n"
                                      "B        1.0  2.857      3\n"
                                      "C        1.5  4.286      4\n")
    # csv keeps every digit
    result = run("apportion", "-t", "10", "-w", weights(tmp_path))
    assert result.stdout.decode().splitlines()[1] == "A,1,2.857142857142857,3"


def test_output_file_holds_what_stdout_would(tmp_path):
    path = weights(tmp_path)
    out = tmp_path / "seats.json"
    plain = run("apportion", "-t", "10", "-w", path, "-f", "json")
    result = run("apportion", "-t", "10", "-w", path, "-f", "json", "-o", out)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout == b""
    # the inputs differ by the -o words only
    assert json.loads(out.read_text())["rows"] == json.loads(plain.stdout)["rows"]
    assert json.loads(out.read_text())["meta"]["inputs"][-2:] == ["-o", str(out)]
    assert sorted(os.listdir(tmp_path)) == ["seats.json", "weights.csv"]
    # --output, and a file that exists is replaced whole
    out.write_text("old content that is longer than the new one " * 100)
    result = run("apportion", "-t", "10", "-w", path, "--output", out)
    assert result.returncode == 0
    assert out.read_text() == run("apportion", "-t", "10", "-w", path).stdout.decode()


def test_a_failed_command_leaves_the_output_file_as_it_was(tmp_path):
    path = weights(tmp_path, "name,weight\nA,1\nB,-2\n")
    out = tmp_path / "seats.csv"
    out.write_text("earlier result\n")
    result = run("apportion", "-t", "10", "-w", path, "-o", out)
    assert result.returncode == 1
    assert "weights.csv" in result.stderr.decode()
    assert out.read_text() == "earlier result\n"
    assert sorted(os.listdir(tmp_path)) == ["seats.csv", "weights.csv"]


def test_an_output_file_that_cannot_be_written_is_an_error_naming_it(tmp_path):
    out = tmp_path / "no" / "such" / "dir.csv"
    result = run("municipalities", "-o", out)
    assert result.returncode == 1
    assert result.stdout == b""
    assert f"cannot write {out}: No such file or directory" in result.stderr.decode()
    assert not (tmp_path / "no").exists()
    # a directory is not a file to replace
    result = run("municipalities", "-o", tmp_path)
    assert result.returncode == 1
    assert os.listdir(tmp_path) == []


def test_quiet_keeps_errors_and_drops_notes(tmp_path):
    loud = run("municipalities", "-f", "json")
    assert loud.stderr.decode().startswith("opvang: population of 2024-01-01")
    quiet = run("municipalities", "-q", "-f", "json")
    assert quiet.returncode == 0
    assert quiet.stderr == b""
    # the notes stay in the JSON meta
    assert json.loads(quiet.stdout)["meta"]["notes"] == [
        line.removeprefix("opvang: ") for line in loud.stderr.decode().splitlines()]
    failed = run("apportion", "--quiet", "-t", "10", "-w", tmp_path / "missing.csv")
    assert failed.returncode == 1
    assert "missing.csv" in failed.stderr.decode()


def test_the_meta_says_what_was_asked(tmp_path):
    path = weights(tmp_path)
    meta = json.loads(run("apportion", "-t", "10", "-w", path, "-f", "json").stdout)["meta"]
    version = run("--version").stdout.decode().split()[1]
    assert meta["version"] == version
    assert meta["command"] == "apportion"
    assert meta["inputs"] == ["-t", "10", "-w", str(path), "-f", "json"]
    assert meta["population_date"] is None  # weights rest on no register
    assert meta["notes"] == []


def test_help_lists_the_common_options():
    text = run("distribute", "--help").stdout.decode()
    assert "-o, --output FILE" in text and "-q, --quiet" in text
    # report writes a directory of its own (--out), not a table
    text = run("report", "--help").stdout.decode()
    assert "--output FILE" not in text and "-q, --quiet" in text


def test_a_file_name_that_is_not_utf8_shows_as_escapes_in_the_meta(tmp_path):
    # "café.csv" in Latin-1: byte 0xE9 is not UTF-8.  The metadata must be
    # UTF-8 (JSON), so the byte shows as \xe9 (as the text table shows control characters); the file itself is read.
    name = os.fsencode(tmp_path) + b"/caf\xe9.csv"
    with open(name, "w") as f:
        f.write(WEIGHTS)
    result = subprocess.run([program(), "apportion", "-t", "10", "-w", name, "-f", "json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    document = json.loads(result.stdout.decode("utf-8"))
    shown = os.fsdecode(tmp_path) + "/caf\\xe9.csv"
    assert document["meta"]["inputs"] == ["-t", "10", "-w", shown, "-f", "json"]
    assert [row["seats"] for row in document["rows"]] == [3, 3, 4]
    assert b"out of memory" not in result.stderr
