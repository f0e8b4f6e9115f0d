# SPDX-License-Identifier: EUPL-1.2
"""Tests of `opvang places` and `opvang capacity` on the synthetic locations file.

Expected values are worked out by hand from the rows of
examples/data/synthetic_locations.csv (quoted in the comments), or by the
rules of the law applied here, independently of the library, to that file read
with the csv module (see include/opvang/places.h and docs/counting.md):
a location is open on D when opens <= D < closes; it counts toward the task
when it is an azc or amv location that is open-ended or closes no earlier than
five years after it opened; a counting location adds min(capacity,
agreed_capacity); amv locations count toward the AMV part.
"""

import csv
import datetime
import json
from fractions import Fraction

import pytest

from apportion_oracle import amv_share, hamilton
from cliutil import (SOURCE_ROOT, by_code, data_error, header, help_text, json_rows,
                     population_notes, read_cbs, records, run, succeed, usage_error, write)

LOCATIONS = SOURCE_ROOT / "examples" / "data" / "synthetic_locations.csv"
LOCATION_HEADER = "id,code,name,type,agreed_capacity,capacity,opens,closes\n"

PLACES = ["task", "task_amv", "places_counting", "places_counting_amv", "places_total",
          "places_above_agreement", "gap", "gap_amv", "met"]
COLUMNS = ["code", "name", "province_code", "province", "task_source"] + PLACES
PROVINCE_COLUMNS = ["province_code", "province", "municipalities"] + PLACES + ["municipalities_short"]
LOCATION_COLUMNS = ["id", "name", "code", "municipality", "type", "agreed_capacity", "capacity",
                    "opens", "closes", "places_total", "places_counting", "places_counting_amv",
                    "places_above_agreement", "counts", "reason"]
TYPES = ["azc", "amv", "nood", "spoednood", "crisis", "hotel", "doorstroom"]

AMSTERDAM, ROTTERDAM, DEN_HAAG, SCHIERMONNIKOOG = "GM0363", "GM0599", "GM0518", "GM0088"
LEEUWARDEN = "GM0080"

# A hand-made decision (task, task_amv); every other municipality has a task of 0.
TASKS = {AMSTERDAM: (2000, 100), ROTTERDAM: (520, 0), DEN_HAAG: (100, 0),
         SCHIERMONNIKOOG: (10, 0), LEEUWARDEN: (300, 60)}


# ---- the rules, independently ------------------------------------------------------


def day(text):
    return datetime.date.fromisoformat(text)


def plus_years(d, years):
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February in a year without one
        return datetime.date(d.year + years, 3, 1)


def read_locations(path=LOCATIONS):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        r["opens"] = day(r["opens"])
        r["closes"] = day(r["closes"]) if r["closes"] else None
        r["agreed_capacity"] = int(r["agreed_capacity"])
        r["capacity"] = int(r["capacity"])
    return rows


def is_open(location, d):
    return location["opens"] <= d and (location["closes"] is None or d < location["closes"])


def reason(location, d, min_years=5):
    """Why a location's places count or not on day d, by the law's reading."""
    if not is_open(location, d):
        return "not-open"
    if location["type"] not in ("azc", "amv"):
        return "not-regular"
    if location["closes"] is not None and location["closes"] < plus_years(location["opens"], min_years):
        return "not-durable"
    return "counts"


def counted(location, d, min_years=5):
    if reason(location, d, min_years) != "counts":
        return 0
    return min(location["capacity"], location["agreed_capacity"])


def expected_places(d, min_years=5, path=LOCATIONS):
    """code -> {places_counting, places_counting_amv, places_total, places_above_agreement}."""
    result = {}
    for loc in read_locations(path):
        if not is_open(loc, d):
            continue
        sums = result.setdefault(loc["code"], dict.fromkeys(PLACES[2:6], 0))
        places = counted(loc, d, min_years)
        sums["places_counting"] += places
        sums["places_counting_amv"] += places if loc["type"] == "amv" else 0
        sums["places_total"] += loc["capacity"]
        sums["places_above_agreement"] += max(0, loc["capacity"] - loc["agreed_capacity"])
    return result


