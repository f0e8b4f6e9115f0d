# SPDX-License-Identifier: EUPL-1.2
"""opvang.places and opvang.capacity on hand-made locations; every expectation by hand."""

import csv
import datetime
import io
import os
import subprocess

import numpy as np
import pandas as pd
import pytest

import opvang
from opvang import errors

REGISTER = ("code,name,province_code,province,population\n"
            "GM0001,Alpha,PV20,North,1000\n"
            "GM0002,Beta,PV20,North,1000\n"
            "GM0003,Gamma,PV21,South,1000\n")

HEADER = "id,code,name,type,agreed_capacity,capacity,opens,closes\n"
LOCATIONS = HEADER + (
    # Opens on 1 July 2026, open-ended: counts from its opening day, but only
    # its agreed 100; 20 above the agreement.
    "L1,GM0001,Alpha azc,azc,100,120,2026-07-01,\n"
    # Closes on 1 July 2026: open on 30 June, not on 1 July; never counts (nood).
    "L2,GM0001,Alpha nood,nood,300,300,2026-01-01,2026-07-01\n"
    # Exactly five years: counts.
    "L3,GM0002,Beta azc,azc,200,200,2024-03-01,2029-03-01\n"
    # Five years less one day: open, but does not count.
    "L4,GM0002,Beta amv,amv,50,50,2024-03-01,2029-02-28\n"
    # Open-ended emergency and hotel places never count; 50 above agreement.
    "L5,GM0003,Gamma nood,nood,400,450,2025-01-01,\n"
    "L6,GM0003,Gamma hotel,hotel,100,100,2020-01-01,\n"
    # Open-ended AMV: counts, toward the AMV part.
    "L7,GM0003,Gamma amv,amv,30,30,2019-01-01,\n")

PLACES = ["task", "task_amv", "places_counting", "places_counting_amv", "places_total",
          "places_above_agreement", "gap", "gap_amv", "met"]
PLACES_COLUMNS = ["code", "name", "province_code", "province", "task_source"] + PLACES
PROVINCE_COLUMNS = ["province_code", "province", "municipalities"] + PLACES + \
    ["municipalities_short"]
TASKS = {"GM0001": 100, "GM0002": 250, "GM0003": 30}
# A decision with AMV parts: Beta is 10 AMV places short, Gamma's 30 are there.
DECISION = pd.DataFrame({"code": list(TASKS), "task": list(TASKS.values()),
                         "task_amv": [0, 10, 30]})


@pytest.fixture
def register(write_csv):
    return write_csv(REGISTER, "register.csv")


@pytest.fixture
def locations(write_csv):
    return write_csv(LOCATIONS, "locations.csv")


def places(locations, register, **kwargs):
    return opvang.places(locations, municipalities=register, **kwargs)


def column(frame, name):
    return frame[name].tolist()


# ---- places on a date ---------------------------------------------------------------


def test_places_on_the_first_of_july(locations, register):
    frame = places(locations, register, date="2026-07-01")
    assert list(frame.columns) == PLACES_COLUMNS
    # Alpha: L1 (opening day) only, 100 of its 120 count.  Beta: L3 + L4, of
    # which L3 counts.  Gamma: L5 + L6 + L7, of which L7 counts, as AMV.
    assert column(frame, "places_total") == [120, 250, 580]
    assert column(frame, "places_counting") == [100, 200, 30]
    assert column(frame, "places_counting_amv") == [0, 0, 30]
    assert column(frame, "places_above_agreement") == [20, 0, 50]
    for name in ("task", "task_amv", "gap", "gap_amv", "met", "task_source"):
        assert frame[name].isna().all(), name
    assert frame.attrs["locations"] == 7
    assert frame.attrs["task_source"] is None and frame.attrs["notes"] == []


