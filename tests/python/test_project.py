# SPDX-License-Identifier: EUPL-1.2
"""opvang.project: the shortfall projection, checked by hand and against the documented step."""

import copy
import errno
import datetime
import json
import math
import pathlib
import re

import numpy as np
import pandas as pd
import pytest

import opvang
from opvang import errors

COLUMNS = ["week", "date", "in_procedure", "status_holders", "other", "occupancy", "capacity",
           "shortage", "planning_shortage", "inflow", "decided", "granted", "housed", "departed",
           "capacity_regular", "capacity_emergency", "capacity_hotel", "capacity_unspecified",
           "capacity_above_agreement", "transit_capacity", "in_transit", "to_transit",
           "left_transit", "housing_due"]
MONTE_CARLO_COLUMNS = ["occupancy_p05", "occupancy_p50", "occupancy_p95", "shortage_p05",
                       "shortage_p50", "shortage_p95", "p_shortage"]

# 27,000 in procedure, 500 arrivals a week and nothing leaves.
TOY = {
    "start": "2026-01-05",
    "weeks": 12,
    "initial": {"in_procedure": 27000, "status_holders": 0, "other": 0},
    "inflow_per_week": 500,
    "decision_rate": 0,
    "grant_rate": 0,
    "housing_per_week": 0,
    "departure_rate": 0,
    "capacity": {"initial": 30000},
}


def toy(**changes):
    """TOY with top-level fields replaced (None removes one)."""
    doc = copy.deepcopy(TOY)
    for key, value in changes.items():
        if value is None:
            del doc[key]
        else:
            doc[key] = value
    return doc


@pytest.fixture(scope="module")
def march_path(source_root):
    return str(source_root / "examples" / "scenarios" / "march_2026.json")


@pytest.fixture(scope="module")
def march(march_path):
    with open(march_path, encoding="utf-8") as f:
        return json.load(f)


# ---- values by hand ----------------------------------------------------------------


def test_toy_golden_row_12():
    frame = opvang.project(toy())
    assert list(frame.columns) == COLUMNS
    assert len(frame) == 13
    row = frame.iloc[12]
    assert row["occupancy"] == 33000  # 27,000 + 12 x 500
    assert row["in_procedure"] == 33000
    assert row["date"] == pd.Timestamp(2026, 3, 30)  # 5 January + 84 days
    assert frame["date"].dtype == np.dtype("datetime64[ns]")
    assert row["shortage"] == 3000
    assert frame["week"].tolist() == list(range(13))
    assert frame["inflow"].tolist() == [0] + [500] * 12
    assert frame["occupancy"].tolist() == [27000 + 500 * k for k in range(13)]
    assert frame.attrs["peak_shortage"] == 3000
    assert frame.attrs["peak_week"] == 12
    assert frame.attrs["peak_date"] == pd.Timestamp(2026, 3, 30)
    assert frame.attrs["peak_shortage_p50"] is None
    assert frame.attrs["start"] == pd.Timestamp(2026, 1, 5)
    assert frame.attrs["weeks"] == 12
    assert frame.attrs["monte_carlo"] is False


def test_zero_flows_keep_the_stocks():
    frame = opvang.project(toy(inflow_per_week=0,
                               initial={"in_procedure": 100, "status_holders": 20, "other": 3}))
    for column, value in (("in_procedure", 100), ("status_holders", 20), ("other", 3),
                          ("occupancy", 123)):
        assert frame[column].tolist() == [value] * 13
    assert frame.attrs["peak_week"] is None
    assert frame.attrs["peak_date"] is None
    assert frame.attrs["peak_shortage"] == 0


def test_planning_shortage_at_91_percent():
    # 87,360 / 0.91 = 96,000 places needed, 6,000 more than the 90,000 there are.
    doc = toy(weeks=1, inflow_per_week=0, capacity={"initial": 90000}, target_occupancy=0.91,
              initial={"in_procedure": 87360, "status_holders": 0, "other": 0})
    frame = opvang.project(doc)
    assert frame["planning_shortage"].tolist() == [6000, 6000]
    assert frame["shortage"].tolist() == [0, 0]
    del doc["target_occupancy"]  # 0.91 is the default
    assert opvang.project(doc)["planning_shortage"].tolist() == [6000, 6000]
    # One more person needs ceil(87,361 / 0.91) = 96,002 places.
    doc["initial"]["in_procedure"] = 87361
    assert opvang.project(doc)["planning_shortage"].tolist() == [6002, 6002]


