# SPDX-License-Identifier: EUPL-1.2
"""Tests of `opvang housing-task` and `opvang supervision`.

Expected tasks are ceil(vg * P_g / P_NL) in Python's exact integers over the
CBS file in data/, read with the csv module, and the 2025 table reproduced in
tests/data/; carry-over, swaps and the supervision ladder are worked out by
hand in the comments.
"""

import csv
import json
import re

import pytest

from cliutil import (SOURCE_ROOT, by_code, data_error, header, help_text, json_rows,
                     population_notes, read_cbs, records, run,
                     succeed, usage_error, write)

DERIVED_2025 = SOURCE_ROOT / "tests" / "data" / "nl_taakstelling_2025_derived.csv"

COLUMNS = ["code", "name", "province_code", "province", "population", "task", "carried",
           "corrected", "realised", "balance"]
WITH_SWAPS = ["code", "name", "province_code", "province", "population", "task", "swapped",
              "carried", "corrected", "realised", "balance"]

P_NL = 17_942_942
AMSTERDAM, SCHIERMONNIKOOG, ROTTERDAM = "GM0363", "GM0088", "GM0599"


def ceil_share(vg, population, total):
    return -(-vg * population // total)


def housing(*args):
    return succeed("housing-task", *args)


# ---- the task of one half-year ----------------------------------------------------


def test_2025_h2_amsterdam_675_and_the_sum_13164():
    text, notes = housing("--national", 13000, "--period", "2025-H2")
    assert header(text) == COLUMNS
    rows = records(text)
    assert len(rows) == 342
    cbs = read_cbs()
    assert [r["code"] for r in rows] == [m["code"] for m in cbs]
    for row, m in zip(rows, cbs):
        assert row["name"] == m["name"] and row["province_code"] == m["province_code"]
        assert int(row["population"]) == m["population"]
        assert int(row["task"]) == ceil_share(13000, m["population"], P_NL)
        assert int(row["task"]) >= 1
        # Nothing carried or realised: corrected is the task, balance unknown.
        assert row["carried"] == "0" and row["corrected"] == row["task"]
        assert row["realised"] == "" and row["balance"] == ""
    assert by_code(rows)[AMSTERDAM]["task"] == "675"  # ceil(13000 * 931298 / 17942942) = ceil(674.74)
    assert sum(int(r["task"]) for r in rows) == 13164
    # The embedded register is of 1 January 2024, the reference date of 2025-H2: no warning.
    assert notes == ["opvang: tasks add up to 13164 for a national number of 13000 "
                     "(every municipality rounds up)"]


@pytest.mark.parametrize("period, vg, column", [
    ("2025-H1", 17700, "T_2025H1_vg17700"),
    ("2025-H1", 15000, "T_2025H1_vg15000"),
    ("2025-H2", 13000, "T_2025H2_vg13000"),
])
def test_the_reproduced_2025_tables(period, vg, column):
    with open(DERIVED_2025, newline="", encoding="utf-8") as f:
        table = {r["gemeentecode"]: int(r[column]) for r in csv.DictReader(f)}
    rows = records(housing("-n", vg, "-p", period)[0])
    assert {r["code"]: int(r["task"]) for r in rows} == {c: t for c, t in table.items() if c != "NL01"}
    assert sum(int(r["task"]) for r in rows) == table["NL01"]


@pytest.mark.parametrize("period, date, amsterdam", [
    # Amsterdam: ceil(13000 * 918117 / 17811291) = ceil(670.1...) and
    # ceil(13000 * 934526 / 18044027) = ceil(673.3...).
    ("2024-H2", "2023-01-01", 671),
    ("2026-H1", "2025-01-01", 674),
])
def test_the_legal_population_date_by_default(period, date, amsterdam):
    # Huisvestingswet art. 29: 1 January of the year before the half-year.
    cbs = read_cbs(date)
    national = sum(r["population"] for r in cbs)
    expected = sum(ceil_share(13000, r["population"], national) for r in cbs)
    text, notes = housing("--national", 13000, "--period", period)
    assert notes == [f"opvang: tasks add up to {expected} for a national number of 13000 "
                     "(every municipality rounds up)"]
    assert by_code(records(text))[AMSTERDAM]["task"] == str(amsterdam)
    assert population_notes("housing-task", "-n", 13000, "-p", period)[0].startswith(
        f"opvang: population of {date} (CBS StatLine 03759NED")
    meta = json.loads(housing("-n", 13000, "-p", period, "-f", "json")[0])["meta"]
    assert meta["population_date"] == date


def test_another_reference_date_warns_and_still_computes():
    text, notes = housing("--national", 13000, "--period", "2024-H2",
                          "--population-date", "2024-01-01")
    # 2024-H2 counts the population of 1 January 2023; this register is of 2024.
    assert notes[0].startswith("opvang: warning: ")
    assert "2023-01-01" in notes[0] and "2024-01-01" in notes[0]
    assert notes[1] == ("opvang: tasks add up to 13164 for a national number of 13000 "
                        "(every municipality rounds up)")
    assert by_code(records(text))[AMSTERDAM]["task"] == "675"


def test_a_half_year_whose_population_is_not_embedded():
    message = data_error(run("housing-task", "-n", 13000, "-p", "2027-H1"))
    assert "'2026-01-01'" in message and "2023-01-01, 2024-01-01, 2025-01-01" in message


def test_exact_division_stays_exact(tmp_path):
    # Each municipality holds exactly half of P_NL: 17700 / 2 = 8850, no rounding up.
    register = write(tmp_path / "halves.csv",
                     "code,name,province_code,province,population\n"
                     "GM0001,Een,PV01,Noord,6000000\n"
                     "GM0002,Twee,PV01,Noord,6000000\n")
    text, notes = housing("-n", 17700, "-p", "2025-H1", "--register", register)
    assert [r["task"] for r in records(text)] == ["8850", "8850"]
    # A register from a file has no reference date: warned, then the exact sum.
    assert len(notes) == 2 and notes[0].startswith("opvang: warning: ")
    assert notes[1] == "opvang: tasks add up to 17700 for a national number of 17700"


def test_overflow_is_an_error_not_a_wrong_number(tmp_path):
    # 2^53 - 1 inhabitants times vg = 2^20 passes 2^63.
    register = write(tmp_path / "huge.csv",
                     "code,name,province_code,province,population\n"
                     f"GM0001,Groot,PV01,Noord,{2**53 - 1}\n"
                     "GM0002,Klein,PV01,Noord,1\n")
    message = data_error(run("housing-task", "-n", 2**20, "-p", "2025-H1", "-r", register))
    assert "GM0001" in message and "overflow" in message


def test_json_keeps_whole_numbers_and_empty_cells():
    records_ = json_rows(housing("-n", 13000, "-p", "2025-H2", "-f", "json")[0])
    amsterdam = next(r for r in records_ if r["code"] == AMSTERDAM)
    assert list(amsterdam) == COLUMNS
    assert amsterdam["task"] == 675 and type(amsterdam["task"]) is int
    assert amsterdam["realised"] is None and amsterdam["balance"] is None


def test_table_format_is_aligned():
    lines = housing("-n", 13000, "-p", "2025-H2", "-f", "table")[0].splitlines()
    assert len(lines) == 2 + 342
    assert lines[0].split() == COLUMNS
    assert set(lines[1]) <= {"-", " "}


# ---- carry-over and realisation ---------------------------------------------------


@pytest.fixture
def balances(tmp_path):
    # Amsterdam ends 2025-H1 with a backlog of 25, Schiermonnikoog 3 ahead.
    return write(tmp_path / "balance.csv",
                 f"code,balance\n{AMSTERDAM},25\n{SCHIERMONNIKOOG},-3\n")


def test_carry_over_of_a_backlog_and_an_advance(balances):
    rows = by_code(records(housing("-n", 13000, "-p", "2025-H2", "--previous-balance", balances)[0]))
    # Amsterdam: 675 + 25.  Schiermonnikoog: ceil(13000 * 972 / 17942942) = ceil(0.704) = 1, then -3.
    assert [rows[AMSTERDAM][c] for c in ("task", "carried", "corrected")] == ["675", "25", "700"]
    assert [rows[SCHIERMONNIKOOG][c] for c in ("task", "carried", "corrected")] == ["1", "-3", "-2"]
    # A municipality the file does not name carries nothing.
    assert [rows[ROTTERDAM][c] for c in ("carried",)] == ["0"]
    assert rows[ROTTERDAM]["corrected"] == rows[ROTTERDAM]["task"]


def test_an_advance_may_lapse(balances):
    rows = by_code(records(housing("-n", 13000, "-p", "2025-H2", "-b", balances,
                                   "--no-carry-advance")[0]))
    assert [rows[AMSTERDAM][c] for c in ("carried", "corrected")] == ["25", "700"]  # a backlog stays
    assert [rows[SCHIERMONNIKOOG][c] for c in ("carried", "corrected")] == ["0", "1"]


def test_realised_gives_the_balance(tmp_path, balances):
    realised = write(tmp_path / "realised.csv",
                     f"code,realised\n{AMSTERDAM},650\n{SCHIERMONNIKOOG},0\n{ROTTERDAM},700\n")
    rows = by_code(records(housing("-n", 13000, "-p", "2025-H2", "-b", balances,
                                   "--realised", realised)[0]))
    # Amsterdam 700 - 650 = 50 behind; Schiermonnikoog -2 - 0 = 2 ahead.
    assert [rows[AMSTERDAM][c] for c in ("realised", "balance")] == ["650", "50"]
    assert [rows[SCHIERMONNIKOOG][c] for c in ("realised", "balance")] == ["0", "-2"]
    # Rotterdam (670,610 inhabitants): its task of ceil(13000 * 670610 / 17942942), less 700.
    cbs = {m["code"]: m for m in read_cbs()}
    task = ceil_share(13000, cbs[ROTTERDAM]["population"], P_NL)
    assert rows[ROTTERDAM]["balance"] == str(task - 700)
    # Not named: nobody housed, the whole task is still open.
    utrecht = rows["GM0344"]
    assert utrecht["realised"] == "0" and utrecht["balance"] == utrecht["corrected"]


# ---- swaps -------------------------------------------------------------------------


def test_swaps_that_add_up_to_zero(tmp_path):
    swaps = write(tmp_path / "swaps.csv",
                  "agreement,code,delta\n"
                  f"A1,{AMSTERDAM},-10\nA1,{SCHIERMONNIKOOG},10\n"
                  f"B7,{ROTTERDAM},4\nB7,{AMSTERDAM},-1\nB7,GM0344,-3\n")
    text, _ = housing("-n", 13000, "-p", "2025-H2", "--swaps", swaps)
    assert header(text) == WITH_SWAPS
    rows = by_code(records(text))
    # Amsterdam gives 10 + 1: 675 - 11 = 664; Schiermonnikoog takes 10: 1 + 10 = 11.
    assert [rows[AMSTERDAM][c] for c in ("task", "swapped", "corrected")] == ["675", "-11", "664"]
    assert [rows[SCHIERMONNIKOOG][c] for c in ("task", "swapped", "corrected")] == ["1", "10", "11"]
    assert rows[ROTTERDAM]["swapped"] == "4"
    assert rows["GM0014"]["swapped"] == "0"
    assert sum(int(r["swapped"]) for r in rows.values()) == 0


def test_swaps_that_do_not_add_up(tmp_path):
    swaps = write(tmp_path / "swaps.csv",
                  f"agreement,code,delta\nA1,{AMSTERDAM},-10\nA1,{SCHIERMONNIKOOG},9\n")
    message = data_error(run("housing-task", "-n", 13000, "-p", "2025-H2", "-s", swaps))
    assert "A1" in message and "zero" in message


def test_a_swap_below_zero_or_with_an_unknown_code(tmp_path):
    # Schiermonnikoog's task is 1: giving away 2 leaves -1.
    below = write(tmp_path / "below.csv",
                  f"agreement,code,delta\nX,{SCHIERMONNIKOOG},-2\nX,{AMSTERDAM},2\n")
    message = data_error(run("housing-task", "-n", 13000, "-p", "2025-H2", "-s", below))
    assert "X" in message and SCHIERMONNIKOOG in message and "below zero" in message
    unknown = write(tmp_path / "unknown.csv",
                    f"agreement,code,delta\nY,GM9999,-2\nY,{AMSTERDAM},2\n")
    message = data_error(run("housing-task", "-n", 13000, "-p", "2025-H2", "-s", unknown))
    assert "GM9999" in message and "Y" in message
    malformed = write(tmp_path / "malformed.csv", f"agreement,code,delta\nZ,{AMSTERDAM},two\n")
    assert str(malformed) in data_error(run("housing-task", "-n", 13000, "-p", "2025-H2", "-s",
                                            malformed))


# ---- errors ----------------------------------------------------------------------


@pytest.mark.parametrize("args, needle", [
    (["-p", "2025-H2"], "--national"),
    (["-n", "13000"], "--period"),
    (["-n", "13000", "-p", "2025-H3"], "2025-H3"),
    (["-n", "13000", "-p", "2025H2"], "2025H2"),
    (["-n", "dertienduizend", "-p", "2025-H2"], "dertienduizend"),
    (["-n", "13000.5", "-p", "2025-H2"], "13000.5"),
    (["-n", "13000", "-p", "2025-H2", "--format", "xml"], "xml"),
    (["-n", "13000", "-p", "2025-H2", "--carry-advance"], "--carry-advance"),
    (["-n", "13000", "-p", "2025-H2", "extra"], "extra"),
    (["-n", "13000", "--period"], "--period"),
])
def test_usage_errors_exit_2(args, needle):
    assert needle in usage_error(run("housing-task", *args), "housing-task")


def test_data_errors_exit_1(tmp_path):
    base = ["housing-task", "-n", 13000, "-p", "2025-H2"]
    assert "--national must be 0 to 2^53, not -1" in usage_error(
        run("housing-task", "-n", -1, "-p", "2025-H2"), "housing-task")
    absent = tmp_path / "absent.csv"
    assert str(absent) in data_error(run(*base, "-b", absent))
    fraction = write(tmp_path / "fraction.csv", f"code,balance\n{AMSTERDAM},2.5\n")
    assert str(fraction) in data_error(run(*base, "-b", fraction))
    unknown = write(tmp_path / "unknown.csv", "code,balance\nGM9999,2\n")
    assert "GM9999" in data_error(run(*base, "-b", unknown))
    negative = write(tmp_path / "negative.csv", f"code,realised\n{AMSTERDAM},-1\n")
    assert str(negative) in data_error(run(*base, "--realised", negative))
    wrong_column = write(tmp_path / "wrong.csv", f"code,housed\n{AMSTERDAM},1\n")
    assert "realised" in data_error(run(*base, "--realised", wrong_column))
    assert str(absent) in data_error(run(*base, "--register", absent))


def test_help():
    text = help_text("housing-task")
    for option in ("--national", "--period", "--register", "--previous-balance", "--realised",
                   "--swaps", "--no-carry-advance", "--format"):
        assert option in text


# ---- supervision -------------------------------------------------------------------

# A hand-made history.  Judged on 2025-H1 (the latest half-year ended by
# 1 December 2025), misses counted back from it, tolerance 0, thresholds
# 1, 2, 3, 4; a stage begins the day after the half-year that brought the
# count to its threshold ended:
#   Amsterdam      5, 3, 2 (2024-H1..2025-H1) -> 3: warning from 1 July 2025,
#                                                 13 weeks: to 29 September
#   Rotterdam      4, 0, 7            -> 1 (the 0 ends the run): signalling
#   's-Gravenhage  1 (2023-H2), 2 (2024-H2), 3 (2025-H1) -> 2 (2024-H1 is
#                                         missing): administrative talk
#   Utrecht        1 five times from 2023-H1 -> 5: substitution since the
#                                         fourth miss, 2024-H2: 1 January 2025
#   Schiermonnikoog -2                -> 0: on track
#   Groningen      2                  -> 1: signalling
#   everyone else: no balance for 2025-H1: no_data
HISTORY = """code,period,balance
GM0363,2024-H1,5
GM0363,2024-H2,3
GM0363,2025-H1,2
GM0599,2024-H1,4
GM0599,2024-H2,0
GM0599,2025-H1,7
GM0518,2023-H2,1
GM0518,2024-H2,2
GM0518,2025-H1,3
GM0344,2023-H1,1
GM0344,2023-H2,1
GM0344,2024-H1,1
GM0344,2024-H2,1
GM0344,2025-H1,1
GM0088,2025-H1,-2
GM0014,2025-H1,2
"""

SUPERVISION_COLUMNS = ["code", "name", "stage", "consecutive_misses", "first_missed", "entered",
                       "term_ends", "balance", "task"]


@pytest.fixture
def history(tmp_path):
    return write(tmp_path / "history.csv", HISTORY)


def ladder(*args):
    text, notes = succeed("supervision", *args)
    assert notes[0].startswith("opvang: judged on ")
    assert notes[1].startswith("opvang: national backlog ")
    assert header(text) == SUPERVISION_COLUMNS
    rows = records(text)
    assert [r["code"] for r in rows] == [m["code"] for m in read_cbs()]
    return {r["code"]: (r["stage"], int(r["consecutive_misses"]), r["first_missed"], r["entered"],
                        r["term_ends"]) for r in rows}


def test_the_ladder_as_of_a_date(history):
    stages = ladder("--history", history, "--as-of", "2025-12-01")
    assert stages["GM0363"] == ("warning", 3, "2024-H1", "2025-07-01", "2025-09-29")
    assert stages["GM0599"] == ("signalling", 1, "2025-H1", "2025-07-01", "")
    assert stages["GM0518"] == ("administrative_talk", 2, "2024-H2", "2025-07-01", "")
    assert stages["GM0344"] == ("substitution", 5, "2023-H1", "2025-01-01", "")
    assert stages["GM0088"] == ("on_track", 0, "", "", "")
    assert stages["GM0014"] == ("signalling", 1, "2025-H1", "2025-07-01", "")
    assert stages["GM0034"] == ("no_data", 0, "", "", "")
    assert sum(1 for s in stages.values() if s[0] == "no_data") == 342 - 6


def test_an_earlier_date_judges_an_earlier_half_year(history):
    # On 29 June 2025 2025-H1 has not ended: 2024-H2 is judged.  Amsterdam 3
    # and 5: administrative talk from 1 January 2025; Groningen has no
    # balance for 2024-H2: no_data; Rotterdam's 0 there: on track.
    stages = ladder("-H", history, "--as-of", "2025-06-29")
    assert stages["GM0363"] == ("administrative_talk", 2, "2024-H1", "2025-01-01", "")
    assert stages["GM0014"][0] == "no_data"
    assert stages["GM0599"][0] == "on_track"


def test_other_thresholds_a_ladder_by_name_and_a_term(history):
    stages = ladder("-H", history, "--as-of", "2025-12-01", "--thresholds", "2,3,4,6")
    assert stages["GM0363"][:2] == ("administrative_talk", 3)
    assert stages["GM0599"][:2] == ("on_track", 1)
    assert stages["GM0344"] == ("warning", 5, "2023-H1", "2025-01-01", "2025-04-01")
    # One missed half-year is enough for substitution (ECLI:NL:RVS:2018:2647).
    stages = ladder("-H", history, "--as-of", "2025-12-01", "--ladder",
                    "signalling=1,administrative_talk=1,warning=1,substitution=1")
    assert stages["GM0599"] == ("substitution", 1, "2025-H1", "2025-07-01", "")
    stages = ladder("-H", history, "--as-of", "2025-12-01", "--warning-term", "4")
    assert stages["GM0363"][4] == "2025-07-28"


def test_tolerance_in_people_and_as_a_share(tmp_path, history):
    # Up to 2 people is no miss: Amsterdam's 2 and Groningen's 2 are not;
    # 's-Gravenhage's 3 is, but the 2 before it is not.
    stages = ladder("-H", history, "--as-of", "2025-12-01", "--tolerance", "2")
    assert stages["GM0363"][:2] == ("on_track", 0)
    assert stages["GM0014"][:2] == ("on_track", 0)
    assert stages["GM0518"][:2] == ("signalling", 1)
    assert stages["GM0344"][:2] == ("on_track", 0)
    # 5% of the task: 40 of 675 (33.75) misses, 30 of 680 (34) does not.
    shares = write(tmp_path / "shares.csv", "code,period,balance,task\n"
                   "GM0363,2024-H2,30,680\nGM0363,2025-H1,40,675\n")
    stages = ladder("-H", shares, "--as-of", "2025-12-01", "--tolerance", "5%")
    assert stages["GM0363"][:3] == ("signalling", 1, "2025-H1")
    message = data_error(run("supervision", "-H", history, "--as-of", "2025-12-01",
                             "--tolerance", "5%"))
    assert "needs the task of each half-year: a column 'task'" in message


def test_the_national_figures_of_the_half_year_judged(history):
    # 2025-H1 balances: 2 + 7 + 3 + 1 + 2 = 15 above zero, 2 below.
    text, notes = succeed("supervision", "-H", history, "--as-of", "2025-12-01", "-f", "json")
    meta = json.loads(text)["meta"]
    shared = {key: meta.pop(key) for key in ("version", "command", "inputs", "population_date",
                                               "notes")}
    assert meta == {"as_of": "2025-12-01", "period": "2025-H1", "backlog": 15, "advance": 2,
                    "net_balance": 13, "no_data": 336}
    assert shared["command"] == "supervision"
    assert shared["inputs"] == ["-H", str(history), "--as-of", "2025-12-01", "-f", "json"]
    assert notes[-1] == ("opvang: national backlog 15 (the sum of the positive balances, as "
                         "published); advance 2; net 13")
    # the notes on stderr are the notes of the JSON meta
    assert ["opvang: " + note for note in shared["notes"]] == notes


def test_supervision_json_and_register(tmp_path):
    register = write(tmp_path / "two.csv",
                     "code,name,province_code,province,population\n"
                     "GM0001,Een,PV01,Noord,10\nGM0002,Twee,PV01,Noord,20\n")
    history = write(tmp_path / "h.csv", "code,period,balance\nGM0002,2025-H1,1\nGM0002,2024-H2,1\n")
    text, _ = succeed("supervision", "-H", history, "--as-of", "2025-07-01", "-r", register,
                      "-f", "json")
    assert json_rows(text) == [
        {"code": "GM0001", "name": "Een", "stage": "no_data", "consecutive_misses": 0,
         "first_missed": "", "entered": "", "term_ends": "", "balance": 0, "task": -1},
        {"code": "GM0002", "name": "Twee", "stage": "administrative_talk",
         "consecutive_misses": 2, "first_missed": "2024-H2", "entered": "2025-07-01",
         "term_ends": "", "balance": 1, "task": -1},
    ]


@pytest.mark.parametrize("args, needle", [
    ([], "--history"),
    (["--as-of", "2025-12-01", "-t", "1,2,3"], "1,2,3"),
    (["--as-of", "2025-12-01", "-t", "1,2,3,4,5"], "1,2,3,4,5"),
    (["--as-of", "2025-12-01", "-t", "1,2,,4"], "whole numbers"),
    (["--as-of", "2025-12-01", "-t", "1,2,x,4"], "x"),
    (["--as-of", "2025-12-01", "-t", "0,1,2,3"], "1 to 1000"),
    (["--as-of", "2025-12-01", "--tolerance", "half"], "half"),
    (["--as-of", "2025-12-01", "--tolerance", "-1"], "-1"),
    (["--as-of", "2025-12-01", "--tolerance", "150%"], "outside 0%..100%"),
    (["--as-of", "2025-12-01", "--warning-term", "0"], "--warning-term must be 1 to 520"),
    (["--as-of", "2025-12-01", "--ladder", "intervention=2"], "no stage 'intervention'"),
    (["--as-of", "2025-12-01", "--ladder", "warning"], "STAGE=N"),
    (["--as-of", "2025-02-30"], "2025-02-30"),
    ([], "missing required option --as-of"),
    (["--as-of", "2025-12-01", "--as-of", "2026-01-01"], "--as-of"),
    (["--bogus"], "--bogus"),
])
def test_supervision_usage_errors(history, args, needle):
    full = args if args == [] and needle == "--history" else ["-H", history, *args]
    assert needle in usage_error(run("supervision", *full), "supervision")


def test_supervision_data_errors(tmp_path, history):
    as_of = ("--as-of", "2025-12-01")
    assert "must not decrease" in usage_error(run("supervision", "-H", history, *as_of,
                                                  "-t", "2,1,3,4"), "supervision")
    assert "before the end of the history's first half-year (2023-H1 ends on 2023-06-30)" in \
        data_error(run("supervision", "-H", history, "--as-of", "2023-06-29"))
    unknown = write(tmp_path / "unknown.csv", "code,period,balance\nGM9999,2025-H1,1\n")
    assert "GM9999" in data_error(run("supervision", "-H", unknown, *as_of))
    twice = write(tmp_path / "twice.csv", "code,period,balance\nGM0363,2025-H1,1\nGM0363,2025-H1,2\n")
    assert re.search(r"GM0363.*2025-H1", data_error(run("supervision", "-H", twice, *as_of)))
    bad_period = write(tmp_path / "period.csv", "code,period,balance\nGM0363,2025-H3,1\n")
    message = data_error(run("supervision", "-H", bad_period, *as_of))
    assert str(bad_period) in message and "2025-H3" in message
    assert "absent" in data_error(run("supervision", "-H", tmp_path / "absent.csv", *as_of))


def test_supervision_help():
    text = help_text("supervision")
    for option in ("--history", "--as-of", "--thresholds", "--ladder", "--tolerance",
                   "--warning-term", "--register", "--format", "ASSUMPTIONS",
                   "ECLI:NL:RVS:2018:2647", "art. 124"):
        assert option in text


def test_the_national_backlog_is_the_sum_of_the_positive_balances(tmp_path):
    # Three municipalities of 1000 people and 30 to house: 10 each.  Realised
    # 4, 13 and 10 leave balances 6, -3 and 0: a backlog of 6 (as the ministry
    # publishes it), an advance of 3 and a net sum of 3.
    register = write(tmp_path / "r.csv", "code,name,province_code,province,population\n"
                     "GM0001,A,PV01,P,1000\nGM0002,B,PV01,P,1000\nGM0003,C,PV01,P,1000\n")
    realised = write(tmp_path / "realised.csv", "code,realised\nGM0001,4\nGM0002,13\nGM0003,10\n")
    text, notes = housing("-n", 30, "-p", "2026-H1", "--register", register, "--realised", realised)
    assert [r["balance"] for r in records(text)] == ["6", "-3", "0"]
    assert ("opvang: national backlog 6 (the sum of the positive balances, as published); "
            "advance 3; net 3") in notes
    meta = json.loads(housing("-n", 30, "-p", "2026-H1", "--register", register, "--realised",
                              realised, "-f", "json")[0])["meta"]
    assert (meta["backlog"], meta["advance"], meta["net_balance"]) == (6, 3, 3)
    # Without realised counts there is no closing balance, and no national figure.
    assert not any("backlog" in n for n in housing("-n", 30, "-p", "2026-H1", "--register",
                                                   register)[1])


# ---- realisation during the half-year ------------------------------------------------

def test_realisation_during_the_half_year(tmp_path):
    # Amsterdam owes 674 in 2026-H1 (ceil(13000 x 934,526 / 18,044,027)).  By
    # 31 March (90 of 181 days) 50 + 40 + 30 = 120 are housed; the April row
    # is later.  Pro rata 674 x 90 / 181 = 335.138...; at this pace
    # 120 x 181 / 90 = 241.33 by the end: a balance of 432.67.
    log = write(tmp_path / "log.csv", "code,date,count,kind\n"
                "GM0363,2026-01-31,50,woning\nGM0363,2026-02-28,40,doorstroomlocatie\n"
                "GM0363,2026-03-31,30,nareis\nGM0363,2026-04-30,60,\n")
    text, notes = succeed("housing-task", "-n", "13000", "-p", "2026-H1", "--realised-log", log,
                          "--as-of", "2026-03-31")
    row = by_code(records(text))["GM0363"]
    assert int(row["corrected"]) == 674 and int(row["realised_to_date"]) == 120
    assert float(row["share_realised"]) == pytest.approx(120 / 674, rel=1e-15)
    assert float(row["expected_to_date"]) == pytest.approx(674 * 90 / 181, rel=1e-15)
    assert float(row["projected_balance"]) == pytest.approx(674 - 120 * 181 / 90, rel=1e-15)
    assert "opvang: 49.7% of the half-year has passed on the day of the count" in notes
    # Homes only: 50.
    text, _ = succeed("housing-task", "-n", "13000", "-p", "2026-H1", "--realised-log", log,
                      "--as-of", "2026-03-31", "--count", "woning")
    assert int(by_code(records(text))["GM0363"]["realised_to_date"]) == 50
    # Without the log, no such columns.
    text, _ = succeed("housing-task", "-n", "13000", "-p", "2026-H1")
    assert "realised_to_date" not in header(text)


@pytest.mark.parametrize("args, needle", [
    (["--realised-log", "x.csv"], "--realised-log and --as-of go together"),
    (["--as-of", "2026-03-31"], "--realised-log and --as-of go together"),
    (["--realised-log", "x.csv", "--as-of", "2026-03-31", "--count", "hotel"], "no kind 'hotel'"),
    (["--realised-log", "x.csv", "--as-of", "2025-12-31"],
     "--as-of is before 2026-H1 began on 2026-01-01"),
])
def test_realisation_usage_errors(args, needle):
    message = usage_error(run("housing-task", "-n", "13000", "-p", "2026-H1", *args),
                          "housing-task")
    assert needle in message


def test_realisation_data_errors(tmp_path):
    bad = write(tmp_path / "bad.csv", "code,date,count,kind\nGM0363,2026-01-31,5,hotel\n")
    message = data_error(run("housing-task", "-n", "13000", "-p", "2026-H1", "--realised-log", bad,
                             "--as-of", "2026-03-31"))
    assert "the kinds are woning, doorstroomlocatie and nareis" in message


# ---- a merger's year (art. 30) ---------------------------------------------------------

REGISTER_2026 = ("code,name,province_code,province,population\n"
                 "GM0363,Amsterdam,PV27,Noord-Holland,940000\n"
                 "GM0402,Hilversum,PV27,Noord-Holland,92000\n"
                 "GM1696,Wijdemeren,PV27,Noord-Holland,24700\n")


def test_a_merger_year(tmp_path):
    # Wijdemeren joins Hilversum on 1 January 2027: for 2027 one row, on the
    # population Gedeputeerde Staten set: ceil(10000 x 117000 / 1057000) =
    # 1107, Amsterdam ceil(8893.09) = 8894; the balances 5 + 20 carry.
    register = write(tmp_path / "gemeenten_2026.csv", REGISTER_2026)
    balance = write(tmp_path / "b.csv", "code,balance\nGM0402,5\nGM1696,20\n")
    result = run("housing-task", "-n", "10000", "-p", "2027-H1", "-r", register, "-b", balance,
                 "--merged-population", "GM0402=117000")
    assert result.returncode == 0, result.stderr.decode()
    rows = by_code(records(result.stdout.decode()))
    assert list(rows) == ["GM0363", "GM0402"]
    assert (rows["GM0402"]["population"], rows["GM0402"]["task"], rows["GM0402"]["carried"]) == \
        ("117000", "1107", "25")
    assert rows["GM0363"]["task"] == "8894"
    notes = result.stderr.decode()
    assert ("opvang: Wijdemeren (GM1696) merges into Hilversum (GM0402) on 2027-01-01: the task of "
            "2027 is Hilversum's, on a population of 117000 (set by Gedeputeerde Staten; "
            "Huisvestingswet art. 30)") in notes
    # Without the figure: the sum, 116,700, labelled an assumption: 1105.
    result = run("housing-task", "-n", "10000", "-p", "2027-H1", "-r", register)
    assert by_code(records(result.stdout.decode()))["GM0402"]["task"] == "1105"
    assert "ASSUMED: the sum of the municipalities merging" in result.stderr.decode()
    # The year before: three rows, no note.
    result = run("housing-task", "-n", "10000", "-p", "2026-H2", "-r", register)
    assert len(records(result.stdout.decode())) == 3 and "merges" not in result.stderr.decode()
    # A code that no municipality merges into is a wrong option value: exit 2.
    message = usage_error(run("housing-task", "-n", "10000", "-p", "2027-H1", "-r", register,
                              "--merged-population", "GM0363=5"), "housing-task")
    assert "GM0363 is not a municipality that municipalities of this register merge into" in message
    assert "CODE=N" in usage_error(run("housing-task", "-n", "10000", "-p", "2027-H1",
                                       "--merged-population", "117000"), "housing-task")