def places_of(expected, code):
    return expected.get(code, dict.fromkeys(PLACES[2:6], 0))


# ---- running the program ------------------------------------------------------------


@pytest.fixture
def tasks(tmp_path):
    return write(tmp_path / "tasks.csv",
                 "code,task,task_amv\n" + "".join(f"{c},{t},{a}\n" for c, (t, a) in TASKS.items()))


def places(*args):
    text, notes = succeed("places", "--locations", LOCATIONS, *args)
    return text, notes


def places_on(date, *args):
    text, _ = places("--date", date, *args)
    assert header(text) == COLUMNS
    return by_code(records(text))


def numbers(row, *columns):
    return [int(row[c]) for c in columns]


# ---- counting places on a date --------------------------------------------------------


def test_every_municipality_on_1_july_2026():
    rows = places_on("2026-07-01")
    assert list(rows) == [m["code"] for m in read_cbs()]
    expected = expected_places(day("2026-07-01"))
    for code, row in rows.items():
        want = places_of(expected, code)
        assert numbers(row, *want) == list(want.values()), code
        # Without a task: empty task source, task, gap and met.
        assert row["task_source"] == row["task"] == row["task_amv"] == ""
        assert row["gap"] == row["gap_amv"] == row["met"] == ""


def test_amsterdam_by_hand():
    # L001 azc 640 in use of 600 agreed, open-ended: 600 count, 40 above the
    # agreement; L002 azc 800, ten years; L004 amv 80, open-ended: all count.
    # L003 hotel 700 closes on 1 July 2026 and never counts.
    amsterdam = places_on("2026-06-30")[AMSTERDAM]
    assert numbers(amsterdam, "places_counting", "places_counting_amv", "places_total",
                   "places_above_agreement") == [1480, 80, 2220, 40]
    amsterdam = places_on("2026-07-01")[AMSTERDAM]
    assert numbers(amsterdam, "places_counting", "places_counting_amv", "places_total",
                   "places_above_agreement") == [1480, 80, 1520, 40]


def test_places_above_the_agreement_never_count():
    # L037 Westerwolde (Ter Apel) azc: 2350 in use of 2000 agreed.
    row = places_on("2026-07-01")["GM1950"]
    assert numbers(row, "places_counting", "places_total", "places_above_agreement") == \
        [2000, 2350, 350]


def test_the_opening_day_counts_and_the_closing_day_does_not():
    # L031 Haarlem azc 250 opens 2026-01-01 and runs exactly five years.
    assert numbers(places_on("2025-12-31")["GM0392"], "places_counting", "places_total") == [0, 0]
    assert numbers(places_on("2026-01-01")["GM0392"], "places_counting", "places_total") == [250, 250]
    # L039 Amersfoort azc 350 closes 2026-04-30 (one day short of five years: never counts).
    assert numbers(places_on("2026-04-29")["GM0307"], "places_counting", "places_total") == [0, 350]
    assert numbers(places_on("2026-04-30")["GM0307"], "places_counting", "places_total") == [0, 0]


def test_five_years_count_and_one_day_less_does_not():
    rows = places_on("2026-03-01")
    # Exactly five years: L012 Groningen azc 530 in use of 500 agreed, L008 Den
    # Haag azc 400 (2022-06-01..2027-06-01), L027 Heerlen azc 250, L016
    # Leeuwarden amv 40 (plus L015 azc 400 open-ended).
    assert numbers(rows["GM0014"], "places_counting") == [500]
    assert numbers(rows[DEN_HAAG], "places_counting", "places_total") == [400, 400 + 280]
    assert numbers(rows["GM0917"], "places_counting") == [250]
    assert numbers(rows[LEEUWARDEN], "places_counting", "places_counting_amv", "places_total") == \
        [440, 40, 440]
    # One day less: L017 Zwolle azc 470 in use of 450 (2024-09-01..2029-08-31), L028 Middelburg.
    assert numbers(rows["GM0193"], "places_counting", "places_total") == [0, 470]
    assert numbers(rows["GM0687"], "places_counting", "places_total") == [0, 200]
    # --min-years 0 counts every azc and amv location (the agreement still caps).
    rows = places_on("2026-03-01", "--min-years", "0")
    assert numbers(rows["GM0193"], "places_counting") == [450]
    assert numbers(rows["GM0687"], "places_counting") == [200]
    # Ten years is more than five: L002 still counts at --min-years 10, L012 not.
    rows = places_on("2026-03-01", "--min-years", "10")
    assert numbers(rows[AMSTERDAM], "places_counting") == [600 + 800 + 80]
    assert numbers(rows["GM0014"], "places_counting") == [0]


