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
    assert "-1" in data_error(run("housing-task", "-n", -1, "-p", "2025-H2"))
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

# A hand-made history.  Misses counted back from each municipality's latest
# half-year, with the default tolerance 0:
#   Amsterdam      5, 3, 2            -> 3 misses
#   Rotterdam      4, 0, 7            -> 1 (the 0 ends the run)
#   's-Gravenhage  1 (2023-H2), 2 (2024-H2), 3 (2025-H1) -> 2 (2024-H1 is missing)
#   Utrecht        1, 1, 1, 1, 1      -> 5
#   Schiermonnikoog -2                -> 0
#   Groningen      2                  -> 1
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

SUPERVISION_COLUMNS = ["code", "name", "consecutive_misses", "state"]


@pytest.fixture
def history(tmp_path):
    return write(tmp_path / "history.csv", HISTORY)


def ladder(*args):
    text, notes = succeed("supervision", *args)
    assert notes == []
    assert header(text) == SUPERVISION_COLUMNS
    rows = records(text)
    assert [r["code"] for r in rows] == [m["code"] for m in read_cbs()]
    return {r["code"]: (int(r["consecutive_misses"]), r["state"]) for r in rows}


def test_the_ladder_on_a_hand_made_history(history):
    states = ladder("--history", history)
    assert states["GM0363"] == (3, "final_warning")
    assert states["GM0599"] == (1, "signal")
    assert states["GM0518"] == (2, "plan_requested")
    assert states["GM0344"] == (5, "intervention")
    assert states["GM0088"] == (0, "on_track")
    assert states["GM0014"] == (1, "signal")
    # Without history: on track.
    assert states["GM0034"] == (0, "on_track")
    assert sum(1 for misses, _ in states.values() if misses) == 5


def test_other_thresholds_and_a_tolerance(history):
    states = ladder("-H", history, "--thresholds", "2,3,4,6")
    assert states["GM0363"] == (3, "plan_requested")
    assert states["GM0599"] == (1, "on_track")
    assert states["GM0518"] == (2, "signal")
    assert states["GM0344"] == (5, "final_warning")
    # Up to 2 is no miss: Amsterdam's latest balance is 2, Groningen's too;
    # 's-Gravenhage's 3 counts but the 2 before it does not.
    states = ladder("-H", history, "--tolerance", "2")
    assert states["GM0363"] == (0, "on_track")
    assert states["GM0014"] == (0, "on_track")
    assert states["GM0518"] == (1, "signal")
    assert states["GM0599"] == (1, "signal")
    assert states["GM0344"] == (0, "on_track")


def test_supervision_json_and_register(tmp_path):
    register = write(tmp_path / "two.csv",
                     "code,name,province_code,province,population\n"
                     "GM0001,Een,PV01,Noord,10\nGM0002,Twee,PV01,Noord,20\n")
    history = write(tmp_path / "h.csv", "code,period,balance\nGM0002,2025-H1,1\nGM0002,2024-H2,1\n")
    text, _ = succeed("supervision", "-H", history, "-r", register, "-f", "json")
    assert json_rows(text) == [
        {"code": "GM0001", "name": "Een", "consecutive_misses": 0, "state": "on_track"},
        {"code": "GM0002", "name": "Twee", "consecutive_misses": 2, "state": "plan_requested"},
    ]


@pytest.mark.parametrize("args, needle", [
    ([], "--history"),
    (["-t", "1,2,3"], "1,2,3"),
    (["-t", "1,2,3,4,5"], "1,2,3,4,5"),
    (["-t", "1,2,,4"], "1,2,,4"),
    (["-t", "1,2,x,4"], "x"),
    (["--tolerance", "half"], "half"),
    (["--bogus"], "--bogus"),
])
def test_supervision_usage_errors(history, args, needle):
    full = args if args == [] else ["-H", history, *args]
    assert needle in usage_error(run("supervision", *full), "supervision")


def test_supervision_data_errors(tmp_path, history):
    assert "strictly" in data_error(run("supervision", "-H", history, "-t", "2,1,3,4"))
    assert "at least 1" in data_error(run("supervision", "-H", history, "-t", "0,1,2,3"))
    unknown = write(tmp_path / "unknown.csv", "code,period,balance\nGM9999,2025-H1,1\n")
    assert "GM9999" in data_error(run("supervision", "-H", unknown))
    twice = write(tmp_path / "twice.csv", "code,period,balance\nGM0363,2025-H1,1\nGM0363,2025-H1,2\n")
    assert re.search(r"GM0363.*2025-H1", data_error(run("supervision", "-H", twice)))
    bad_period = write(tmp_path / "period.csv", "code,period,balance\nGM0363,2025-H3,1\n")
    message = data_error(run("supervision", "-H", bad_period))
    assert str(bad_period) in message and "2025-H3" in message
    assert "absent" in data_error(run("supervision", "-H", tmp_path / "absent.csv"))


def test_supervision_help():
    text = help_text("supervision")
    for option in ("--history", "--thresholds", "--tolerance", "--register", "--format"):
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