def test_the_day_before(locations, register):
    # 30 June: L2 is still open, L1 not yet.
    frame = places(locations, register, date=datetime.date(2026, 6, 30))
    assert column(frame, "places_total") == [300, 250, 580]
    assert column(frame, "places_counting") == [0, 200, 30]
    assert column(frame, "places_above_agreement") == [0, 0, 50]
    assert frame.attrs["date"] == "2026-06-30"


def test_min_years_and_durability(locations, register):
    # Two years: L4 (five years less a day) counts too.  Zero: every azc and amv.
    assert column(places(locations, register, date="2026-07-01", min_years=2),
                  "places_counting") == [100, 250, 30]
    assert column(places(locations, register, date="2026-07-01", min_years=0),
                  "places_counting") == [100, 250, 30]
    # Ten years: only the open-ended ones.
    assert column(places(locations, register, date="2026-07-01", min_years=10),
                  "places_counting") == [100, 0, 30]
    # From the day: L3 has less than three years left on 2026-07-01.
    frame = places(locations, register, date="2026-07-01", durability="remaining")
    assert column(frame, "places_counting") == [100, 0, 30]
    assert frame.attrs["durability"] == "remaining"
    # Other readings, to compare: places above the agreement, the nood of Gamma (no minimum run).
    frame = places(locations, register, date="2026-07-01", count_above_agreement=True)
    assert column(frame, "places_counting") == [120, 200, 30]
    assert frame.attrs["count_above_agreement"] is True
    frame = places(locations, register, date="2026-07-01", counting_types=("azc", "amv", "nood"),
                   min_years=0)
    assert column(frame, "places_counting") == [100, 250, 430]
    assert frame.attrs["counting_types"] == "azc,amv,nood"
    # Existing before 2024-02-01 with fewer than 40: L7 (2019, 30) stops counting.
    frame = places(locations, register, date="2026-07-01", existing_min_places=40)
    assert column(frame, "places_counting") == [100, 200, 0]


def test_against_a_task_table(locations, register, write_csv):
    tasks_csv = write_csv("code,task\nGM0001,100\nGM0002,250\nGM0003,30\n", "tasks.csv")
    for tasks in (TASKS, tasks_csv, pd.Series(TASKS),
                  pd.DataFrame({"code": list(TASKS), "task": list(TASKS.values())})):
        frame = places(locations, register, date="2026-07-01", tasks=tasks)
        # Gaps 100 - 100, 250 - 200, 30 - 30: only Beta falls short.
        assert column(frame, "task") == [100, 250, 30]
        assert column(frame, "task_amv") == [0, 0, 0]
        assert column(frame, "gap") == [0, 50, 0]
        assert column(frame, "met") == [True, False, True]
        assert column(frame, "task_source") == ["tasks-file"] * 3
        assert frame.attrs["task_source"] == "tasks-file"
        assert frame.attrs["population_date"] is None


def test_a_decision_with_its_amv_part(locations, register):
    frame = places(locations, register, date="2026-07-01", tasks=DECISION)
    # Beta: 10 AMV places asked, none counted.  Gamma: 30 and 30.
    assert column(frame, "gap_amv") == [0, 10, 0]
    assert column(frame, "met") == [True, False, True]
    assert frame.attrs["notes"][-1] == ("on 2026-07-01 1 of 3 municipalities have not met their "
                                        "task; together they lack 50 places, 10 of them AMV places")
    # task_amv above task is refused with its line.
    bad = DECISION.assign(task_amv=[0, 300, 30])
    with pytest.raises(opvang.Error, match=r"<DataFrame>:3: column 'task_amv': the AMV task 300 "
                                           r"of GM0002 is more than its whole task 250") as info:
        places(locations, register, date="2026-07-01", tasks=bad)
    assert info.value.code == errors.EINVAL


def test_municipalities_left_out_have_task_0(locations, register):
    frame = places(locations, register, date="2026-07-01", tasks={"GM0002": 260})
    assert column(frame, "task") == [0, 260, 0]
    assert column(frame, "gap") == [-100, 60, -30]


