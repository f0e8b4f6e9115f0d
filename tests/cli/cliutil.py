# SPDX-License-Identifier: EUPL-1.2
"""Running the built `opvang` program (OPVANG_CLI) and reading what it prints.

Shared by the test files of the housing, places and projection commands.
"""

import csv
import json
import io
import os
import subprocess
from pathlib import Path

import pytest

SOURCE_ROOT = Path(__file__).resolve().parents[2]
CBS_REGISTER = SOURCE_ROOT / "data" / "gemeenten_2024.csv"


def program():
    path = os.environ.get("OPVANG_CLI")
    if not path:
        pytest.fail("OPVANG_CLI must name the built opvang program")
    return path


def run(*args):
    return subprocess.run([program(), *map(str, args)], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, check=False)


POPULATION_NOTE = "opvang: population of "


def succeed(*args):
    """Runs `opvang ARGS`, which must succeed; returns (stdout, stderr lines).

    The note that names the population a result rests on is left out of the
    lines (test_population.py checks it); every other line stays.
    """
    result = run(*args)
    assert result.returncode == 0, result.stderr.decode()
    lines = result.stderr.decode("utf-8").splitlines()
    return result.stdout.decode("utf-8"), [x for x in lines if not x.startswith(POPULATION_NOTE)]


def population_notes(*args):
    """The population notes of `opvang ARGS`, which must succeed."""
    result = run(*args)
    assert result.returncode == 0, result.stderr.decode()
    return [x for x in result.stderr.decode("utf-8").splitlines() if x.startswith(POPULATION_NOTE)]


def json_rows(text):
    """The rows of a command's JSON output ({"meta": ..., "rows": [...]})."""
    document = json.loads(text)
    assert set(document) == {"meta", "rows"}
    return document["rows"]


def records(text):
    """CSV output as a list of dicts keyed by the header."""
    return list(csv.DictReader(io.StringIO(text, newline="")))


def header(text):
    return next(csv.reader(io.StringIO(text, newline="")))


def by_code(rows):
    return {r["code"]: r for r in rows}


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def usage_error(result, command):
    """Exit 2, nothing on stdout, the message and a hint on stderr; returns the message."""
    assert result.returncode == 2, result.stderr.decode()
    assert result.stdout == b""
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 2, lines
    assert lines[0].startswith(f"opvang {command}: ")
    assert lines[1] == f"try 'opvang {command} --help'"
    return lines[0]


def data_error(result):
    """Exit 1, nothing on stdout (never a partial table), one message line; returns it."""
    assert result.returncode == 1, result.stderr.decode()
    assert result.stdout == b""
    message = result.stderr.decode()
    assert message.startswith("opvang: ") and message.endswith("\n")
    assert message.count("\n") == 1, message
    return message


def read_cbs(date="2024-01-01"):
    """A CBS register in data/ (by population date), read with the csv module."""
    path = CBS_REGISTER if date == "2024-01-01" else SOURCE_ROOT / "data" / f"gemeenten_inwoners_{date}.csv"
    with open(path, newline="", encoding="utf-8") as f:
        return [
            {"code": r["gemeentecode"], "name": r["gemeentenaam"],
             "province_code": r["provinciecode"], "province": r["provincienaam"],
             "population": int(r["inwoners"])}
            for r in csv.DictReader(f)
        ]


def help_text(command):
    text, notes = succeed(command, "--help")
    assert notes == []
    assert text.startswith(f"usage: opvang {command} ")
    assert "Example:" in text
    return text
