# SPDX-License-Identifier: EUPL-1.2
"""Tests of `opvang places` and `opvang capacity` on the synthetic locations file.

Expected values are worked out by hand from the rows of
examples/data/synthetic_locations.csv (quoted in the comments), or by the
rules of places.h applied here to that file read with the csv module: a
location is open on D when opens <= D < closes, and its places count toward
the task when it is an azc or amv location that is open-ended or closes no
earlier than five years after it opened.
"""

import csv
import datetime
import json
from fractions import Fraction

import pytest

from cliutil import (SOURCE_ROOT, by_code, data_error, header, help_text, json_rows, read_cbs,
                     records, run,
                     succeed, usage_error, write)

LOCATIONS = SOURCE_ROOT / "examples" / "data" / "synthetic_locations.csv"
LOCATION_HEADER = "id,code,name,type,agreed_capacity,capacity,opens,closes\n"

COLUMNS = ["code", "name", "province_code", "province", "task", "places_counting", "places_total",
           "places_above_agreement", "gap", "met"]
PROVINCE_COLUMNS = ["province_code", "province", "task", "places_counting", "places_total",
                    "places_above_agreement", "municipalities_short"]
TYPES = ["azc", "amv", "nood", "spoednood", "crisis", "hotel", "doorstroom"]

AMSTERDAM, ROTTERDAM, DEN_HAAG, SCHIERMONNIKOOG = "GM0363", "GM0599", "GM0518", "GM0088"

# A hand-made task table; every other municipality has a task of 0.
TASKS = {AMSTERDAM: 2000, ROTTERDAM: 520, DEN_HAAG: 100, SCHIERMONNIKOOG: 10}


# ---- the rules, independently ------------------------------------------------------


def day(text):
    return datetime.date.fromisoformat(text)


def plus_years(d, years):
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February in a year without one
        return datetime.date(d.year + years, 3, 1)