def test_province_and_nation_sums(locations, register):
    frame = places(locations, register, date="2026-07-01", tasks=DECISION, by="province")
    assert list(frame.columns) == PROVINCE_COLUMNS
    # North = Alpha + Beta, South = Gamma; Beta falls short, North by 50 net.
    assert column(frame, "province") == ["North", "South"]
    assert column(frame, "municipalities") == [2, 1]
    assert column(frame, "task") == [350, 30]
    assert column(frame, "task_amv") == [10, 30]
    assert column(frame, "places_counting") == [300, 30]
    assert column(frame, "places_total") == [370, 580]
    assert column(frame, "places_above_agreement") == [20, 50]
    assert column(frame, "gap") == [50, 0]
    assert column(frame, "gap_amv") == [10, 0]
    assert column(frame, "met") == [False, True]
    assert column(frame, "municipalities_short") == [1, 0]
    nation = places(locations, register, date="2026-07-01", tasks=DECISION, by="nation")
    assert list(nation.columns) == PROVINCE_COLUMNS
    assert column(nation, "province_code") == ["NL"]
    assert column(nation, "gap") == [50] and column(nation, "municipalities_short") == [1]

    # Without a task: the places, and NA where a task is needed.
    frame = places(locations, register, date="2026-07-01", by="province")
    assert column(frame, "places_total") == [370, 580]
    assert frame["task"].isna().all() and frame["municipalities_short"].isna().all()


def test_task_from_the_key(locations, register):
    # 900 places over three equal municipalities: 300 each.  Gaps 300 - 100,
    # 300 - 200, 300 - 30.
    frame = places(locations, register, date="2026-07-01", total=900, amv=90)
    assert column(frame, "task") == [300, 300, 300]
    assert column(frame, "task_amv") == [30, 30, 30]
    assert column(frame, "gap") == [200, 100, 270]
    assert frame.attrs["task_source"] == "key-population"
    assert frame.attrs["warnings"] == [
        "the task is the key by population alone, not the legal key, which weighs SES-WOA "
        "(give ses, or tasks with the decided tasks)"]
    short = places(locations, register, date="2026-07-01", total=900, shortfalls_only=True)
    assert column(short, "code") == ["GM0003", "GM0001", "GM0002"]
    assert list(short.index) == [0, 1, 2]
    # With SES: weights 1000 * (1 + 0.5), 1000, 1000 * (1 - 0.5); 900 * 1.5 / 3 = 450.
    keyed = places(locations, register, date="2026-07-01", total=900,
                   ses={"GM0001": 0.5, "GM0002": 0.0, "GM0003": -0.5})
    assert column(keyed, "task") == [450, 300, 150]
    assert keyed.attrs["task_source"] == "key-ses" and keyed.attrs["warnings"] == []


def test_a_series_of_days(locations, register):
    frame = places(locations, register, start="2026-06-24", end="2026-07-08", tasks=TASKS,
                   by="nation")
    assert list(frame.columns) == ["date"] + PROVINCE_COLUMNS
    assert frame["date"].dtype == np.dtype("datetime64[ns]")
    assert list(frame["date"]) == [pd.Timestamp("2026-06-24"), pd.Timestamp("2026-07-01"),
                                   pd.Timestamp("2026-07-08")]
    # 24 June: Alpha's L1 has not opened; from 1 July it counts 100.
    assert column(frame, "places_counting") == [230, 330, 330]
    assert frame.attrs["start"] == "2026-06-24" and frame.attrs["every"] == "week"
    months = places(locations, register, start="2026-05-15", end="2026-08-01", every="month",
                    by="nation")
    assert [d.strftime("%Y-%m-%d") for d in months["date"]] == ["2026-06-01", "2026-07-01",
                                                               "2026-08-01"]


def test_shortfalls_only_leaves_out_who_met_the_task(locations, register):
    frame = places(locations, register, date="2026-07-01", tasks=TASKS, shortfalls_only=True)
    assert column(frame, "code") == ["GM0002"]