def test_durability_from_the_day_looked_at():
    # L008 Den Haag azc 400 runs 2022-06-01..2027-06-01: five agreed years, but
    # on 2026-03-01 little more than one remains, so it stops counting.
    rows = places_on("2026-03-01", "--durability", "remaining")
    assert numbers(rows[DEN_HAAG], "places_counting") == [0]
    # L002 Amsterdam (to 2033-09-01) has seven years left: it still counts.
    assert numbers(rows[AMSTERDAM], "places_counting") == [600 + 800 + 80]


def test_existing_locations_below_a_minimum():
    # Opened before 2024-02-01 with fewer than 400 counting places: L018
    # Enschede 350 (2019) and L036 Schiermonnikoog 5 (2024-05-01: new, counts).
    rows = places_on("2026-07-01", "--existing-min-places", "400")
    assert numbers(rows["GM0153"], "places_counting") == [0]
    assert numbers(rows[SCHIERMONNIKOOG], "places_counting") == [5]
    # The day that separates new from existing moves with --existing-before.
    rows = places_on("2026-07-01", "--existing-min-places", "400", "--existing-before",
                     "2024-06-01")
    assert numbers(rows[SCHIERMONNIKOOG], "places_counting") == [0]


def test_other_readings_to_compare_with_the_law():
    # Transit counted too, with no minimum run: Utrecht's L011 doorstroom 120 joins L010 azc 600.
    rows = places_on("2026-03-01", "--counting-types", "azc,amv,doorstroom", "--min-years", "0")
    assert numbers(rows["GM0344"], "places_counting") == [720]
    # Places above the agreement counted: Amsterdam's L001 640 instead of 600.
    rows = places_on("2026-07-01", "--count-above-agreement")
    assert numbers(rows[AMSTERDAM], "places_counting") == [640 + 800 + 80]
    # A reading other than the law's is said beside the numbers it gives.
    _, notes = places("--date", "2026-07-01", "--count-above-agreement", "--min-years", "3")
    assert notes == ["opvang: counting rule: durable from 3 years (the law: 5)",
                     "opvang: counting rule: places above the agreement count (the law: at most "
                     "the agreed capacity)"]
    assert places("--date", "2026-07-01")[1] == []
    meta = json.loads(places("--date", "2026-07-01", "--counting-types", "azc", "-f", "json")[0])
    assert meta["meta"]["counting_types"] == "azc" and meta["meta"]["count_above_agreement"] is False
    assert "tent" in usage_error(run("places", "--locations", LOCATIONS, "--date", "2026-07-01",
                                     "--counting-types", "azc,tent"), "places")


def test_types_that_never_count():
    # Rotterdam on 2026-03-01: L005 azc 520 of 500 agreed counts 500; L006
    # hotel 900 and L007 nood 340 (300 agreed) do not.
    rotterdam = places_on("2026-03-01")[ROTTERDAM]
    assert numbers(rotterdam, "places_counting", "places_total", "places_above_agreement") == \
        [500, 520 + 900 + 340, 20 + 40]
    # Utrecht: L011 doorstroom 120 does not count, L010 azc 600 does.
    assert numbers(places_on("2026-03-01")["GM0344"], "places_counting", "places_total") == [600, 720]