def test_the_flows_of_one_week_by_hand():
    doc = toy(weeks=1, inflow_per_week=7, decision_rate=0.1, grant_rate=0.6,
              housing_per_week=50, departure_rate=0.5,
              initial={"in_procedure": 1000, "status_holders": 20, "other": 3})
    row = opvang.project(doc).iloc[1]
    assert row["inflow"] == 7
    assert row["decided"] == 100   # 0.1 x 1,000
    assert row["granted"] == 60    # 0.6 x 100
    assert row["housed"] == 20     # 50 wanted, 20 waiting
    assert row["departed"] == 2    # 0.5 x 3 = 1.5, half up
    assert row["in_procedure"] == 907     # 1,000 + 7 - 100
    assert row["status_holders"] == 60    # 20 + 60 - 20
    assert row["other"] == 41             # 3 + 40 rejected - 2
    assert row["occupancy"] == 1008       # 1,023 + 7 - 20 - 2


def test_capacity_changes_on_the_change_date():
    doc = toy(weeks=4, capacity={"initial": 30000, "changes": [
        {"date": "2026-01-12", "delta": 1000},    # a Monday: row 1 itself
        {"date": "2026-01-20", "delta": -400}]})  # a Tuesday: from row 3 (26 January)
    assert opvang.project(doc)["capacity"].tolist() == [30000, 31000, 31000, 30600, 30600]


def test_arrays_per_week():
    doc = toy(weeks=3, inflow_per_week=[10, 20, 30], housing_per_week=[0, 0, 0])
    assert opvang.project(doc)["inflow"].tolist() == [0, 10, 20, 30]


# ---- the March 2026 example ------------------------------------------------------------


def half_up(x):
    return math.floor(x + 0.5)