def test_locations_as_a_dataframe(locations, register):
    table = pd.read_csv(locations, dtype={"closes": object})
    table["opens"] = [datetime.date.fromisoformat(d) for d in table["opens"]]
    expected = places(locations, register, date="2026-07-01", tasks=TASKS)
    frame = places(table, register, date="2026-07-01", tasks=TASKS)
    pd.testing.assert_frame_equal(frame, expected)


def test_population_date_and_mergers(write_csv):
    brielle = write_csv(HEADER + "X1,GM0501,Brielle azc,azc,100,100,2020-01-01,\n", "b.csv")
    with pytest.raises(opvang.Error, match=r"GM0501 \(Brielle\) no longer exists: it merged into "
                                           r"GM1992 \(Voorne aan Zee\) on 2023-01-01") as info:
        opvang.places(brielle, date="2026-07-01")
    assert info.value.code == errors.ENOTFOUND
    frame = opvang.places(brielle, date="2026-07-01", map_mergers=True, total=96000,
                          population_date="2023-01-01")
    row = frame.set_index("code").loc["GM1992"]
    assert row["places_counting"] == 100
    assert frame.attrs["population_date"] == "2023-01-01" and frame.attrs["map_mergers"] is True
    with pytest.raises(opvang.Error, match="the embedded dates are 2023-01-01, 2024-01-01, "
                                           "2025-01-01"):
        opvang.places(brielle, date="2026-07-01", population_date="2026-01-01")


def five_years_on(day):
    """The same day five years later; 29 February becomes 1 March."""
    d = datetime.date.fromisoformat(day)
    try:
        return d.replace(year=d.year + 5).isoformat()
    except ValueError:
        return datetime.date(d.year + 5, 3, 1).isoformat()


def open_capacity(rows, day):
    return sum(int(r["capacity"]) for r in rows
               if r["opens"] <= day and (r["closes"] == "" or day < r["closes"]))


def test_the_example_data_against_an_independent_count(source_root):
    path = source_root / "examples" / "data" / "synthetic_locations.csv"
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    day = "2026-03-30"
    total, counting = {}, {}
    for r in rows:
        if r["opens"] <= day and (r["closes"] == "" or day < r["closes"]):
            total[r["code"]] = total.get(r["code"], 0) + int(r["capacity"])
            if r["type"] in ("azc", "amv") and (r["closes"] == "" or r["closes"] >= five_years_on(r["opens"])):
                counting[r["code"]] = counting.get(r["code"], 0) + min(int(r["capacity"]),
                                                                       int(r["agreed_capacity"]))
    frame = opvang.places(path, date=day).set_index("code")
    assert frame["places_total"].to_dict() == {code: total.get(code, 0) for code in frame.index}
    assert frame["places_counting"].to_dict() == {code: counting.get(code, 0)
                                                  for code in frame.index}


@pytest.mark.parametrize("options, python", [
    (["--date", "2026-07-01", "--tasks", "{tasks}"], dict(date="2026-07-01", tasks="{tasks}")),
    (["--date", "2026-07-01", "--tasks", "{tasks}", "--by", "province"],
     dict(date="2026-07-01", tasks="{tasks}", by="province")),
    (["--date", "2026-07-01", "--total", "96000", "--amv", "8140", "--by", "nation"],
     dict(date="2026-07-01", total=96000, amv=8140, by="nation")),
    (["--from", "2026-06-01", "--to", "2026-09-01", "--every", "month", "--tasks", "{tasks}",
      "--shortfalls-only"],
     dict(start="2026-06-01", end="2026-09-01", every="month", tasks="{tasks}",
          shortfalls_only=True)),
])
def test_the_same_table_as_the_command_line(source_root, options, python):
    data = source_root / "examples" / "data"
    locations, tasks = data / "synthetic_reception_2026.csv", str(data / "synthetic_tasks.csv")
    options = [o.replace("{tasks}", tasks) for o in options]
    python = {k: tasks if v == "{tasks}" else v for k, v in python.items()}
    result = subprocess.run([os.environ["OPVANG_CLI"], "places", "--locations", str(locations),
                             *options], capture_output=True, check=True)
    cli = pd.read_csv(io.BytesIO(result.stdout), dtype=str, keep_default_na=False)
    frame = opvang.places(locations, **python)
    assert list(frame.columns) == list(cli.columns)
    as_text = frame.astype(object).where(frame.notna(), "")
    for name in frame.columns:
        values = [v.strftime("%Y-%m-%d") if isinstance(v, pd.Timestamp)
                  else str(v).lower() if isinstance(v, (bool, np.bool_)) else str(v)
                  for v in as_text[name]]
        assert values == list(cli[name]), name
    notes = [line[len("opvang: "):] for line in result.stderr.decode().splitlines()]
    assert [n for n in notes if not n.startswith("warning: ")] == frame.attrs["notes"]
    assert [n[len("warning: "):] for n in notes if n.startswith("warning: ")] == \
        [w.replace("(give ses, or tasks with the decided tasks)",
                   "(give --ses FILE, or --tasks FILE with the decided tasks)")
         for w in frame.attrs["warnings"]]


