# SPDX-License-Identifier: EUPL-1.2
"""Registers by population date in Python; expected values from the CBS tables in data/."""

import csv
import warnings

import pytest

import opvang


def cbs(source_root, date):
    name = "gemeenten_2024.csv" if date == "2024-01-01" else f"gemeenten_inwoners_{date}.csv"
    with open(source_root / "data" / name, newline="", encoding="utf-8") as f:
        return {r["gemeentecode"]: int(r["inwoners"]) for r in csv.DictReader(f)}


@pytest.mark.parametrize("date", ["2023-01-01", "2024-01-01", "2025-01-01"])
def test_municipalities_of_each_date(source_root, date):
    frame = opvang.municipalities(population_date=date)
    assert dict(zip(frame["code"], frame["population"])) == cbs(source_root, date)
    assert frame.attrs["population_date"] == date


def test_the_default_is_1_january_2024():
    assert opvang.municipalities().attrs["population_date"] == "2024-01-01"
    assert opvang.distribute(100).attrs["population_date"] == "2024-01-01"


@pytest.mark.parametrize("period, date", [("2024-H2", "2023-01-01"), ("2025-H1", "2024-01-01"),
                                          ("2026-H1", "2025-01-01")])
def test_housing_task_takes_the_legal_date(source_root, period, date):
    populations = cbs(source_root, date)
    national = sum(populations.values())
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the legal date: no warning
        frame = opvang.housing_task(13000, period)
    assert frame.attrs["population_date"] == date
    tasks = dict(zip(frame["code"], frame["task"]))
    assert tasks == {code: -(-13000 * p // national) for code, p in populations.items()}


def test_housing_task_on_another_date_warns():
    with pytest.warns(UserWarning, match="2023-01-01"):
        frame = opvang.housing_task(13000, "2024-H2", population_date="2024-01-01")
    assert frame.loc[frame["code"] == "GM0363", "task"].iloc[0] == 675


def test_a_date_without_register():
    with pytest.raises(opvang.Error, match="'2026-01-01'.*2023-01-01, 2024-01-01, 2025-01-01"):
        opvang.housing_task(13000, "2027-H1")
    with pytest.raises(opvang.Error, match="give one of them"):
        opvang.distribute(100, municipalities="r.csv", population_date="2025-01-01")