def test_every_location_with_its_reason():
    text, _ = places("--date", "2026-07-01", "--by", "location")
    assert header(text) == LOCATION_COLUMNS
    rows = records(text)
    locations = read_locations()
    assert [r["id"] for r in rows] == [loc["id"] for loc in locations]
    for row, loc in zip(rows, locations):
        d = day("2026-07-01")
        assert row["reason"] == reason(loc, d), loc["id"]
        assert row["counts"] == ("true" if reason(loc, d) == "counts" else "false")
        assert int(row["places_counting"]) == counted(loc, d)
        assert int(row["places_total"]) == (loc["capacity"] if is_open(loc, d) else 0)
    by_id = {r["id"]: r for r in rows}
    assert (by_id["L001"]["places_counting"], by_id["L001"]["places_above_agreement"]) == ("600", "40")
    assert by_id["L003"]["reason"] == "not-open"      # closes on the day
    assert by_id["L017"]["reason"] == "not-durable"   # one day short of five years
    assert by_id["L011"]["reason"] == "not-regular"   # doorstroom
    assert by_id["L040"]["places_counting_amv"] == "60"


# ---- against a task -----------------------------------------------------------------


def test_gap_and_met_against_a_hand_made_decision(tasks):
    text, notes = places("--date", "2026-07-01", "--tasks", tasks)
    rows = by_code(records(text))
    # Amsterdam 2000 (100 AMV) - 1480 (80) = 520 and 20 short.
    assert numbers(rows[AMSTERDAM], "task", "task_amv", "places_counting", "gap", "gap_amv") == \
        [2000, 100, 1480, 520, 20]
    assert rows[AMSTERDAM]["met"] == "false"
    assert rows[AMSTERDAM]["task_source"] == "tasks-file"
    # Rotterdam 520 - 500 (the agreement of L005, not the 520 in use) = 20 short.
    assert numbers(rows[ROTTERDAM], "gap", "gap_amv") == [20, 0] and rows[ROTTERDAM]["met"] == "false"
    # Den Haag 100 - 400 = -300: met.
    assert numbers(rows[DEN_HAAG], "gap") == [-300] and rows[DEN_HAAG]["met"] == "true"
    # Schiermonnikoog 10 - 5 (L036) = 5 short.
    assert numbers(rows[SCHIERMONNIKOOG], "gap") == [5] and rows[SCHIERMONNIKOOG]["met"] == "false"
    # Leeuwarden: 300 - 440 = -140 overall, but 60 - 40 = 20 AMV places short:
    # a regular surplus does not hide an AMV shortfall.
    assert numbers(rows[LEEUWARDEN], "gap", "gap_amv") == [-140, 20]
    assert rows[LEEUWARDEN]["met"] == "false"
    # Not in the table: task 0, so met.
    groningen = rows["GM0014"]
    assert numbers(groningen, "task", "task_amv") == [0, 0] and groningen["met"] == "true"
    assert notes == [f"opvang: task source: tasks-file ({tasks})",
                     "opvang: on 2026-07-01 4 of 342 municipalities have not met their task; "
                     "together they lack 545 places, 40 of them AMV places"]


def test_shortfalls_only_largest_gap_first(tasks):
    text, _ = places("--date", "2026-07-01", "--tasks", tasks, "--shortfalls-only")
    rows = records(text)
    # Leeuwarden, short only of AMV places, comes last.
    assert [(r["code"], int(r["gap"])) for r in rows] == \
        [(AMSTERDAM, 520), (ROTTERDAM, 20), (SCHIERMONNIKOOG, 5), (LEEUWARDEN, -140)]
    # With a larger task for Schiermonnikoog (600 - 5 = 595) it comes first.
    bigger = write(tasks.parent / "bigger.csv",
                   f"code,task\n{AMSTERDAM},2000\n{SCHIERMONNIKOOG},600\n")
    rows = records(places("--date", "2026-06-30", "--tasks", bigger, "--shortfalls-only")[0])
    assert [(r["code"], int(r["gap"])) for r in rows] == [(SCHIERMONNIKOOG, 595), (AMSTERDAM, 520)]