# ---- errors -------------------------------------------------------------------------


def test_a_date_is_required(locations, register):
    with pytest.raises(opvang.Error, match="needs a date") as info:
        places(locations, register)
    assert info.value.code == errors.EINVAL
    with pytest.raises(opvang.Error, match="'2026-02-30'") as info:
        places(locations, register, date="2026-02-30")
    assert info.value.code == errors.EPARSE
    with pytest.raises(TypeError):
        places(locations, register, date=20260701)
    with pytest.raises(opvang.Error, match="not both"):
        places(locations, register, date="2026-07-01", start="2026-07-01", end="2026-08-01")
    with pytest.raises(opvang.Error, match="go together"):
        places(locations, register, start="2026-07-01")


@pytest.mark.parametrize("row, code, message", [
    ("X,GM9999,x,azc,1,1,2026-01-01,", errors.ENOTFOUND, "'GM9999' is not in the register"),
    ("X,GM0001,x,tent,1,1,2026-01-01,", errors.ENOTFOUND, "'tent' is not a location type"),
    ("X,GM0001,x,azc,1,1,2026-02-30,", errors.EPARSE, "'2026-02-30' is not a date"),
    ("X,GM0001,x,azc,1,1,2026-03-01,2026-03-01", errors.EINVAL, "on or before"),
    ("X,GM0001,x,azc,1,-5,2026-03-01,", errors.ERANGE, "negative"),
    ("L1,GM0001,x,azc,1,1,2026-03-01,", errors.EDUPLICATE, "'L1' occurs twice"),
])
def test_bad_locations_name_their_line(write_csv, register, row, code, message):
    # The bad row is the ninth line: header and seven good rows come first.
    path = write_csv(LOCATIONS + row + "\n", "bad.csv")
    with pytest.raises(opvang.Error, match=message) as info:
        places(path, register, date="2026-07-01")
    assert info.value.code == code
    assert "bad.csv:9" in str(info.value)


def test_bad_tasks(locations, register):
    with pytest.raises(opvang.Error, match="not both") as info:
        places(locations, register, date="2026-07-01", tasks=TASKS, total=900)
    assert info.value.code == errors.EINVAL
    with pytest.raises(opvang.Error, match="<tasks>:2: column 'code': municipality code 'GM9999'") as info:
        places(locations, register, date="2026-07-01", tasks={"GM9999": 1})
    assert info.value.code == errors.ENOTFOUND
    with pytest.raises(opvang.Error, match="negative") as info:
        places(locations, register, date="2026-07-01", tasks={"GM0001": -1})
    assert info.value.code == errors.ERANGE
    with pytest.raises(opvang.Error, match=r"line 2 of <tasks> \(row 0, GM0001\): column .task.: 2.5 is not a whole number"):
        places(locations, register, date="2026-07-01", tasks={"GM0001": 2.5})
    with pytest.raises(opvang.Error, match="shortfalls_only"):
        places(locations, register, date="2026-07-01", shortfalls_only=True)
    with pytest.raises(opvang.Error, match="unknown level"):
        places(locations, register, date="2026-07-01", by="country")
    with pytest.raises(opvang.Error, match="amv and ses go with total"):
        places(locations, register, date="2026-07-01", amv=5)
    with pytest.raises(opvang.Error, match="unknown durability"):
        places(locations, register, date="2026-07-01", durability="forever")