def reference(doc):
    """The step of docs/scenario.md, written out again without the library."""
    start = datetime.date.fromisoformat(doc["start"])
    weeks = doc["weeks"]
    p, s, o = (doc["initial"][name] for name in ("in_procedure", "status_holders", "other"))
    per_week = lambda value: value if isinstance(value, list) else [value] * weeks
    inflow, housing = per_week(doc["inflow_per_week"]), per_week(doc["housing_per_week"])
    seasonality = doc.get("inflow_seasonality", [1.0] * 12)
    target_millionths = half_up(doc.get("target_occupancy", 0.91) * 1e6)
    changes = [(datetime.date.fromisoformat(c["date"]), c["delta"])
               for c in doc["capacity"].get("changes", [])]
    initial = doc["capacity"]["initial"]
    if isinstance(initial, dict):  # places per type; none of them transit places here
        assert "doorstroom" not in initial
        initial = sum(initial.values())
    rows = []
    flows = (0, 0, 0, 0, 0)
    for k in range(weeks + 1):
        date = start + datetime.timedelta(weeks=k)
        capacity = initial + sum(d for day, d in changes if day <= date)
        occupancy = p + s + o
        needed = -(-occupancy * 10 ** 6 // target_millionths)  # exact ceiling
        rows.append((pd.Timestamp(date), p, s, o, occupancy, capacity, max(0, occupancy - capacity),
                     max(0, needed - capacity)) + flows)
        if k == weeks:
            break
        arrived = half_up(inflow[k] * seasonality[date.month - 1])
        decided = half_up(doc["decision_rate"] * p)
        granted = half_up(doc["grant_rate"] * decided)
        housed = min(half_up(housing[k]), s)
        departed = half_up(doc["departure_rate"] * o)
        p, s, o = p + arrived - decided, s + granted - housed, o + decided - granted - departed
        flows = (arrived, decided, granted, housed, departed)
    return rows


def test_march_2026_follows_the_documented_step(march, march_path):
    frame = opvang.project(march_path)
    names = ["date", "in_procedure", "status_holders", "other", "occupancy", "capacity",
             "shortage", "planning_shortage", "inflow", "decided", "granted", "housed",
             "departed"]
    assert [tuple(row) for row in frame[names].itertuples(index=False)] == reference(march)


def test_march_2026_mass_balance_every_week(march_path):
    frame = opvang.project(march_path)
    stocks = frame[["in_procedure", "status_holders", "other"]]
    assert (stocks >= 0).all().all()
    assert (stocks.sum(axis=1) == frame["occupancy"]).all()
    change = frame["occupancy"].diff().iloc[1:]
    outflow = frame["inflow"] - frame["housed"] - frame["departed"]
    assert (change == outflow.iloc[1:]).all()
    assert frame.loc[0, ["inflow", "decided", "granted", "housed", "departed"]].tolist() == [0] * 5
    assert (frame["shortage"] == (frame["occupancy"] - frame["capacity"]).clip(lower=0)).all()


def test_march_2026_by_the_readme(march_path):
    frame = opvang.project(march_path)
    # 45,000 + 17,500 + 9,500 = 72,000 people for 50,000 + 17,500 = 67,500 places.
    assert frame.loc[0, ["occupancy", "capacity", "shortage"]].tolist() == [72000, 67500, 4500]
    assert frame.loc[0, ["capacity_regular", "capacity_emergency"]].tolist() == [50000, 17500]
    # +500 from 4 May, +500 from 1 June, -2,500 from 1 July (row of Monday 6 July).
    capacity = dict(zip(frame["date"], frame["capacity"]))
    assert capacity[pd.Timestamp(2026, 4, 27)] == 67500
    assert capacity[pd.Timestamp(2026, 5, 4)] == 68000
    assert capacity[pd.Timestamp(2026, 6, 1)] == 68500
    assert capacity[pd.Timestamp(2026, 6, 29)] == 68500
    assert capacity[pd.Timestamp(2026, 7, 6)] == 66000
    assert frame.attrs["monte_carlo"] is True
    # The temporary places kept open until 1 October: 68,500 on 31 August,
    # and 2,500 fewer short than without.
    kept = opvang.project(pathlib.Path(march_path).with_name("march_2026_kept_open.json"))
    assert kept.loc[22, "date"] == pd.Timestamp(2026, 8, 31)
    assert kept.loc[22, "capacity"] == 68500
    assert kept.loc[22, "shortage"] == frame.loc[22, "shortage"] - 2500


# ---- Monte Carlo -------------------------------------------------------------------------


def test_monte_carlo_without_variation_is_the_projection(march):
    doc = copy.deepcopy(march)
    doc["monte_carlo"] = {"inflow_cv": 0, "inflow_autocorrelation": 0, "housing_cv": 0,
                          "capacity_delay_probability": 0, "capacity_delay_weeks": 0}
    frame = opvang.project(doc, runs=64, seed=5, threads=2)
    assert list(frame.columns) == COLUMNS + MONTE_CARLO_COLUMNS
    for column in ("occupancy_p05", "occupancy_p50", "occupancy_p95"):
        assert frame[column].tolist() == frame["occupancy"].astype(float).tolist()
    for column in ("shortage_p05", "shortage_p50", "shortage_p95"):
        assert frame[column].tolist() == frame["shortage"].astype(float).tolist()
    assert frame["p_shortage"].tolist() == (frame["shortage"] > 0).astype(float).tolist()
    assert frame.attrs["peak_shortage_p50"] == frame["shortage"].max()
    assert frame.attrs["peak_shortage_p95"] == frame["shortage"].max()

    del doc["monte_carlo"]
    without = opvang.project(doc, runs=10)
    assert without.attrs["monte_carlo"] is False
    assert without["occupancy_p95"].tolist() == frame["occupancy_p95"].tolist()


def test_the_same_seed_gives_the_same_runs_on_any_thread_count(march_path):
    one = opvang.project(march_path, runs=300, seed=12345, threads=1)
    two = opvang.project(march_path, runs=300, seed=12345, threads=2)
    pd.testing.assert_frame_equal(one, two)
    assert one.attrs == two.attrs
    # The noise is real: the band is wide, and another seed moves it.
    assert (one["occupancy_p95"] > one["occupancy_p05"]).iloc[1:].all()
    other = opvang.project(march_path, runs=300, seed=12346, threads=2)
    assert other["occupancy_p95"].tolist() != one["occupancy_p95"].tolist()
    # The band holds the median, and the columns without noise are the same.
    assert (one["occupancy_p05"] <= one["occupancy_p50"]).all()
    assert (one["occupancy_p50"] <= one["occupancy_p95"]).all()
    assert one[COLUMNS].equals(opvang.project(march_path)[COLUMNS])
    assert one.attrs["peak_shortage_p50"] <= one.attrs["peak_shortage_p95"]


def test_seeds_span_64_bits(march_path):
    top = opvang.project(march_path, runs=20, seed=2 ** 64 - 1)
    low = opvang.project(march_path, runs=20, seed=2 ** 32 - 1)
    assert top.attrs["seed"] == 2 ** 64 - 1
    # The high half of the seed is part of the key.
    assert top["occupancy_p95"].tolist() != low["occupancy_p95"].tolist()
    with pytest.raises(opvang.Error, match="2\\^64") as info:
        opvang.project(march_path, runs=20, seed=2 ** 64)
    assert info.value.code == errors.ERANGE


@pytest.mark.parametrize("options, code, needle", [
    ({"runs": 0}, errors.EINVAL, "runs 0 is outside 1..10^7"),
    ({"runs": 10_000_001}, errors.EINVAL, "runs 10000001 is outside 1..10^7"),
    ({"runs": -1}, errors.EINVAL, "runs must not be negative"),
    ({"runs": 2 ** 64}, errors.EINVAL, "runs must be a whole number from 0 to 2^64 - 1"),
    ({"threads": 2 ** 40}, errors.ERANGE,
     "threads must be a whole number from 0 to 4294967295, got 1099511627776"),
    ({"threads": 0}, errors.EINVAL, "threads 0 is outside 1..256"),
    ({"threads": 257}, errors.EINVAL, "threads 257 is outside 1..256"),
    ({"seed": -1}, errors.ERANGE, "seed must not be negative"),
])
def test_runs_seed_and_threads_out_of_range(options, code, needle):
    with pytest.raises(opvang.Error, match=re.escape(needle)) as info:
        opvang.project(toy(), **options)
    assert info.value.code == code


def test_arguments_of_the_wrong_type():
    with pytest.raises(TypeError):
        opvang.project(42)
    with pytest.raises(TypeError):
        opvang.project(toy(), runs=2.5)
    with pytest.raises(TypeError):
        opvang.project(toy(), runs=True)
    with pytest.raises(TypeError, match="scenario field 'start'"):
        opvang.project(toy(start=object()))


# ---- dicts and files -----------------------------------------------------------------------


def test_a_dict_equals_the_file(march, march_path):
    for options in ({}, {"runs": 50, "seed": 9}):
        from_file = opvang.project(march_path, **options)
        from_dict = opvang.project(march, **options)
        pd.testing.assert_frame_equal(from_file, from_dict)
        assert from_dict.attrs["scenario"] == "<dict>"
        assert from_file.attrs["scenario"] == march_path
        assert ({k: v for k, v in from_file.attrs.items() if k != "scenario"}
                == {k: v for k, v in from_dict.attrs.items() if k != "scenario"})


def test_a_dict_with_dates_and_numpy_values():
    plain = opvang.project(toy(weeks=3, inflow_per_week=[10, 20, 30]))
    rich = opvang.project(toy(start=datetime.date(2026, 1, 5), weeks=np.int64(3),
                              inflow_per_week=np.array([10, 20, 30]),
                              decision_rate=np.float64(0.0)))
    pd.testing.assert_frame_equal(plain, rich)


def test_a_path_object(march_path):
    assert opvang.project(pathlib.Path(march_path))["occupancy"].iloc[0] == 72000


LOCATIONS = ("id,code,name,type,agreed_capacity,capacity,opens,closes\n"
             "L1,GM0363,Amsterdam azc,azc,100,120,2026-01-12,2026-02-02\n")


def test_locations_beside_the_scenario_file(tmp_path, monkeypatch):
    folder = tmp_path / "scenario"
    folder.mkdir()
    (folder / "locations.csv").write_text(LOCATIONS, encoding="utf-8")
    (folder / "s.json").write_text(json.dumps(toy(weeks=5, capacity={
        "initial": 1000, "locations": "locations.csv"})), encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # not the scenario's directory
    frame = opvang.project(str(folder / "s.json"))
    # Open from Monday 12 January, closed from Monday 2 February.
    assert frame["capacity"].tolist() == [1000, 1120, 1120, 1120, 1000, 1000]


def test_locations_of_a_dict_are_relative_to_the_working_directory(tmp_path, monkeypatch):
    (tmp_path / "locations.csv").write_text(LOCATIONS, encoding="utf-8")
    doc = toy(weeks=5, capacity={"initial": 1000, "locations": "locations.csv"})
    monkeypatch.chdir(tmp_path)
    assert opvang.project(doc)["capacity"].tolist() == [1000, 1120, 1120, 1120, 1000, 1000]
    monkeypatch.chdir(tmp_path.parent)
    # The library opens this one: its report becomes the same FileNotFoundError.
    with pytest.raises(FileNotFoundError, match="locations.csv") as info:
        opvang.project(doc)
    assert info.value.errno == errno.ENOENT
    assert info.value.filename == "locations.csv"
    assert info.value.code == errors.EIO


def test_locations_against_another_register(tmp_path, monkeypatch):
    (tmp_path / "register.csv").write_text(
        "code,name,province_code,province,population\nGM0001,Alpha,PV20,North,1000\n",
        encoding="utf-8")
    (tmp_path / "locations.csv").write_text(LOCATIONS.replace("GM0363", "GM0001"),
                                            encoding="utf-8")
    doc = toy(weeks=1, capacity={"initial": 0, "locations": "locations.csv"})
    monkeypatch.chdir(tmp_path)
    assert opvang.project(doc, municipalities="register.csv")["capacity"].tolist() == [0, 120]
    with pytest.raises(opvang.Error, match="GM0001") as info:
        opvang.project(doc)  # the embedded register has no GM0001
    assert info.value.code == errors.ENOTFOUND


# ---- every scenario error names its field ------------------------------------------------


def with_field(doc, path, value):
    """doc with the field at a dotted path set (or removed, for value None)."""
    doc = copy.deepcopy(doc)
    *parents, last = path.split(".")
    node = doc
    for name in parents:
        node = node[int(name)] if isinstance(node, list) else node[name]
    if value is None:
        del node[last]
    else:
        node[last] = value
    return doc


SCENARIO_ERRORS = [
    # (field path, value (None: removed), status, the field as the message names it)
    ("decison_rate", 0.1, errors.EINVAL, "field 'decison_rate': unknown field"),
    ("initial.others", 0, errors.EINVAL, "field 'initial.others': unknown field"),
    ("weeks", None, errors.EINVAL, "field 'weeks': missing"),
    ("initial.other", None, errors.EINVAL, "field 'initial.other': missing"),
    ("capacity", None, errors.EINVAL, "field 'capacity': missing"),
    ("grant_rate", 1.2, errors.ERANGE, "field 'grant_rate': 1.2 is outside [0, 1]"),
    ("decision_rate", -0.1, errors.ERANGE, "field 'decision_rate'"),
    ("target_occupancy", 0, errors.ERANGE, "field 'target_occupancy'"),
    ("initial.in_procedure", -1, errors.ERANGE,
     "field 'initial.in_procedure': must not be negative"),
    ("initial.in_procedure", 1.5, errors.EPARSE, "field 'initial.in_procedure': must be a whole"),
    ("start", "2026-02-30", errors.EPARSE, "field 'start': '2026-02-30' is not a date"),
    ("start", 20260105, errors.EPARSE, "field 'start': must be a date string"),
    ("weeks", 0, errors.ERANGE, "field 'weeks': must be 1 to 1040"),
    ("weeks", 1041, errors.ERANGE, "field 'weeks': must be 1 to 1040"),
    ("inflow_per_week", [500] * 11, errors.ERANGE,
     "field 'inflow_per_week': has 11 values; the scenario has 12 weeks"),
    ("housing_per_week", [0] * 13, errors.ERANGE, "field 'housing_per_week': has 13 values"),
    ("inflow_per_week", "500", errors.EPARSE, "field 'inflow_per_week'"),
    ("inflow_seasonality", [1.0] * 11, errors.ERANGE, "field 'inflow_seasonality'"),
    ("capacity.changes", [{"date": "2026-02-30", "delta": 5}], errors.EPARSE,
     "field 'capacity.changes[0].date'"),
    ("capacity.changes", [{"date": "2026-02-02", "delta": -40000}], errors.ERANGE,
     "field 'capacity': capacity on 2026-02-02 (week 4) would be -10000"),
    ("monte_carlo", {"inflow_cv": 0.1, "seed": 3}, errors.EINVAL,
     "field 'monte_carlo.seed': unknown field"),
    ("monte_carlo", {"housing_cv": 11}, errors.ERANGE, "field 'monte_carlo.housing_cv'"),
]


@pytest.mark.parametrize("form", ["dict", "file"])
@pytest.mark.parametrize("path, value, code, needle", SCENARIO_ERRORS)
def test_scenario_errors_name_the_field(form, path, value, code, needle, tmp_path):
    doc = with_field(TOY, path, value)
    if form == "file":
        given = tmp_path / "wrong.json"
        given.write_text(json.dumps(doc), encoding="utf-8")
        source = str(given)
    else:
        given, source = doc, "<dict>"
    with pytest.raises(opvang.Error) as info:
        opvang.project(given)
    assert info.value.code == code
    assert str(info.value).startswith(source + ": ")
    assert needle in str(info.value)


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, np.float64("nan")])
def test_a_dict_with_a_number_json_cannot_hold(value):
    with pytest.raises(opvang.Error,
                       match="^<dict>: field 'decision_rate': .* not a finite") as info:
        opvang.project(toy(decision_rate=value))
    assert info.value.code == errors.ERANGE
    with pytest.raises(opvang.Error, match=r"field 'inflow_per_week\[1\]'"):
        opvang.project(toy(weeks=2, inflow_per_week=[1, value]))