def read_locations():
    with open(LOCATIONS, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        r["opens"] = day(r["opens"])
        r["closes"] = day(r["closes"]) if r["closes"] else None
        r["agreed_capacity"] = int(r["agreed_capacity"])
        r["capacity"] = int(r["capacity"])
    return rows


def is_open(location, d):
    return location["opens"] <= d and (location["closes"] is None or d < location["closes"])


def counts(location, min_years=5):
    if location["type"] not in ("azc", "amv"):
        return False
    return location["closes"] is None or location["closes"] >= plus_years(location["opens"], min_years)


def expected_places(d, min_years=5):
    """code -> (counting, total, above agreement) on day d."""
    result = {}
    for loc in read_locations():
        if not is_open(loc, d):
            continue
        counting, total, above = result.get(loc["code"], (0, 0, 0))
        result[loc["code"]] = (counting + (loc["capacity"] if counts(loc, min_years) else 0),
                               total + loc["capacity"],
                               above + max(0, loc["capacity"] - loc["agreed_capacity"]))
    return result


def hamilton(weights, total):
    quotas = [Fraction(total * w, sum(weights)) for w in weights]
    seats = [q.numerator // q.denominator for q in quotas]
    order = sorted(range(len(weights)), key=lambda i: (-(quotas[i] - seats[i]), i))
    for i in order[: total - sum(seats)]:
        seats[i] += 1
    return seats


# ---- running the program ------------------------------------------------------------


@pytest.fixture
def tasks(tmp_path):
    return write(tmp_path / "tasks.csv",
                 "code,task\n" + "".join(f"{c},{t}\n" for c, t in TASKS.items()))


def places(*args):
    text, notes = succeed("places", "--locations", LOCATIONS, *args)
    return text, notes


def places_on(date, *args):
    text, _ = places("--date", date, *args)
    assert header(text) == COLUMNS
    return by_code(records(text))


def numbers(row, *columns):
    return [int(row[c]) for c in columns]


# ---- places on a date ------------------------------------------------------------


def test_every_municipality_on_1_july_2026():
    rows = places_on("2026-07-01")
    assert list(rows) == [m["code"] for m in read_cbs()]
    expected = expected_places(day("2026-07-01"))
    for code, row in rows.items():
        assert numbers(row, "places_counting", "places_total", "places_above_agreement") == \
            list(expected.get(code, (0, 0, 0)))
        # Without a task: empty task, gap and met.
        assert row["task"] == row["gap"] == row["met"] == ""


def test_amsterdam_by_hand():
    # L001 azc 640 of 600 agreed, open-ended; L002 azc 800, ten years; L004 amv 80,
    # open-ended: all count.  L003 hotel 700 closes on 1 July 2026.
    amsterdam = places_on("2026-06-30")[AMSTERDAM]
    assert numbers(amsterdam, "places_counting", "places_total", "places_above_agreement") == \
        [1520, 2220, 40]
    amsterdam = places_on("2026-07-01")[AMSTERDAM]
    assert numbers(amsterdam, "places_counting", "places_total", "places_above_agreement") == \
        [1520, 1520, 40]


def test_the_opening_day_counts_and_the_closing_day_does_not():
    # L031 Haarlem azc 250 opens 2026-01-01 and runs exactly five years.
    assert numbers(places_on("2025-12-31")["GM0392"], "places_counting", "places_total") == [0, 0]
    assert numbers(places_on("2026-01-01")["GM0392"], "places_counting", "places_total") == [250, 250]
    # L039 Amersfoort azc 350 closes 2026-04-30 (one day short of five years: never counts).
    assert numbers(places_on("2026-04-29")["GM0307"], "places_counting", "places_total") == [0, 350]
    assert numbers(places_on("2026-04-30")["GM0307"], "places_counting", "places_total") == [0, 0]


def test_five_years_count_and_one_day_less_does_not():
    rows = places_on("2026-03-01")
    # Exactly five years: L012 Groningen azc 530, L008 Den Haag azc 400 (2022-06-01..2027-06-01),
    # L027 Heerlen azc 250, L016 Leeuwarden amv 40 (plus L015 azc 400 open-ended).
    assert numbers(rows["GM0014"], "places_counting") == [530]
    assert numbers(rows[DEN_HAAG], "places_counting", "places_total") == [400, 400 + 280]
    assert numbers(rows["GM0917"], "places_counting") == [250]
    assert numbers(rows["GM0080"], "places_counting", "places_total") == [440, 440]
    # One day less: L017 Zwolle azc 470 (2024-09-01..2029-08-31), L028 Middelburg azc 200.
    assert numbers(rows["GM0193"], "places_counting", "places_total") == [0, 470]
    assert numbers(rows["GM0687"], "places_counting", "places_total") == [0, 200]
    # --min-years 0 counts every azc and amv location.
    rows = places_on("2026-03-01", "--min-years", "0")
    assert numbers(rows["GM0193"], "places_counting") == [470]
    assert numbers(rows["GM0687"], "places_counting") == [200]
    # Ten years is more than four: L002 still counts at --min-years 10, L012 not.
    rows = places_on("2026-03-01", "--min-years", "10")
    assert numbers(rows[AMSTERDAM], "places_counting") == [640 + 800 + 80]
    assert numbers(rows["GM0014"], "places_counting") == [0]


def test_types_that_never_count():
    # Rotterdam on 2026-03-01: L005 azc 520 counts; L006 hotel 900 and L007 nood 340 do not.
    rotterdam = places_on("2026-03-01")[ROTTERDAM]
    assert numbers(rotterdam, "places_counting", "places_total", "places_above_agreement") == \
        [520, 520 + 900 + 340, 20 + 40]
    # Utrecht: L011 doorstroom 120 does not count, L010 azc 600 does.
    assert numbers(places_on("2026-03-01")["GM0344"], "places_counting", "places_total") == [600, 720]


def test_gap_and_met_against_a_hand_made_task_table(tasks):
    text, notes = places("--date", "2026-07-01", "--tasks", tasks)
    rows = by_code(records(text))
    # Amsterdam 2000 - 1520 = 480 short; Rotterdam 520 - 520 = 0, met;
    # Den Haag 100 - 400 = -300, met; Schiermonnikoog 10 - 5 (L036) = 5 short.
    assert numbers(rows[AMSTERDAM], "task", "places_counting", "gap") == [2000, 1520, 480]
    assert rows[AMSTERDAM]["met"] == "false"
    assert numbers(rows[ROTTERDAM], "task", "gap") == [520, 0] and rows[ROTTERDAM]["met"] == "true"
    assert numbers(rows[DEN_HAAG], "task", "gap") == [100, -300] and rows[DEN_HAAG]["met"] == "true"
    assert numbers(rows[SCHIERMONNIKOOG], "task", "gap") == [10, 5]
    assert rows[SCHIERMONNIKOOG]["met"] == "false"
    # Not in the table: task 0, so met.
    expected = expected_places(day("2026-07-01"))
    groningen = rows["GM0014"]
    assert numbers(groningen, "task", "gap") == [0, -expected["GM0014"][0]]
    assert groningen["met"] == "true"
    assert notes == ["opvang: on 2026-07-01 2 of 342 municipalities have not met their task; "
                     "together they lack 485 places"]


def test_shortfalls_only_largest_gap_first(tasks):
    text, _ = places("--date", "2026-07-01", "--tasks", tasks, "--shortfalls-only")
    rows = records(text)
    assert [r["code"] for r in rows] == [AMSTERDAM, SCHIERMONNIKOOG]
    assert [int(r["gap"]) for r in rows] == [480, 5]
    # On 2026-06-30 Amsterdam still counts the same places; a larger task for
    # Schiermonnikoog (600 - 5 = 595) puts it first.
    bigger = write(tasks.parent / "bigger.csv", f"code,task\n{AMSTERDAM},2000\n{SCHIERMONNIKOOG},600\n")
    rows = records(places("--date", "2026-06-30", "--tasks", bigger, "--shortfalls-only")[0])
    assert [(r["code"], int(r["gap"])) for r in rows] == [(SCHIERMONNIKOOG, 595), (AMSTERDAM, 480)]


def test_province_sums(tasks):
    text, _ = places("--date", "2026-07-01", "--tasks", tasks, "--by", "province")
    assert header(text) == PROVINCE_COLUMNS
    rows = {r["province_code"]: r for r in records(text)}
    cbs = read_cbs()
    provinces = list(dict.fromkeys(m["province_code"] for m in cbs))
    assert [r["province_code"] for r in records(text)] == provinces
    province_of = {m["code"]: m["province_code"] for m in cbs}
    expected = expected_places(day("2026-07-01"))
    for code in provinces:
        members = [c for c, p in province_of.items() if p == code]
        sums = [sum(expected.get(c, (0, 0, 0))[k] for c in members) for k in range(3)]
        assert numbers(rows[code], "places_counting", "places_total", "places_above_agreement") == sums
    # By hand: Noord-Holland's task is Amsterdam's 2000, Zuid-Holland's 520 + 100,
    # Fryslân's Schiermonnikoog's 10; one short in Noord-Holland and one in Fryslân.
    assert numbers(rows["PV27"], "task", "municipalities_short") == [2000, 1]
    assert numbers(rows["PV28"], "task", "municipalities_short") == [620, 0]
    assert numbers(rows["PV21"], "task", "municipalities_short") == [10, 1]
    assert numbers(rows["PV20"], "task", "municipalities_short") == [0, 0]
    # Without a task the task and shortfall cells are empty.
    rows = records(places("--date", "2026-07-01", "--by", "province")[0])
    assert all(r["task"] == "" and r["municipalities_short"] == "" for r in rows)


def test_the_task_from_the_distribution_key():
    text, notes = places("--date", "2026-07-01", "--total", 96000, "--amv", 8140)
    rows = records(text)
    cbs = read_cbs()
    expected = hamilton([m["population"] for m in cbs], 96000)
    assert [int(r["task"]) for r in rows] == expected
    assert sum(int(r["task"]) for r in rows) == 96000
    for r in rows:
        assert int(r["gap"]) == int(r["task"]) - int(r["places_counting"])
        assert r["met"] == ("true" if int(r["gap"]) <= 0 else "false")
    short = sum(1 for r in rows if int(r["gap"]) > 0)
    lacking = sum(int(r["gap"]) for r in rows if int(r["gap"]) > 0)
    assert notes == [f"opvang: on 2026-07-01 {short} of 342 municipalities have not met their "
                     f"task; together they lack {lacking} places"]


def test_json_has_booleans_and_nulls(tasks):
    records_ = json_rows(places("--date", "2026-07-01", "--tasks", tasks, "-f", "json")[0])
    amsterdam = next(r for r in records_ if r["code"] == AMSTERDAM)
    assert list(amsterdam) == COLUMNS
    assert amsterdam["met"] is False and amsterdam["gap"] == 480
    assert next(r for r in records_ if r["code"] == ROTTERDAM)["met"] is True
    plain = json_rows(places("--date", "2026-07-01", "-f", "json")[0])
    assert all(r["task"] is None and r["met"] is None for r in plain)


# ---- places: errors ----------------------------------------------------------------


@pytest.mark.parametrize("args, needle", [
    (["--date", "2026-07-01", "--locations"], "--locations"),
    (["--locations", LOCATIONS], "--date"),
    (["--date", "2026-07-01"], "--locations"),
    (["--locations", LOCATIONS, "--date", "2026-02-30"], "2026-02-30"),
    (["--locations", LOCATIONS, "--date", "1-7-2026"], "1-7-2026"),
    (["--locations", LOCATIONS, "--date", "2026-07-01", "--tasks", "t.csv", "--total", "10"], "--tasks"),
    (["--locations", LOCATIONS, "--date", "2026-07-01", "--amv", "10"], "--amv"),
    (["--locations", LOCATIONS, "--date", "2026-07-01", "--ses", "s.csv"], "--ses"),
    (["--locations", LOCATIONS, "--date", "2026-07-01", "--shortfalls-only"], "--shortfalls-only"),
    (["--locations", LOCATIONS, "--date", "2026-07-01", "--total", "10", "--shortfalls-only",
      "--by", "province"], "--by province"),
    (["--locations", LOCATIONS, "--date", "2026-07-01", "--by", "country"], "country"),
    (["--locations", LOCATIONS, "--date", "2026-07-01", "--min-years", "five"], "five"),
    (["--locations", LOCATIONS, "--date", "2026-07-01", "--total", "many"], "many"),
    (["--locations", LOCATIONS, "--date", "2026-07-01", "stray"], "stray"),
])
def test_places_usage_errors(args, needle):
    assert needle in usage_error(run("places", *args), "places")


@pytest.mark.parametrize("row, needle", [
    ("L1,GM9999,X,azc,10,10,2024-01-01,\n", "GM9999"),
    ("L1,GM0363,X,tent,10,10,2024-01-01,\n", "tent"),
    ("L1,GM0363,X,azc,10,10,2024-02-30,\n", "2024-02-30"),
    ("L1,GM0363,X,azc,10,10,2024-01-01,2024-01-01\n", "csv:2: column 'closes'"),
    ("L1,GM0363,X,azc,10,-1,2024-01-01,\n", "csv:2: column 'capacity'"),
    ("L1,GM0363,X,azc,10,10,2024-01-01,\nL1,GM0344,Y,azc,5,5,2024-01-01,\n", "L1"),
])
def test_bad_locations_exit_1(tmp_path, row, needle):
    path = write(tmp_path / "locations.csv", LOCATION_HEADER + row)
    message = data_error(run("places", "--locations", path, "--date", "2026-07-01"))
    assert str(path) in message and needle in message


def test_places_data_errors(tmp_path):
    base = ["places", "--locations", LOCATIONS, "--date", "2026-07-01"]
    unknown = write(tmp_path / "unknown.csv", "code,task\nGM9999,5\n")
    assert "GM9999" in data_error(run(*base, "--tasks", unknown))
    negative = write(tmp_path / "negative.csv", f"code,task\n{AMSTERDAM},-5\n")
    assert str(negative) in data_error(run(*base, "--tasks", negative))
    assert "min_years" in data_error(run(*base, "--min-years", "-1"))
    assert "absent.csv" in data_error(run("places", "--locations", tmp_path / "absent.csv",
                                          "--date", "2026-07-01"))
    assert data_error(run(*base, "--total", "-5"))
    assert data_error(run(*base, "--total", "100", "--amv", "200"))


def test_places_help():
    text = help_text("places")
    for option in ("--locations", "--date", "--tasks", "--total", "--amv", "--ses", "--by",
                   "--shortfalls-only", "--min-years", "--register", "--format"):
        assert option in text


# ---- capacity ----------------------------------------------------------------------


def expected_capacity(d, key=lambda loc: "total"):
    sums = {}
    for loc in read_locations():
        if is_open(loc, d):
            sums[key(loc)] = sums.get(key(loc), 0) + loc["capacity"]
    return sums


def capacity(*args):
    text, notes = succeed("capacity", "--locations", LOCATIONS, *args)
    assert notes == []
    return text


def test_capacity_week_by_week():
    text = capacity("--from", "2026-06-01", "--to", "2026-07-13")
    assert header(text) == ["week_start", "total"]
    rows = records(text)
    starts = [day("2026-06-01") + datetime.timedelta(days=7 * k) for k in range(7)]
    assert [r["week_start"] for r in rows] == [d.isoformat() for d in starts]
    assert [int(r["total"]) for r in rows] == [expected_capacity(d).get("total", 0) for d in starts]
    # By hand: the seven places closing on 1 July 2026 (L003 700, L006 900, L007 340,
    # L013 200, L020 165, L022 820, L033 230) leave between the weeks of 29 June and 6 July.
    assert int(rows[4]["total"]) - int(rows[5]["total"]) == 700 + 900 + 340 + 200 + 165 + 820 + 230


def test_the_last_week_starts_no_later_than_to():
    rows = records(capacity("--from", "2026-06-01", "--to", "2026-06-14"))
    assert [r["week_start"] for r in rows] == ["2026-06-01", "2026-06-08"]
    rows = records(capacity("--from", "2026-06-01", "--to", "2026-06-15"))
    assert [r["week_start"] for r in rows] == ["2026-06-01", "2026-06-08", "2026-06-15"]
    rows = records(capacity("--from", "2026-06-01", "--to", "2026-06-01"))
    assert [r["week_start"] for r in rows] == ["2026-06-01"]


def test_capacity_by_type():
    text = capacity("--from", "2026-01-05", "--to", "2026-04-06", "--by", "type")
    assert header(text) == ["week_start", *TYPES, "total"]
    for row in records(text):
        d = day(row["week_start"])
        expected = expected_capacity(d, key=lambda loc: loc["type"])
        assert [int(row[t]) for t in TYPES] == [expected.get(t, 0) for t in TYPES]
        assert int(row["total"]) == sum(expected.values())
    # L009 spoednood 280 opens 2026-01-05 and closes 2026-04-06: in the first week, not the
    # last; L032 spoednood 150 runs from 2026-02-01 to 2026-05-01.
    rows = records(text)
    assert rows[0]["spoednood"] == "280" and rows[-1]["week_start"] == "2026-04-06"
    assert rows[-1]["spoednood"] == "150"


def test_capacity_by_province():
    text = capacity("--from", "2026-06-29", "--to", "2026-07-06", "--by", "province")
    cbs = read_cbs()
    names = list(dict.fromkeys(m["province"] for m in cbs))
    assert header(text) == ["week_start", *names, "total"]
    province_of = {m["code"]: m["province"] for m in cbs}
    for row in records(text):
        expected = expected_capacity(day(row["week_start"]), key=lambda loc: province_of[loc["code"]])
        assert [int(row[n]) for n in names] == [expected.get(n, 0) for n in names]
    # By hand: in Gelderland L020 Ede hotel 165 and L022 Nijmegen nood 820 close on 1 July.
    rows = records(text)
    assert int(rows[0]["Gelderland"]) - int(rows[1]["Gelderland"]) == 165 + 820


def test_capacity_changes():
    text = capacity("--from", "2026-06-01", "--to", "2026-07-01", "--changes")
    assert header(text) == ["date", "id", "code", "name", "type", "delta"]
    rows = records(text)
    assert [(r["date"], r["id"], int(r["delta"])) for r in rows] == [
        ("2026-07-01", "L003", -700), ("2026-07-01", "L006", -900), ("2026-07-01", "L007", -340),
        ("2026-07-01", "L013", -200), ("2026-07-01", "L020", -165), ("2026-07-01", "L022", -820),
        ("2026-07-01", "L033", -230),
    ]
    assert rows[0]["code"] == AMSTERDAM and rows[0]["name"] == "Amsterdam Houthavens boot"
    assert rows[0]["type"] == "hotel"
    # Both ends count: openings on 1 January and 1 March 2026, a closing on 6 April.
    rows = records(capacity("--from", "2026-01-01", "--to", "2026-04-06", "--changes"))
    assert [(r["date"], r["id"], int(r["delta"])) for r in rows] == [
        ("2026-01-01", "L031", 250), ("2026-01-05", "L009", 280), ("2026-02-01", "L032", 150),
        ("2026-03-01", "L038", 180), ("2026-04-06", "L009", -280),
    ]


@pytest.mark.parametrize("args, needle", [
    (["--from", "2026-06-01", "--to", "2026-07-01"], "--locations"),
    (["--locations", LOCATIONS, "--to", "2026-07-01"], "--from"),
    (["--locations", LOCATIONS, "--from", "2026-07-01"], "--to"),
    (["--locations", LOCATIONS, "--from", "2026-07-01", "--to", "2026-06-30"], "--to"),
    (["--locations", LOCATIONS, "--from", "2026-13-01", "--to", "2026-12-01"], "2026-13-01"),
    (["--locations", LOCATIONS, "--from", "2026-06-01", "--to", "2026-07-01", "--by", "week"], "week"),
    (["--locations", LOCATIONS, "--from", "2026-06-01", "--to", "2026-07-01", "--by", "type",
      "--changes"], "--changes"),
    (["--locations", LOCATIONS, "--from", "2026-06-01", "--to", "2026-07-01", "-x"], "-x"),
])
def test_capacity_usage_errors(args, needle):
    assert needle in usage_error(run("capacity", *args), "capacity")


def test_capacity_data_errors(tmp_path):
    path = write(tmp_path / "locations.csv", LOCATION_HEADER + "L1,GM0363,X,azc,10,10,2024-01-01,\nL1,GM0363,Y,azc,1,1,2024-01-01,\n")
    assert "L1" in data_error(run("capacity", "--locations", path, "--from", "2026-01-01",
                                  "--to", "2026-02-01"))
    # More than 100,000 weeks is refused by the library, not half printed.
    assert data_error(run("capacity", "--locations", LOCATIONS, "--from", "1900-01-01",
                          "--to", "9999-12-31"))


def test_capacity_help():
    text = help_text("capacity")
    for option in ("--locations", "--from", "--to", "--by", "--changes", "--register", "--format"):
        assert option in text