def test_a_locations_frame_without_a_column(locations, register):
    table = pd.read_csv(locations).drop(columns="closes")
    with pytest.raises(opvang.Error, match="no column 'closes'") as info:
        places(table, register, date="2026-07-01")
    assert info.value.code == errors.EPARSE


# ---- capacity over time ---------------------------------------------------------------


def test_capacity_by_type_around_a_closing_day(locations, register):
    frame = opvang.capacity(locations, "2026-06-17", "2026-07-08", municipalities=register)
    assert list(frame.columns) == ["week_start", "azc", "amv", "nood", "spoednood", "crisis",
                                   "hotel", "doorstroom", "total"]
    assert frame["week_start"].dtype == np.dtype("datetime64[ns]")
    assert list(frame["week_start"].dt.strftime("%Y-%m-%d")) == [
        "2026-06-17", "2026-06-24", "2026-07-01", "2026-07-08"]
    # azc: L3 throughout, L1 from 1 July.  amv: L4 + L7.  nood: L5 throughout,
    # L2 until 30 June.  hotel: L6.
    assert column(frame, "azc") == [200, 200, 320, 320]
    assert column(frame, "amv") == [80, 80, 80, 80]
    assert column(frame, "nood") == [750, 750, 450, 450]
    assert column(frame, "hotel") == [100, 100, 100, 100]
    assert column(frame, "spoednood") == [0] * 4
    assert column(frame, "total") == [1130, 1130, 950, 950]
    assert frame["azc"].dtype == np.int64


def test_capacity_by_province(locations, register):
    frame = opvang.capacity(locations, datetime.date(2026, 6, 17), "2026-07-14", by="province",
                            municipalities=register)
    # The last week starts on 8 July, on or before the 14th.
    assert list(frame.columns) == ["week_start", "North", "South", "total"]
    assert column(frame, "North") == [550, 550, 370, 370]
    assert column(frame, "South") == [580] * 4
    assert column(frame, "total") == [1130, 1130, 950, 950]


def test_capacity_one_week(locations, register):
    frame = opvang.capacity(locations, "2026-07-01", "2026-07-01", municipalities=register)
    assert column(frame, "total") == [950]


def test_capacity_errors(locations, register):
    with pytest.raises(opvang.Error, match="before it starts") as info:
        opvang.capacity(locations, "2026-07-01", "2026-06-30", municipalities=register)
    assert info.value.code == errors.EINVAL
    with pytest.raises(opvang.Error, match="'2026-02-30'") as info:
        opvang.capacity(locations, "2026-02-30", "2026-07-01", municipalities=register)
    assert info.value.code == errors.EPARSE
    with pytest.raises(opvang.Error, match="unknown capacity breakdown 'municipality'") as info:
        opvang.capacity(locations, "2026-06-01", "2026-07-01", by="municipality",
                        municipalities=register)
    assert info.value.code == errors.ENOTFOUND


def test_capacity_drop_on_the_first_of_july_in_the_example_data(source_root):
    path = source_root / "examples" / "data" / "synthetic_locations.csv"
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    days = ["2026-06-17", "2026-06-24", "2026-07-01", "2026-07-08"]
    frame = opvang.capacity(path, days[0], days[-1])
    assert column(frame, "total") == [open_capacity(rows, day) for day in days]
    # Seven locations close on 1 July (examples/data/README.md).
    closing = [r for r in rows if r["closes"] == "2026-07-01"]
    assert len(closing) == 7
    assert column(frame, "total")[1] - column(frame, "total")[2] >= sum(
        int(r["capacity"]) for r in closing) - sum(
        int(r["capacity"]) for r in rows if "2026-06-24" < r["opens"] <= "2026-07-01")


