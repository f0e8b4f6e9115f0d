# SPDX-License-Identifier: EUPL-1.2
"""A register given as a DataFrame, wherever a register is taken."""
import numpy as np
import pandas as pd
import pytest

import opvang

# The five municipalities of test_distribute.py (10,000 inhabitants).
FIVE = pd.DataFrame({
    "code": ["GM0001", "GM0002", "GM0003", "GM0004", "GM0005"],
    "name": ["A", "B", "C", "D", "E"],
    "province_code": ["PV20", "PV20", "PV21", "PV21", "PV21"],
    "province": ["North", "North", "South", "South", "South"],
    "population": [5200, 2900, 1500, 300, 100],
})


def test_the_key_over_a_frame_by_hand():
    # C = 25: quotas 13, 7.25, 3.75, 0.75, 0.25; floors add up to 23; the two
    # places left go to the remainders .75 of C and D, first come first.
    frame = opvang.distribute(25, municipalities=FIVE)
    assert frame["code"].tolist() == FIVE["code"].tolist()
    assert frame["places"].tolist() == [13, 7, 4, 1, 0]
    assert frame.attrs["source"] == "<DataFrame>"
    # Nothing says when the frame's populations were counted.
    assert frame.attrs["population_date"] is None


def test_the_same_as_the_file(tmp_path):
    path = tmp_path / "five.csv"
    FIVE.to_csv(path, index=False)
    from_file = opvang.distribute(25, municipalities=path, by="province")
    from_frame = opvang.distribute(25, municipalities=FIVE, by="province")
    pd.testing.assert_frame_equal(from_file, from_frame, check_like=False)
    assert from_frame["population"].tolist() == [8100, 1900]


def test_municipalities_of_a_frame_round_trips():
    embedded = opvang.municipalities()
    again = opvang.municipalities(embedded)
    pd.testing.assert_frame_equal(again, embedded)
    assert again.attrs["source"] == "<DataFrame>"


def test_ses_scores_and_dutch_column_names():
    dutch = FIVE.rename(columns={"code": "gemeentecode", "name": "gemeentenaam",
                                 "province_code": "provinciecode",
                                 "province": "provincienaam", "population": "inwoners"})
    dutch["ses"] = [0.1, -0.2, 0.3, 0.0, np.nan]
    frame = opvang.municipalities(dutch)
    assert frame.columns.tolist() == ["code", "name", "province_code", "province",
                                      "population", "ses"]
    # 0.1 goes in as the shortest text of the double and comes back the same double.
    assert frame["ses"].tolist()[:4] == [0.1, -0.2, 0.3, 0.0]
    assert np.isnan(frame["ses"].iloc[4])


def test_a_bad_row_is_named_as_in_a_file():
    bad = FIVE.copy()
    bad.loc[2, "population"] = -1
    # Line 1 is the header, so row 2 is line 4.
    with pytest.raises(opvang.Error, match=r"^<DataFrame>:4: .*negative"):
        opvang.distribute(25, municipalities=bad)
    with pytest.raises(opvang.Error, match="no column 'province'"):
        opvang.places("unused.csv", date="2026-07-01", total=10,
                      municipalities=FIVE.drop(columns="province"))
    with pytest.raises(opvang.Error, match="NUL"):
        opvang.municipalities(FIVE.assign(name=["A", "B\0", "C", "D", "E"]))


def test_a_fractional_population_is_named_by_its_line_and_code():
    bad = FIVE.astype({"population": float})
    bad.loc[3, "population"] = 300.5
    # Row 3 (GM0004) is line 5 of the CSV text, line 1 being the header.
    expected = ("the DataFrame given as municipalities, line 5 of <DataFrame> (row 3, GM0004): "
                "column 'population': 300.5 is not a whole number")
    with pytest.raises(opvang.Error) as raised:
        opvang.distribute(25, municipalities=bad)
    assert str(raised.value) == expected
    assert raised.value.code == opvang.errors.EPARSE
    # municipalities() calls its argument path.
    with pytest.raises(opvang.Error) as raised:
        opvang.municipalities(bad)
    assert str(raised.value) == expected.replace("as municipalities", "as path")
    # A mapping of tasks: the row of the second code.
    with pytest.raises(opvang.Error) as raised:
        opvang.places(pd.DataFrame(columns=["id", "code", "name", "type", "agreed_capacity",
                                            "capacity", "opens", "closes"]),
                      date="2026-07-01", tasks={"GM0001": 3, "GM0002": 2.25},
                      municipalities=FIVE)
    assert str(raised.value) == ("the table given as tasks, line 3 of <tasks> (row 1, GM0002): "
                                 "column 'task': 2.25 is not a whole number")


def test_a_frame_with_mergers_mapped():
    # Weesp (GM0457) merged into Amsterdam in 2022: mapped, its code stands for Amsterdam.
    register = opvang.municipalities()
    frame = opvang.places(pd.DataFrame({
        "id": ["L1"], "code": ["GM0457"], "name": ["Weesp azc"], "type": ["azc"], "agreed_capacity": [100],
        "capacity": [100], "opens": ["2026-01-01"], "closes": [None]}),
        date="2026-07-01", total=96000, municipalities=register, map_mergers=True)
    assert frame.set_index("code").loc["GM0363", "places_total"] == 100