def test_a_failing_dict_is_left_as_it_was():
    doc = toy(grant_rate=1.5)
    before = copy.deepcopy(doc)
    with pytest.raises(opvang.Error):
        opvang.project(doc)
    assert doc == before


# ---- sensitivity ---------------------------------------------------------------------------

SMALL = {
    "start": "2026-01-05", "weeks": 4,
    "initial": {"in_procedure": 1000, "status_holders": 200, "other": 0},
    "inflow_per_week": 100, "decision_rate": 0, "grant_rate": 0, "housing_per_week": 0,
    "departure_rate": 0, "capacity": {"initial": 1000},
}


def test_sensitivity_by_hand(tmp_path):
    # On 2 February: 1,000 + 200 + 4 x 100 = 1,600 people against 1,000 places.
    # 20% moves: in procedure +-200; capacity -+200; inflow +-20 a week, +-80;
    # status holders +-40; housing by 25 a week: 100 of the 200 housed.
    chart = tmp_path / "t.svg"
    frame = opvang.sensitivity(SMALL, delta=0.2, absolute={"housing_per_week": 25}, chart=chart)
    assert frame.attrs["shortage"] == 600
    assert frame.attrs["date"] == pd.Timestamp(2026, 2, 2)
    top = [(r.input, r.shortage_low, r.shortage_high, r.effect)
           for r in frame.head(5).itertuples(index=False)]
    assert top == [("initial.in_procedure", 400, 800, 400), ("capacity.initial", 800, 400, 400),
                   ("inflow_per_week", 520, 680, 160), ("housing_per_week", 600, 500, 100),
                   ("initial.status_holders", 560, 640, 80)]
    assert frame["shortage_low"].dtype == np.int64
    assert chart.read_text().startswith("<svg")