def test_province_and_nation_are_the_sums_of_their_municipalities(tasks):
    municipal = records(places("--date", "2026-07-01", "--tasks", tasks)[0])
    text, _ = places("--date", "2026-07-01", "--tasks", tasks, "--by", "province")
    assert header(text) == PROVINCE_COLUMNS
    provinces = records(text)
    cbs = read_cbs()
    assert [r["province_code"] for r in provinces] == list(dict.fromkeys(m["province_code"] for m in cbs))
    nation, = records(places("--date", "2026-07-01", "--tasks", tasks, "--by", "nation")[0])
    assert (nation["province_code"], nation["province"]) == ("NL", "Nederland")
    for row, members in [(p, [m for m in municipal if m["province_code"] == p["province_code"]])
                         for p in provinces] + [(nation, municipal)]:
        assert int(row["municipalities"]) == len(members)
        for column in PLACES[:6]:
            assert int(row[column]) == sum(int(m[column]) for m in members), column
        # The net gap: a surplus in one municipality counts toward the province.
        assert int(row["gap"]) == int(row["task"]) - int(row["places_counting"])
        assert int(row["gap_amv"]) == int(row["task_amv"]) - int(row["places_counting_amv"])
        assert row["met"] == ("true" if int(row["gap"]) <= 0 and int(row["gap_amv"]) <= 0 else "false")
        assert int(row["municipalities_short"]) == sum(m["met"] == "false" for m in members)
    # By hand: Zuid-Holland's task is Rotterdam's 520 + Den Haag's 100; it counts
    # 500 + 400 + nothing else that counts = 900: a net surplus of 280, so the
    # province has met its task although Rotterdam has not.
    zh = next(r for r in provinces if r["province_code"] == "PV28")
    assert numbers(zh, "task", "places_counting", "gap", "municipalities_short") == [620, 900, -280, 1]
    assert zh["met"] == "true"
    # Without a task the task and shortfall cells are empty.
    rows = records(places("--date", "2026-07-01", "--by", "province")[0])
    assert all(r["task"] == "" and r["met"] == "" and r["municipalities_short"] == "" for r in rows)
    assert all(r["places_total"] != "" for r in rows)


def test_the_task_from_the_key_says_it_is_not_the_legal_one():
    text, notes = places("--date", "2026-07-01", "--total", 96000, "--amv", 8140)
    rows = records(text)
    cbs = read_cbs()
    expected = hamilton([m["population"] for m in cbs], 96000)
    assert [int(r["task"]) for r in rows] == expected
    assert all(r["task_source"] == "key-population" for r in rows)
    # AMV: round half up of places * 8140 / 96000.
    assert [int(r["task_amv"]) for r in rows] == [amv_share(t, 8140, 96000) for t in expected]
    for r in rows:
        assert int(r["gap"]) == int(r["task"]) - int(r["places_counting"])
    assert notes[0] == ("opvang: task source: key-population (indicative key: 96000 places "
                        "(8140 AMV) by population alone, population of 2024-01-01)")
    assert notes[1].startswith("opvang: warning: the task is the key by population alone, not "
                               "the legal key, which weighs SES-WOA")
    note, = population_notes("places", "--locations", LOCATIONS, "--date", "2026-07-01",
                             "--total", 96000)
    assert note.startswith("opvang: population of 2024-01-01")


def test_the_task_from_the_key_with_ses(tmp_path):
    # Two municipalities with scores 1 and -0.5, all others 0: Amsterdam's weight doubles.
    ses = write(tmp_path / "ses.csv", "code,ses\n" + "".join(
        f"{m['code']},{1 if m['code'] == AMSTERDAM else -0.5 if m['code'] == ROTTERDAM else 0}\n"
        for m in read_cbs()))
    text, notes = places("--date", "2026-07-01", "--total", 1000, "--ses", ses)
    cbs = read_cbs()
    weights = [m["population"] * (2 if m["code"] == AMSTERDAM else 1)
               for m in cbs]
    weights = [w if m["code"] != ROTTERDAM else Fraction(m["population"], 2)
               for w, m in zip(weights, cbs)]
    assert [int(r["task"]) for r in records(text)] == hamilton(weights, 1000)
    assert {r["task_source"] for r in records(text)} == {"key-ses"}
    assert not any("warning" in n for n in notes)


