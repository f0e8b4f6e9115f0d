# SPDX-License-Identifier: EUPL-1.2
"""opvang.housing_task and opvang.supervision.

Expected tasks come from tests/data/nl_taakstelling_2025_derived.csv
(computed outside this project), from published figures (Amsterdam 675 and
the sum 13,164 for 2025-H2; Eersel's corrected task 23 for 2016-H1), or are
worked out by hand in the comments.
"""

import csv
import datetime
import warnings

import numpy as np
import pandas as pd
import pytest

import opvang
from opvang import errors

COLUMNS = ["code", "name", "province_code", "province", "population", "task", "carried",
           "corrected", "realised", "balance"]


@pytest.fixture(scope="module")
def derived(source_root):
    path = source_root / "tests" / "data" / "nl_taakstelling_2025_derived.csv"
    with open(path, newline="", encoding="utf-8") as f:
        return [row for row in csv.DictReader(f) if row["gemeentecode"] != "NL01"]


@pytest.fixture(scope="module")
def h2_2025():
    return opvang.housing_task(13000, "2025-H2")


def register(write_csv, rows, name="register.csv"):
    """A register CSV of (code, name, population) rows, all in one province."""
    text = "code,name,province_code,province,population\n" + "".join(
        f"{code},{label},PV30,Noord-Brabant,{population}\n" for code, label, population in rows)
    return write_csv(text, name)


# Eersel's published 2016-H1 figures: task 22, backlog 1 from 2015, corrected 23.
# With 22 of 100 inhabitants and vg = 100, its task is exactly 22; the other
# municipality has 78.
EERSEL = [("GM0770", "Eersel", 22), ("GM0001", "Elders", 78)]


@pytest.fixture
def eersel(write_csv):
    return register(write_csv, EERSEL, "eersel.csv")


def quiet_housing_task(*args, **kwargs):
    """housing_task on a register without a reference date, which always warns."""
    with pytest.warns(UserWarning, match="no reference date"):
        return opvang.housing_task(*args, **kwargs)


# ---- the embedded register, 2025 ---------------------------------------------------------


def test_2025_h2_published_figures(h2_2025):
    assert list(h2_2025.columns) == COLUMNS
    assert len(h2_2025) == 342
    amsterdam = h2_2025.set_index("code").loc["GM0363"]
    assert amsterdam["name"] == "Amsterdam"
    assert amsterdam["population"] == 931_298
    assert amsterdam["task"] == 675
    assert h2_2025["task"].sum() == 13_164
    assert h2_2025.attrs["task_sum"] == 13_164
    assert (h2_2025["task"] >= 1).all()
    assert h2_2025.attrs["population_total"] == 17_942_942


def test_2025_h2_without_history(h2_2025):
    assert (h2_2025["carried"] == 0).all()
    assert (h2_2025["corrected"] == h2_2025["task"]).all()
    assert h2_2025["realised"].dtype == "Int64" and h2_2025["realised"].isna().all()
    assert h2_2025["balance"].dtype == "Int64" and h2_2025["balance"].isna().all()
    assert h2_2025.attrs["balance_sum"] is None
    # The register is of 1 January 2024, the population date of every 2025 half-year.
    assert h2_2025.attrs["warning"] == ""
    assert h2_2025.attrs["reference_date"] == "2024-01-01"


def test_no_warning_for_the_right_register():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        opvang.housing_task(13000, "2025-H1")


@pytest.mark.parametrize("period, national, column", [
    ("2025-H1", 17_700, "T_2025H1_vg17700"),
    ("2025-H1", 15_000, "T_2025H1_vg15000"),
    ("2025-H2", 13_000, "T_2025H2_vg13000"),
])
def test_every_municipality_matches_the_derived_table(derived, period, national, column):
    frame = opvang.housing_task(national, period)
    assert frame["code"].tolist() == [row["gemeentecode"] for row in derived]
    assert frame["task"].tolist() == [int(row[column]) for row in derived]