def test_sensitivity_mistakes():
    with pytest.raises(opvang.Error, match="no input 'housing'"):
        opvang.sensitivity(SMALL, absolute={"housing": 5})
    with pytest.raises(opvang.Error, match=r"outside \(0, 10\]"):
        opvang.sensitivity(SMALL, delta=0)
    with pytest.raises(opvang.Error, match="outside the projection"):
        opvang.sensitivity(SMALL, date="2025-01-01")
    with pytest.raises(TypeError):
        opvang.sensitivity(SMALL, delta="10%")


# ---- Monte Carlo at any size ----------------------------------------------------------------

def test_run_ranges_merge_into_one_run(march):
    doc = copy.deepcopy(march)
    whole = opvang.monte_carlo(doc, runs=900, seed=5, threads=2)
    parts = opvang.monte_carlo(doc, runs=300, seed=5)
    parts.merge(opvang.monte_carlo(doc, runs=300, seed=5, first_run=600, threads=2))
    parts.merge(opvang.monte_carlo(doc, runs=300, seed=5, first_run=300))
    assert parts.runs == whole.runs == 900
    pd.testing.assert_frame_equal(parts.weeks(), whole.weeks(), check_exact=True)
    assert parts.peak_shortage(0.5) == whole.peak_shortage(0.5)
    frame = opvang.project(doc, runs=900, seed=5)
    for name in ("occupancy_p05", "shortage_p50", "shortage_p95", "p_shortage"):
        assert frame[name].tolist() == whole.weeks()[name].tolist()
    assert frame.attrs["peak_shortage_p50"] == whole.peak_shortage(0.5)
    with pytest.raises(opvang.Error, match="overlap"):
        parts.merge(opvang.monte_carlo(doc, runs=10, seed=5, first_run=899))
    with pytest.raises(opvang.Error, match="another scenario or seed"):
        parts.merge(opvang.monte_carlo(doc, runs=10, seed=6, first_run=900))
    assert parts.runs == 900