def test_a_series_of_days():
    text, _ = places("--from", "2026-06-24", "--to", "2026-07-08", "--by", "nation")
    rows = records(text)
    assert header(text) == ["date"] + PROVINCE_COLUMNS
    assert [r["date"] for r in rows] == ["2026-06-24", "2026-07-01", "2026-07-08"]
    for r in rows:
        expected = expected_places(day(r["date"]))
        assert int(r["places_total"]) == sum(e["places_total"] for e in expected.values())
        assert int(r["places_counting"]) == sum(e["places_counting"] for e in expected.values())
    # Months: the 1st of each month from the first one on or after --from.
    rows = records(places("--from", "2026-05-15", "--to", "2026-08-01", "--every", "month",
                          "--by", "nation")[0])
    assert [r["date"] for r in rows] == ["2026-06-01", "2026-07-01", "2026-08-01"]
    # The municipality rows of one day equal those of --date.
    series = [r for r in records(places("--from", "2026-07-01", "--to", "2026-07-07")[0])]
    single = records(places("--date", "2026-07-01")[0])
    assert [{k: v for k, v in r.items() if k != "date"} for r in series] == single


def test_json_has_booleans_nulls_and_what_it_rests_on(tasks):
    text, _ = places("--date", "2026-07-01", "--tasks", tasks, "-f", "json")
    document = json.loads(text)
    amsterdam = next(r for r in json_rows(text) if r["code"] == AMSTERDAM)
    assert list(amsterdam) == COLUMNS
    assert amsterdam["met"] is False and amsterdam["gap"] == 520 and amsterdam["gap_amv"] == 20
    assert next(r for r in document["rows"] if r["code"] == DEN_HAAG)["met"] is True
    meta = document["meta"]
    assert meta["date"] == "2026-07-01" and meta["task_source"] == "tasks-file"
    assert meta["min_years"] == 5 and meta["durability"] == "agreed-period"
    assert meta["existing_min_places"] == 0 and meta["existing_before"] == "2024-02-01"
    plain = json.loads(places("--date", "2026-07-01", "-f", "json")[0])
    assert all(r["task"] is None and r["met"] is None for r in plain["rows"])
    assert plain["meta"]["task_source"] is None
    keyed = json.loads(places("--date", "2026-07-01", "--total", 100, "-f", "json")[0])["meta"]
    assert keyed["task_source"] == "key-population" and keyed["population_date"] == "2024-01-01"


def test_a_merged_municipality_is_named_or_mapped(tmp_path):
    path = write(tmp_path / "l.csv", LOCATION_HEADER + "X1,GM0501,Brielle azc,azc,100,100,2020-01-01,\n")
    message = data_error(run("places", "--locations", path, "--date", "2026-07-01"))
    assert ("l.csv:2: column 'code': municipality code GM0501 (Brielle) no longer exists: it "
            "merged into GM1992 (Voorne aan Zee) on 2023-01-01") in message
    text, _ = succeed("places", "--locations", path, "--date", "2026-07-01", "--map-mergers")
    assert numbers(by_code(records(text))["GM1992"], "places_counting") == [100]


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
      "--by", "location"], "locations have none"),
    (["--locations", LOCATIONS, "--date", "2026-07-01", "--by", "country"], "country"),
    (["--locations", LOCATIONS, "--date", "2026-07-01", "--min-years", "five"], "five"),
    (["--locations", LOCATIONS, "--date", "2026-07-01", "--min-years", "-1"], "-1"),
    (["--locations", LOCATIONS, "--date", "2026-07-01", "--total", "many"], "many"),
    (["--locations", LOCATIONS, "--date", "2026-07-01", "stray"], "stray"),
    (["--locations", LOCATIONS, "--date", "2026-07-01", "--from", "2026-07-01"], "choose one"),
    (["--locations", LOCATIONS, "--from", "2026-07-01"], "--from and --to go together"),
    (["--locations", LOCATIONS, "--date", "2026-07-01", "--every", "month"], "--every"),
    (["--locations", LOCATIONS, "--from", "2026-07-01", "--to", "2026-08-01", "--every", "day"], "day"),
    (["--locations", LOCATIONS, "--date", "2026-07-01", "--durability", "forever"], "forever"),
    (["--locations", LOCATIONS, "--date", "2026-07-01", "--existing-before", "2024-01-01"],
     "--existing-min-places"),
    (["--locations", LOCATIONS, "--date", "2026-07-01", "--register", "r.csv",
      "--population-date", "2025-01-01"], "--population-date"),
    # A second value would replace the first without a word.
    (["--locations", LOCATIONS, "--date", "2026-07-01", "--date", "2026-07-02"],
     "--date is given twice"),
    (["--locations", LOCATIONS, "--date", "2026-07-01", "--tasks", "a.csv", "--tasks", "b.csv"],
     "--tasks is given twice"),
    (["-l", LOCATIONS, "--locations", LOCATIONS, "--date", "2026-07-01"],
     "--locations is given twice"),
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


