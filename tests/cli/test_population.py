# SPDX-License-Identifier: EUPL-1.2
"""Registers by population date, and codes of merged municipalities, on the command line.

Expected values come from the CBS tables in data/, read here with the csv module.
"""
import json

import pytest

from cliutil import (by_code, data_error, population_notes, read_cbs, records, run, succeed,
                     usage_error)

REGISTER_COMMANDS = [
    ("municipalities",),
    ("distribute", "--total", "100"),
    ("housing-task", "--national", "100", "--period", "2025-H1"),
]


@pytest.mark.parametrize("date", ["2023-01-01", "2024-01-01", "2025-01-01"])
def test_municipalities_of_each_date(date):
    cbs = read_cbs(date)
    text, _ = succeed("municipalities", "--population-date", date)
    rows = records(text)
    assert [r["code"] for r in rows] == [r["code"] for r in cbs]
    assert [int(r["population"]) for r in rows] == [r["population"] for r in cbs]
    note, = population_notes("municipalities", "--population-date", date)
    assert note.startswith(f"opvang: population of {date} (CBS StatLine ")


def test_the_default_stays_1_january_2024():
    for command in REGISTER_COMMANDS:
        note, = population_notes(*command)
        assert note.startswith("opvang: population of 2024-01-01 (CBS StatLine 85984NED"), command


@pytest.mark.parametrize("command", REGISTER_COMMANDS)
def test_json_says_the_population_date(command):
    text, _ = succeed(*command, "--population-date", "2023-01-01", "--format", "json")
    meta = json.loads(text)["meta"]
    assert meta["population_date"] == "2023-01-01"
    assert "03759NED" in meta["register_source"]
    assert meta["map_mergers"] is False


def test_a_date_without_register_names_those_there_are():
    # A wrong option value: exit 2.
    message = usage_error(run("distribute", "--total", "10", "--population-date", "2022-01-01"),
                          "distribute")
    assert message == ("opvang distribute: --population-date: no embedded register has population "
                       "date '2022-01-01'; the embedded dates are 2023-01-01, 2024-01-01, "
                       "2025-01-01 (or load a register from CSV)")


def test_register_file_and_population_date_do_not_go_together(tmp_path):
    message = usage_error(run("municipalities", "--register", str(tmp_path / "r.csv"),
                              "--population-date", "2023-01-01"), "municipalities")
    assert "--population-date" in message


def test_distribution_on_another_date_uses_its_population():
    # Hamilton over 2023 populations: the quota of Amsterdam is 96000 * 918117 / 17811291.
    text, _ = succeed("distribute", "--total", "96000", "--population-date", "2023-01-01")
    row = by_code(records(text))["GM0363"]
    assert int(row["population"]) == 918117
    quota = 96000 * 918117 / 17811291
    assert int(row["places"]) in (int(quota), int(quota) + 1)