def test_other_threads_run_during_project(march):
    # The runs go without the interpreter lock: a thread that ticks every
    # 10 ms keeps ticking (with the lock held it would tick a few times).
    import threading
    import time
    ticks, stop = [], threading.Event()

    def tick():
        while not stop.is_set():
            ticks.append(time.monotonic())
            time.sleep(0.01)

    doc = copy.deepcopy(march)
    thread = threading.Thread(target=tick)
    thread.start()
    started = time.monotonic()
    # Calls of a few tenths of a second each, for at least one second in all,
    # however fast the machine.
    while time.monotonic() - started < 1.0:
        opvang.project(doc, runs=200000, seed=1)
    elapsed = time.monotonic() - started
    stop.set()
    thread.join()
    during = [t for t in ticks if started <= t <= started + elapsed]
    assert len(during) >= 0.5 * elapsed / 0.01, (len(during), elapsed)


def test_ctrl_c_stops_a_long_project(march_path, tmp_path):
    # A child runs 10^7 runs; SIGINT after it has started ends them with
    # KeyboardInterrupt within a second.
    import signal
    import subprocess
    import sys
    import time
    script = tmp_path / "long.py"
    script.write_text(
        "import sys, time, opvang\n"
        "print('ready', flush=True)\n"
        "try:\n"
        f"    opvang.project({str(march_path)!r}, runs=10_000_000, threads=1)\n"
        "    print('finished', flush=True)\n"
        "except KeyboardInterrupt:\n"
        "    print('interrupted', time.monotonic(), flush=True)\n")
    child = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "ready"
    time.sleep(1.5)
    sent = time.monotonic()
    child.send_signal(signal.SIGINT)
    out, _ = child.communicate(timeout=30)
    word, when = out.split()
    assert word == "interrupted"
    assert float(when) - sent < 1.0
    assert child.returncode == 0