@pytest.mark.parametrize("table, needle", [
    ("code,task\nGM0363,5\nGM9999,5\n", ":3: column 'code': municipality code 'GM9999' is not in the register"),
    ("code,task\nGM0363,-5\n", ":2: column 'task': a task cannot be negative"),
    ("code,task\nGM0363,2.5\n", ":2: column 'task': '2.5'"),
    ("code,task,task_amv\nGM0518,2189,2190\n",
     ":2: column 'task_amv': the AMV task 2190 of GM0518 is more than its whole task 2189"),
    ("code,task\nGM0363,5\nGM0363,6\n", ":3: GM0363 occurs twice (also on line 2)"),
    ("code,name,task\nGM0363,Rotterdam,5\n", ":2: column 'name': GM0363 is Amsterdam, not 'Rotterdam'"),
    ("code,task\nGM0457,5\n", "GM0457 (Weesp) no longer exists: it merged into GM0363 (Amsterdam)"),
])
def test_bad_tasks_name_file_line_and_code(tmp_path, table, needle):
    path = write(tmp_path / "tasks.csv", table)
    message = data_error(run("places", "--locations", LOCATIONS, "--date", "2026-07-01",
                             "--tasks", path))
    assert message.startswith(f"opvang: {path}") and needle in message


def test_places_data_errors(tmp_path):
    base = ["places", "--locations", LOCATIONS, "--date", "2026-07-01"]
    assert "absent.csv" in data_error(run("places", "--locations", tmp_path / "absent.csv",
                                          "--date", "2026-07-01"))
    # Option values out of range are a wrong command line: exit 2.
    assert "--total must be 0 to 2^53, not -5" in usage_error(run(*base, "--total", "-5"), "places")
    assert "--amv 200 is more than --total 100" in usage_error(
        run(*base, "--total", "100", "--amv", "200"), "places")
    assert "the series ends on 2026-06-01, before it starts on 2026-07-01" in usage_error(run(
        "places", "--locations", LOCATIONS, "--from", "2026-07-01", "--to", "2026-06-01"), "places")
    # A series in which no day falls: no table that says nothing.
    assert "no 1st of a month from 2026-07-02 to 2026-07-30" in usage_error(run(
        "places", "--locations", LOCATIONS, "--from", "2026-07-02", "--to", "2026-07-30",
        "--every", "month"), "places")


def test_places_help():
    text = help_text("places")
    for option in ("--locations", "--date", "--from", "--to", "--every", "--tasks", "--total",
                   "--amv", "--ses", "--by", "--shortfalls-only", "--min-years", "--durability",
                   "--existing-min-places", "--existing-before", "--register",
                   "--population-date", "--map-mergers", "--format"):
        assert option in text
    for column in COLUMNS + PROVINCE_COLUMNS + LOCATION_COLUMNS:
        assert column in text
    for word in ("tasks-file", "key-ses", "key-population", "not-durable", "small-existing"):
        assert word in text


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
    # More than 100,000 weeks is a wrong command line, refused before anything is read.
    assert "more than 100000 weeks" in usage_error(
        run("capacity", "--locations", LOCATIONS, "--from", "1900-01-01", "--to", "9999-12-31"),
        "capacity")


def test_capacity_help():
    text = help_text("capacity")
    for option in ("--locations", "--from", "--to", "--by", "--changes", "--register", "--format"):
        assert option in text