def test_report_writes_the_pages_of_the_command_line(source_root, tmp_path):
    data = source_root / "examples" / "data"
    locations, tasks = data / "synthetic_reception_2026.csv", data / "synthetic_tasks.csv"
    scenario = source_root / "examples" / "scenarios" / "march_2026.json"
    history = tmp_path / "history.csv"
    history.write_text("code,period,balance\nGM0363,2025-H2,12\n", encoding="utf-8")
    realised = tmp_path / "realised.csv"
    realised.write_text("code,realised\nGM0363,600\n", encoding="utf-8")
    index = opvang.report(tmp_path / "py", locations, "2026-07-01", tasks=tasks,
                          scenario=scenario, runs=200, seed=3, housing_national=13000,
                          housing_period="2026-H1", realised=realised, history=str(history))
    assert index == tmp_path / "py" / "index.html"
    subprocess.run([os.environ["OPVANG_CLI"], "report", "--locations", str(locations), "--tasks",
                    str(tasks), "--date", "2026-07-01", "--out", str(tmp_path / "cli"),
                    "--scenario", str(scenario), "--runs", "200", "--seed", "3",
                    "--housing-national", "13000", "--housing-period", "2026-H1",
                    "--realised", str(realised), "--history", str(history)],
                   check=True, capture_output=True)
    pages = sorted(p.relative_to(tmp_path / "cli") for p in (tmp_path / "cli").rglob("*.html"))
    amsterdam = (tmp_path / "py" / "municipalities" / "GM0363.html").read_text(encoding="utf-8")
    # 674 on the population of 1 January 2025; 674 - 600 = 74 still to house.
    assert 'data-col="housing_task" data-value="674"' in amsterdam
    assert 'data-col="housing_balance" data-value="74"' in amsterdam
    assert len(pages) == 1 + 12 + 342
    for page in pages:
        # The same bytes: both call the library with the same inputs and names.
        assert (tmp_path / "py" / page).read_bytes() == (tmp_path / "cli" / page).read_bytes(), page
    with pytest.raises(opvang.Error, match="<tasks>:2: column 'code': municipality code 'GM9999'"):
        opvang.report(tmp_path / "bad", locations, "2026-07-01", tasks={"GM9999": 1})
    assert not (tmp_path / "bad").exists()
    with pytest.raises(opvang.Error, match="needs a task"):
        opvang.report(tmp_path / "bad", locations, "2026-07-01")


def test_tasks_tables_are_read_as_a_file_would_be(locations, register):
    # true is not a task; a missing name is an empty cell, not the text "nan".
    with pytest.raises(opvang.Error, match="must be whole numbers, not true or false"):
        places(locations, register, date="2026-07-01", tasks={"GM0001": True})
    frame = places(locations, register, date="2026-07-01",
                   tasks=pd.DataFrame({"code": ["GM0001"], "task": [100], "name": [np.nan]}))
    assert column(frame, "task") == [100, 0, 0]
    # The CBS column names, as in a file.
    frame = places(locations, register, date="2026-07-01",
                   tasks=pd.DataFrame({"gemeentecode": ["GM0002"], "task": [7],
                                       "gemeentenaam": ["Beta"]}))
    assert column(frame, "task") == [0, 7, 0]
    with pytest.raises(opvang.Error, match="GM0002 is Beta, not 'Alpha'"):
        places(locations, register, date="2026-07-01",
               tasks=pd.DataFrame({"gemeentecode": ["GM0002"], "task": [7],
                                   "gemeentenaam": ["Alpha"]}))
    with pytest.raises(opvang.Error, match="no 1st of a month from 2026-07-02 to 2026-07-30"):
        places(locations, register, start="2026-07-02", end="2026-07-30", every="month")