def test_tasks_are_the_ceiling_of_the_exact_share(source_root):
    with open(source_root / "data" / "gemeenten_2024.csv", newline="", encoding="utf-8") as f:
        population = [int(row["inwoners"]) for row in csv.DictReader(f)]
    total = sum(population)
    frame = opvang.housing_task(13_000, "2025-H2")
    assert frame["task"].tolist() == [-(-13_000 * p // total) for p in population]


def test_a_register_of_another_year_warns():
    with pytest.warns(UserWarning, match="2023-01-01") as record:
        frame = opvang.housing_task(13000, "2024-H2", population_date="2024-01-01")
    assert "2024-01-01" in str(record[0].message)
    assert frame.attrs["warning"] == str(record[0].message)


# ---- exact arithmetic ---------------------------------------------------------------


def test_exact_division_is_not_rounded_up(write_csv):
    # Two municipalities with half of P_NL each: 17,700 / 2 = 8,850 exactly.
    path = register(write_csv, [("GM0001", "A", 8_971_471), ("GM0002", "B", 8_971_471)])
    frame = quiet_housing_task(17_700, "2025-H1", municipalities=path)
    assert frame["task"].tolist() == [8_850, 8_850]


def test_a_remainder_rounds_up(write_csv):
    # 10 * 1 / 3 = 3.33 -> 4 and 10 * 2 / 3 = 6.67 -> 7: 11 in all, above vg.
    path = register(write_csv, [("GM0001", "A", 1), ("GM0002", "B", 2)])
    frame = quiet_housing_task(10, "2025-H1", municipalities=path)
    assert frame["task"].tolist() == [4, 7]
    assert frame.attrs["task_sum"] == 11


def test_overflow_is_an_error_not_a_number():
    # 2^53 * 931,298 is about 2^73: far beyond int64.
    with pytest.raises(opvang.Error, match="overflows") as info:
        opvang.housing_task(2 ** 53, "2025-H2")
    assert info.value.code == errors.ERANGE


# ---- carry-over ---------------------------------------------------------------------


def test_eersel_backlog_carries_over(eersel):
    frame = quiet_housing_task(100, "2016-H1", municipalities=eersel,
                               previous_balance={"GM0770": 1}, realised={"GM0770": 20})
    row = frame.set_index("code").loc["GM0770"]
    # Published: task 22 plus the 2015 backlog of 1 gives a corrected task of 23.
    assert (row["task"], row["carried"], row["corrected"]) == (22, 1, 23)
    # 23 to house, 20 housed: a backlog of 3 for the next half-year.
    assert (row["realised"], row["balance"]) == (20, 3)
    # Elders: nothing carried, nothing housed.
    other = frame.set_index("code").loc["GM0001"]
    assert (other["task"], other["carried"], other["realised"], other["balance"]) == (78, 0, 0, 78)
    assert frame.attrs["balance_sum"] == 81
    assert frame.attrs["corrected_sum"] == 101


@pytest.mark.parametrize("carry_advance, carried", [(True, -5), (False, 0)])
def test_an_advance_carries_over_unless_told_not_to(eersel, carry_advance, carried):
    frame = quiet_housing_task(100, "2016-H1", municipalities=eersel,
                               previous_balance={"GM0770": -5}, realised={"GM0770": 30},
                               carry_advance=carry_advance)
    row = frame.set_index("code").loc["GM0770"]
    assert row["carried"] == carried
    assert row["corrected"] == 22 + carried
    assert row["balance"] == 22 + carried - 30


def test_tables_as_files_series_and_frames(eersel, write_csv):
    balance = write_csv("code,balance\nGM0770,1\n", "balance.csv")
    realised = write_csv("code,realised\nGM0770,20\nGM0001,80\n", "realised.csv")
    for previous, done in [
        (balance, realised),
        (pd.Series({"GM0770": 1}), pd.DataFrame({"code": ["GM0770", "GM0001"],
                                                 "realised": [20, 80]})),
    ]:
        frame = quiet_housing_task(100, "2016-H1", municipalities=eersel,
                                   previous_balance=previous, realised=done)
        assert frame["balance"].tolist() == [3, -2]


# ---- swaps --------------------------------------------------------------------------


def test_a_swap_that_adds_up_to_zero(eersel):
    swaps = pd.DataFrame({"agreement": ["K1", "K1"], "code": ["GM0770", "GM0001"],
                          "delta": [5, -5]})
    frame = quiet_housing_task(100, "2016-H1", municipalities=eersel, swaps=swaps)
    assert list(frame.columns) == COLUMNS[:6] + ["swapped"] + COLUMNS[6:]
    assert frame["swapped"].tolist() == [5, -5]
    assert frame["task"].tolist() == [22, 78]
    assert frame["corrected"].tolist() == [27, 73]


def test_swaps_from_a_file(eersel, write_csv):
    path = write_csv("agreement,code,delta\nK1,GM0770,-2\nK1,GM0001,2\n", "swaps.csv")
    frame = quiet_housing_task(100, "2016-H1", municipalities=eersel, swaps=path)
    assert frame["corrected"].tolist() == [20, 80]


def test_a_swap_that_does_not_add_up(eersel):
    swaps = pd.DataFrame({"agreement": ["K1", "K1"], "code": ["GM0770", "GM0001"],
                          "delta": [5, -4]})
    with pytest.raises(opvang.Error, match="'K1' does not add up to zero") as info:
        opvang.housing_task(100, "2016-H1", municipalities=eersel, swaps=swaps)
    assert info.value.code == errors.EINVAL


def test_a_swap_below_zero(eersel):
    swaps = pd.DataFrame({"agreement": ["K2", "K2"], "code": ["GM0770", "GM0001"],
                          "delta": [-30, 30]})
    with pytest.raises(opvang.Error, match="'K2' takes the task of GM0770 .*below zero"):
        opvang.housing_task(100, "2016-H1", municipalities=eersel, swaps=swaps)


def test_a_swap_with_an_unknown_code(eersel):
    swaps = pd.DataFrame({"agreement": ["K3", "K3"], "code": ["GM0770", "GM9999"],
                          "delta": [1, -1]})
    with pytest.raises(opvang.Error, match="'K3': municipality code 'GM9999' is not in the register") as info:
        opvang.housing_task(100, "2016-H1", municipalities=eersel, swaps=swaps)
    assert info.value.code == errors.ENOTFOUND


# ---- errors -------------------------------------------------------------------------


@pytest.mark.parametrize("period", ["2025-H3", "2025H2", "25-H2", "2025-h2", ""])
def test_a_malformed_period(period):
    with pytest.raises(opvang.Error, match="half-year") as info:
        opvang.housing_task(13000, period)
    assert info.value.code == errors.EPARSE


def test_a_negative_national_number():
    with pytest.raises(opvang.Error, match=r"national number -1 for 2025-H2 is outside 0\.\.2\^53") as info:
        opvang.housing_task(-1, "2025-H2")
    assert info.value.code == errors.ERANGE


def test_negative_realised_is_refused():
    with pytest.raises(opvang.Error, match=r"-3 of GM0363 \(Amsterdam\) is negative") as info:
        opvang.housing_task(13000, "2025-H2", realised={"GM0363": -3})
    assert info.value.code == errors.ERANGE


def test_an_unknown_code_names_the_line(write_csv):
    path = write_csv("code,balance\nGM0363,4\nGM9999,1\n", "balance.csv")
    with pytest.raises(opvang.Error, match=r"balance\.csv:3: .*'GM9999'") as info:
        opvang.housing_task(13000, "2025-H2", previous_balance=path)
    assert info.value.code == errors.ENOTFOUND
    with pytest.raises(opvang.Error, match="GM9999"):
        opvang.housing_task(13000, "2025-H2", realised={"GM9999": 1})


def test_a_fraction_is_not_a_count():
    with pytest.raises(opvang.Error, match="whole"):
        opvang.housing_task(13000, "2025-H2", realised={"GM0363": 2.5})


def test_missing_columns_and_files(tmp_path):
    with pytest.raises(opvang.Error, match="'delta'"):
        opvang.housing_task(13000, "2025-H2",
                            swaps=pd.DataFrame({"agreement": ["K"], "code": ["GM0363"]}))
    with pytest.raises(FileNotFoundError) as info:
        opvang.housing_task(13000, "2025-H2", realised=tmp_path / "absent.csv")
    assert info.value.filename == str(tmp_path / "absent.csv")
    assert info.value.code == errors.EIO
    with pytest.raises(TypeError):
        opvang.housing_task(13000, 2025)
    with pytest.raises(TypeError):
        opvang.housing_task(13000, "2025-H2", realised=[1, 2])


# ---- supervision ladder ---------------------------------------------------------------

# A hand-made history, judged as of 1 October 2025 on 2025-H1 (thresholds 1,
# 2, 3, 4): balances above 0 are misses, counted back from 2025-H1 while the
# half-years follow each other; a stage begins the day after the half-year
# that brought the count to its threshold ended.
HISTORY = pd.DataFrame([
    # Amsterdam: 2024-H1, 2024-H2, 2025-H1 missed: a warning from 1 July 2025,
    # its 13 weeks ending 29 September.
    ("GM0363", "2024-H1", 5, 700), ("GM0363", "2024-H2", 3, 690), ("GM0363", "2025-H1", 1, 680),
    # Rotterdam: 2024-H2 has no record: the gap ends the run at 1.
    ("GM0599", "2024-H1", 5, 500), ("GM0599", "2025-H1", 2, 500),
    # Utrecht: 2025-H1 met (0): on track.
    ("GM0344", "2024-H1", 7, 300), ("GM0344", "2024-H2", 4, 300), ("GM0344", "2025-H1", 0, 300),
    # 's-Gravenhage: four misses in a row, given out of order: substitution
    # since the fourth, 2025-H1.
    ("GM0518", "2025-H1", 9, 400), ("GM0518", "2023-H2", 1, 400), ("GM0518", "2024-H2", 2, 400),
    ("GM0518", "2024-H1", 400, 400),
    # Leiden: an advance is not a miss.
    ("GM0546", "2025-H1", -10, 100),
], columns=["code", "period", "balance", "task"])

EXPECTED = {
    "GM0363": ("warning", 3, "2024-H1", pd.Timestamp(2025, 7, 1), pd.Timestamp(2025, 9, 29)),
    "GM0599": ("signalling", 1, "2025-H1", pd.Timestamp(2025, 7, 1), None),
    "GM0344": ("on_track", 0, None, None, None),
    "GM0518": ("substitution", 4, "2023-H2", pd.Timestamp(2025, 7, 1), None),
    "GM0546": ("on_track", 0, None, None, None),
}
AS_OF = datetime.date(2025, 10, 1)


def stages(frame):
    rows = frame.set_index("code")
    # A missing date (NaT) is None here, as a missing period is.
    return {code: tuple(None if value is pd.NaT else value
                        for value in rows.loc[code, ["stage", "consecutive_misses", "first_missed",
                                                     "entered", "term_ends"]])
            for code in rows.index}


def test_the_ladder_on_a_hand_made_history():
    frame = opvang.supervision(HISTORY, as_of=AS_OF)
    assert list(frame.columns) == ["code", "name", "stage", "consecutive_misses", "first_missed",
                                   "entered", "term_ends", "balance", "task"]
    assert frame["entered"].dtype == frame["term_ends"].dtype == np.dtype("datetime64[ns]")
    assert frame.attrs["as_of"] == pd.Timestamp(2025, 10, 1)
    assert len(frame) == 342
    got = stages(frame)
    for code, want in EXPECTED.items():
        assert got[code] == want, code
    # Without a balance for 2025-H1: no_data, never on track by default.
    others = {code: s for code, s in got.items() if code not in EXPECTED}
    assert all(s[0] == "no_data" for s in others.values())
    # 2025-H1 balances: 1 + 2 + 9 = 12 above zero, 10 below.
    assert {k: frame.attrs[k] for k in ("period", "backlog", "advance", "net_balance", "no_data")} \
        == {"period": "2025-H1", "backlog": 12, "advance": 10, "net_balance": 2, "no_data": 337}
    assert frame.attrs["as_of"] == pd.Timestamp(AS_OF)
    assert frame.set_index("code").loc["GM0363", "task"] == 680


def test_the_ladder_from_a_file(write_csv):
    path = write_csv(HISTORY.to_csv(index=False), "history.csv")
    rows = opvang.supervision(path, as_of="2025-10-01").set_index("code")
    assert rows.loc["GM0363", "stage"] == "warning"


def test_thresholds_and_tolerance():
    # Thresholds 2, 4, 6, 8: three misses reach signalling, not the talk (4).
    rows = opvang.supervision(HISTORY, AS_OF, thresholds=(2, 4, 6, 8)).set_index("code")
    assert rows.loc["GM0363", "stage"] == "signalling"
    assert rows.loc["GM0599", "stage"] == "on_track"
    assert rows.loc["GM0518", "stage"] == "administrative_talk"
    # Tolerance 2 people: Amsterdam's 1 and Rotterdam's 2 are no misses;
    # 's-Gravenhage's 2024-H2 balance of 2 ends its run after 2025-H1.
    rows = opvang.supervision(HISTORY, AS_OF, tolerance=2).set_index("code")
    assert rows.loc["GM0363", "consecutive_misses"] == 0
    assert rows.loc["GM0599", "consecutive_misses"] == 0
    assert rows.loc["GM0518", "consecutive_misses"] == 1
    # 1% of the task: 9 of 400 (4) misses, 2 of 400 does not; 1 of 680 does not.
    rows = opvang.supervision(HISTORY, AS_OF, tolerance="1%").set_index("code")
    assert rows.loc["GM0518", "consecutive_misses"] == 1
    assert rows.loc["GM0363", "stage"] == "on_track"
    # A warning term of 4 weeks, three misses enough for substitution.
    rows = opvang.supervision(HISTORY, AS_OF, thresholds=(1, 1, 2, 3), warning_term=4)
    rows = rows.set_index("code")
    assert rows.loc["GM0363", "stage"] == "substitution"
    assert rows.loc["GM0599", "stage"] == "administrative_talk"


def test_ladder_errors(write_csv):
    with pytest.raises(opvang.Error, match="must not decrease") as info:
        opvang.supervision(HISTORY, AS_OF, thresholds=(1, 3, 2, 4))
    assert info.value.code == errors.EINVAL
    with pytest.raises(opvang.Error, match="at least 1"):
        opvang.supervision(HISTORY, AS_OF, thresholds=(0, 1, 2, 3))
    with pytest.raises(opvang.Error, match="four"):
        opvang.supervision(HISTORY, AS_OF, thresholds=(1, 2, 3))
    with pytest.raises(opvang.Error, match="-1 people is negative"):
        opvang.supervision(HISTORY, AS_OF, tolerance=-1)
    with pytest.raises(opvang.Error, match="outside 0%..100%"):
        opvang.supervision(HISTORY, AS_OF, tolerance="150%")
    with pytest.raises(opvang.Error, match="warning_term must be 1 to 520"):
        opvang.supervision(HISTORY, AS_OF, warning_term=0)
    with pytest.raises(opvang.Error, match="before the end of the history's first half-year"):
        opvang.supervision(HISTORY, "2023-12-30")
    with pytest.raises(opvang.Error, match="needs the task of each half-year"):
        opvang.supervision(HISTORY.drop(columns="task"), AS_OF, tolerance="5%")
    path = write_csv("code,period,balance\nGM0363,2025-H1,1\nGM0363,2025-H3,2\n", "history.csv")
    with pytest.raises(opvang.Error, match=r"history\.csv:3.*'2025-H3'") as info:
        opvang.supervision(path, AS_OF)
    assert info.value.code == errors.EPARSE
    twice = pd.DataFrame({"code": ["GM0363", "GM0363"], "period": ["2025-H1", "2025-H1"],
                          "balance": [1, 2]})
    with pytest.raises(opvang.Error, match="GM0363 has two balances for 2025-H1") as info:
        opvang.supervision(twice, AS_OF)
    assert info.value.code == errors.EDUPLICATE
    unknown = pd.DataFrame({"code": ["GM9999"], "period": ["2025-H1"], "balance": [1]})
    with pytest.raises(opvang.Error, match="GM9999") as info:
        opvang.supervision(unknown, AS_OF)
    assert info.value.code == errors.ENOTFOUND
    with pytest.raises(opvang.Error, match="'period'"):
        opvang.supervision(pd.DataFrame({"code": ["GM0363"], "balance": [1]}), AS_OF)


def test_misses_are_int64():
    assert opvang.supervision(HISTORY, AS_OF)["consecutive_misses"].dtype == np.int64


def test_the_national_backlog_is_the_sum_of_the_positive_balances(write_csv):
    # 30 over three equal municipalities: 10 each; realised 4, 13, 10 leave
    # balances 6, -3, 0: backlog 6, advance 3, net 3.
    path = register(write_csv, [("GM0001", "A", 1000), ("GM0002", "B", 1000), ("GM0003", "C", 1000)])
    with pytest.warns(UserWarning, match="no reference date"):  # a register from a file
        frame = opvang.housing_task(30, "2026-H1", municipalities=path,
                                    realised={"GM0001": 4, "GM0002": 13, "GM0003": 10})
        without = opvang.housing_task(30, "2026-H1", municipalities=path)
    assert list(frame["balance"]) == [6, -3, 0]
    assert (frame.attrs["backlog"], frame.attrs["advance"], frame.attrs["net_balance"]) == (6, 3, 3)
    assert without.attrs["backlog"] is None


def test_realisation_during_the_half_year():
    # Amsterdam owes 674 in 2026-H1; by 31 March (90 of 181 days) 50 + 40 +
    # 30 = 120 are housed, the April row comes later.
    log = pd.DataFrame({"code": ["GM0363"] * 4,
                        "date": ["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30"],
                        "count": [50, 40, 30, 60],
                        "kind": ["woning", "doorstroomlocatie", "nareis", "woning"]})
    frame = opvang.housing_task(13000, "2026-H1", realised_log=log, as_of="2026-03-31")
    row = frame.set_index("code").loc["GM0363"]
    assert row["corrected"] == 674 and row["realised_to_date"] == 120
    assert row["expected_to_date"] == pytest.approx(674 * 90 / 181, rel=1e-15)
    assert row["projected_balance"] == pytest.approx(674 - 120 * 181 / 90, rel=1e-15)
    assert frame.attrs["share_passed"] == pytest.approx(90 / 181, rel=1e-15)
    homes = opvang.housing_task(13000, "2026-H1", realised_log=log, as_of="2026-03-31",
                                count=("woning",))
    assert homes.set_index("code").loc["GM0363", "realised_to_date"] == 50
    with pytest.raises(opvang.Error, match="go together"):
        opvang.housing_task(13000, "2026-H1", realised_log=log)
    with pytest.raises(opvang.Error, match="no kind 'hotel'"):
        opvang.housing_task(13000, "2026-H1", realised_log=log, as_of="2026-03-31",
                            count=("hotel",))
    with pytest.raises(opvang.Error, match="before 2026-H1 began"):
        opvang.housing_task(13000, "2026-H1", realised_log=log, as_of="2025-12-31")


def test_a_merger_year(write_csv):
    # Wijdemeren joins Hilversum on 1 January 2027 (art. 30): one row for
    # 2027, on the population Gedeputeerde Staten set (117,000):
    # ceil(10000 x 117000 / 1057000) = 1107; the balances 5 + 20 add up.
    register = write_csv("code,name,province_code,province,population\n"
                         "GM0363,Amsterdam,PV27,Noord-Holland,940000\n"
                         "GM0402,Hilversum,PV27,Noord-Holland,92000\n"
                         "GM1696,Wijdemeren,PV27,Noord-Holland,24700\n", "gemeenten_2026.csv")
    balance = pd.DataFrame({"code": ["GM0402", "GM1696"], "balance": [5, 20]})
    with pytest.warns(UserWarning):  # the register has no reference date
        frame = opvang.housing_task(10000, "2027-H1", municipalities=register,
                                    previous_balance=balance,
                                    merged_population={"GM0402": 117000})
    rows = frame.set_index("code")
    assert list(rows.index) == ["GM0363", "GM0402"]
    assert rows.loc["GM0402", ["population", "task", "carried"]].tolist() == [117000, 1107, 25]
    assert rows.loc["GM0363", "task"] == 8894
    # Without Gedeputeerde Staten's figure: the sum, 116,700: 1105.
    with pytest.warns(UserWarning):
        frame = opvang.housing_task(10000, "2027-H1", municipalities=register)
    assert frame.set_index("code").loc["GM0402", "task"] == 1105
    # 2026 is before the merger: three rows.
    with pytest.warns(UserWarning):
        assert len(opvang.housing_task(10000, "2026-H2", municipalities=register)) == 3
    with pytest.raises(opvang.Error, match="GM0363 is not a municipality"):
        opvang.housing_task(10000, "2027-H1", municipalities=register,
                            merged_population={"GM0363": 1})
