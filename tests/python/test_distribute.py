# SPDX-License-Identifier: EUPL-1.2
"""opvang.distribute and opvang.compare: the Spreidingswet key as DataFrames.

Expected values are worked out by hand in the comments, taken from the
published indicative distribution of 31 January 2024, or recomputed in
exact rational arithmetic (tests/oracle/apportion_oracle.py) over
data/gemeenten_2024.csv read with the csv module.
"""

import csv

import numpy as np
import pandas as pd
import pytest

import opvang
from apportion_oracle import amv_share, hamilton
from opvang import errors

MUNICIPALITY_COLUMNS = ["code", "name", "province_code", "province", "population", "ses",
                        "weight", "quota", "places", "amv", "regular"]
PROVINCE_COLUMNS = ["province_code", "province", "municipalities", "population", "places", "amv",
                    "regular"]
COMPARISON_COLUMNS = ["code", "name", "computed", "published", "difference", "computed_amv",
                      "published_amv", "amv_difference"]

C_2024 = 96_000
A_2024 = 8_140

FIVE = [
    ("GM0001", "A", "PV20", "North", 5200),
    ("GM0002", "B", "PV20", "North", 2900),
    ("GM0003", "C", "PV21", "South", 1500),
    ("GM0004", "D", "PV21", "South", 300),
    ("GM0005", "E", "PV21", "South", 100),
]
FIVE_SES = {"GM0001": 0.1, "GM0002": -0.2, "GM0003": 0.3, "GM0004": 0.0, "GM0005": 0.05}
# Weights P(1 + S) = 5720, 2320, 1950, 300, 105 (sum 10,395); at C = 100 the
# quotas are 55.026, 22.318, 18.759, 2.886, 1.010, the floors add up to 98 and
# the two places left go to the remainders .886 (D) and .759 (C).
FIVE_LINEAR_100 = [55, 22, 19, 3, 1]


def register_text(rows, ses=None):
    lines = ["code,name,province_code,province,population" + (",ses" if ses is not None else "")]
    for code, name, province_code, province, population in rows:
        cells = [code, name, province_code, province, str(population)]
        if ses is not None:
            cells.append(repr(ses[code]) if code in ses else "")
        lines.append(",".join(cells))
    return "\n".join(lines) + "\n"


@pytest.fixture
def five(write_csv):
    return write_csv(register_text(FIVE), "five.csv")


@pytest.fixture(scope="module")
def cbs(source_root):
    with open(source_root / "data" / "gemeenten_2024.csv", newline="", encoding="utf-8") as f:
        return [(r["gemeentecode"], r["gemeentenaam"], r["provinciecode"], r["provincienaam"],
                 int(r["inwoners"])) for r in csv.DictReader(f)]


# ---- the embedded register -------------------------------------------------------------


@pytest.mark.parametrize("total", [0, 1, 96_000, 10**9])
def test_sums_per_municipality_and_province(cbs, total):
    expected = hamilton([m[4] for m in cbs], total)
    frame = opvang.distribute(total)
    assert frame["code"].tolist() == [m[0] for m in cbs]
    assert frame["places"].sum() == total
    assert frame["places"].tolist() == expected

    provinces = opvang.distribute(total, by="province")
    assert len(provinces) == 12
    assert provinces["places"].sum() == total
    want = {}
    for m, places in zip(cbs, expected):
        want[m[2]] = want.get(m[2], 0) + places
    assert dict(zip(provinces["province_code"], provinces["places"])) == want


def test_main_job(cbs):
    frame = opvang.distribute(C_2024, amv=A_2024)
    assert list(frame.columns) == MUNICIPALITY_COLUMNS
    assert len(frame) == 342
    for column in ("population", "places", "amv", "regular"):
        assert frame[column].dtype == np.int64, column
    for column in ("ses", "weight", "quota"):
        assert frame[column].dtype == np.float64, column
    assert frame["ses"].isna().all()
    assert (frame["weight"] == frame["population"]).all()
    population = sum(m[4] for m in cbs)
    assert frame["quota"].tolist() == pytest.approx([C_2024 * m[4] / population for m in cbs],
                                                    rel=1e-12)
    amv = [amv_share(p, A_2024, C_2024) for p in frame["places"]]
    assert frame["amv"].tolist() == amv
    assert (frame["regular"] == frame["places"] - frame["amv"]).all()

    attrs = frame.attrs
    assert attrs["total"] == C_2024 and attrs["amv"] == A_2024
    assert attrs["ses_transform"] == "none"
    assert attrs["method"] == "hamilton" and attrs["amv_mode"] == "round"
    assert attrs["amv_sum"] == sum(amv)
    assert attrs["amv_residual"] == sum(amv) - A_2024
    assert attrs["reference_date"] == "2024-01-01"


def test_province_frame(cbs):
    provinces = opvang.distribute(C_2024, amv=A_2024, by="province")
    assert list(provinces.columns) == PROVINCE_COLUMNS
    municipalities = opvang.distribute(C_2024, amv=A_2024)
    sums = municipalities.groupby("province_code", sort=False)[["places", "amv", "regular"]].sum()
    indexed = provinces.set_index("province_code")
    for column in ("places", "amv", "regular"):
        assert indexed[column].to_dict() == sums[column].to_dict()
    counts = {}
    for m in cbs:
        counts[m[2]] = counts.get(m[2], 0) + 1
    assert indexed["municipalities"].to_dict() == counts
    assert indexed.loc["PV27", "province"] == "Noord-Holland"
    assert indexed["population"].sum() == 17_942_942


def test_frames_are_the_callers_own():
    first = opvang.distribute(100)
    first.loc[0, "places"] = -7
    first.loc[0, "code"] = "changed"
    first.loc[0, "population"] = 0
    again = opvang.distribute(100)
    assert again.loc[0, "code"] == "GM0014"
    assert again.loc[0, "population"] == 243_768
    assert again["places"].sum() == 100


# ---- hand-computed cases --------------------------------------------------------------


def test_hamilton_by_hand(five):
    # C = 25: quotas 13, 7.25, 3.75, 0.75, 0.25; floors add up to 23; the two
    # places left go to the remainders .75 (C) and .75 (D).  Remainders in
    # order C, D, B, E, A give ranks 5, 3, 1, 2, 4 to A..E.
    frame = opvang.distribute(25, municipalities=five, explain=True)
    assert list(frame.columns) == MUNICIPALITY_COLUMNS + ["floor", "remainder", "rank"]
    assert frame["places"].tolist() == [13, 7, 4, 1, 0]
    assert frame["quota"].tolist() == [13.0, 7.25, 3.75, 0.75, 0.25]
    assert frame["floor"].tolist() == [13, 7, 3, 0, 0]
    assert frame["remainder"].tolist() == [0.0, 0.25, 0.75, 0.75, 0.25]
    assert frame["rank"].tolist() == [5, 3, 1, 2, 4]
    assert frame.attrs["by_remainder"] == 2
    assert list(opvang.distribute(25, municipalities=five).columns) == MUNICIPALITY_COLUMNS


def test_dhondt_by_hand(five):
    # D'Hondt, C = 25: divisor 5200/14 gives floor(14, 7.81, 4.04, 0.81,
    # 0.27) = 14, 7, 4, 0, 0; last places won at 5200/14, 2900/7 and 1500/4
    # (ranks 3, 1, 2); D and E won none.
    frame = opvang.distribute(25, method="d'Hondt", municipalities=five, explain=True)
    assert list(frame.columns) == MUNICIPALITY_COLUMNS + ["floor", "remainder", "rank", "priority"]
    assert frame["places"].tolist() == [14, 7, 4, 0, 0]
    assert frame["rank"].tolist() == [3, 1, 2, 0, 0]
    assert frame["priority"][:3].tolist() == pytest.approx([5200 / 14, 2900 / 7, 1500 / 4],
                                                           rel=1e-12)
    assert frame["priority"][3:].isna().all()
    assert frame.attrs["method"] == "jefferson"


def test_by_province_by_hand(five):
    frame = opvang.distribute(25, municipalities=five, by="province")
    assert frame.to_dict("list") == {
        "province_code": ["PV20", "PV21"], "province": ["North", "South"],
        "municipalities": [2, 3], "population": [8100, 1900],
        "places": [13 + 7, 4 + 1 + 0], "amv": [0, 0], "regular": [20, 5],
    }


# ---- SES ---------------------------------------------------------------------------------


@pytest.fixture(params=["dict", "series", "frame", "path"])
def five_scores(request, write_csv):
    if request.param == "dict":
        return dict(FIVE_SES)
    if request.param == "series":
        return pd.Series(FIVE_SES)
    if request.param == "frame":
        return pd.DataFrame({"code": list(FIVE_SES), "ses": list(FIVE_SES.values())})
    return write_csv("code,ses\n" + "".join(f"{c},{s!r}\n" for c, s in FIVE_SES.items()), "ses.csv")


def test_linear_ses_in_every_form(five, five_scores):
    frame = opvang.distribute(100, ses=five_scores, municipalities=five)
    assert frame["places"].tolist() == FIVE_LINEAR_100
    assert frame["weight"].tolist() == pytest.approx([5720, 2320, 1950, 300, 105], rel=1e-12)
    assert frame["ses"].tolist() == list(FIVE_SES.values())
    assert frame.attrs["ses_transform"] == "linear"  # the default once scores are given

    plain = opvang.distribute(100, ses=five_scores, ses_transform="none", municipalities=five)
    assert plain["places"].tolist() == [52, 29, 15, 3, 1]  # quotas exactly P / 100
    assert plain["ses"].tolist() == list(FIVE_SES.values())


def test_scores_from_the_register_and_partly_replaced(write_csv):
    register = write_csv(register_text(FIVE, FIVE_SES), "scored.csv")
    frame = opvang.distribute(100, ses_transform="linear", municipalities=register)
    assert frame["places"].tolist() == FIVE_LINEAR_100
    # Only B's score replaced (0): weights 5720, 2900, 1950, 300, 105 (sum
    # 10,975); quotas 52.118, 26.424, 17.768, 2.733, 0.957; floors add up to
    # 97 and the three places left go to .957 (E), .768 (C) and .733 (D).
    frame = opvang.distribute(100, ses={"GM0002": 0.0}, municipalities=register)
    assert frame["places"].tolist() == [52, 26, 18, 3, 1]
    assert frame["ses"].tolist() == [0.1, 0.0, 0.3, 0.0, 0.05]


def test_a_missing_score_may_be_nan_or_none(five):
    frame = opvang.distribute(10, ses={"GM0001": None, "GM0002": float("nan")},
                              ses_transform="none", municipalities=five)
    assert frame["ses"].isna().all()
    with pytest.raises(opvang.Error, match="GM0001") as info:
        opvang.distribute(10, ses={"GM0001": None}, municipalities=five)
    assert info.value.code == errors.EINVAL


def test_richer_never_gets_fewer_places_per_inhabitant(write_csv):
    rows = [(f"GM{i + 1:04d}", f"M{i}", "PV01", "One", 4321) for i in range(20)]
    register = write_csv(register_text(rows), "same.csv")
    scores = {code: (i * 7 % 20) * 0.05 - 0.5 for i, (code, *_) in enumerate(rows)}
    for method in ("hamilton", "dhondt", "webster", "huntington-hill"):
        for total in (20, 97, 1234):
            frame = opvang.distribute(total, ses=scores, method=method, municipalities=register)
            places = frame.sort_values("ses")["places"].tolist()
            assert places == sorted(places), (method, total)
            assert sum(places) == total


# ---- AMV -------------------------------------------------------------------------------------


@pytest.fixture
def amv_register(write_csv):
    # Populations equal to the published places (Bloemendaal 169 -> 14 AMV,
    # Zaanstad 818 -> 69, Wormerland 98 -> 8, Oostzaan 62 -> 5), a municipality
    # with 2,400 (2,400 * 8,140 / 96,000 = 203.5 exactly) and the rest, 92,453:
    # every quota is whole at C = 96,000.
    rows = [("GM0377", "Bloemendaal", "PV27", "Noord-Holland", 169),
            ("GM0479", "Zaanstad", "PV27", "Noord-Holland", 818),
            ("GM0880", "Wormerland", "PV27", "Noord-Holland", 98),
            ("GM0431", "Oostzaan", "PV27", "Noord-Holland", 62),
            ("GM9001", "X", "PV28", "Elders", 2400),
            ("GM9002", "Rest", "PV28", "Elders", 92453)]
    return write_csv(register_text(rows), "amv.csv")


def test_published_amv_pairs(amv_register):
    # round_half_up: 14.33 -> 14, 69.36 -> 69, 8.31 -> 8, 5.26 -> 5,
    # 203.5 -> 204, 7839.24 -> 7839; sum 8,139, one short of A.
    frame = opvang.distribute(C_2024, amv=A_2024, municipalities=amv_register)
    assert frame["places"].tolist() == [169, 818, 98, 62, 2400, 92453]
    assert frame["amv"].tolist() == [14, 69, 8, 5, 204, 7839]
    assert frame.attrs["amv_sum"] == 8139
    assert frame.attrs["amv_residual"] == -1


def test_amv_apportioned(amv_register):
    # Floors of 14.33, 69.36, 8.31, 5.26, 203.5, 7839.24 add up to 8,138; the
    # two places left go to the remainders .5 (X) and .36 (Zaanstad).
    frame = opvang.distribute(C_2024, amv=A_2024, amv_mode="apportion", municipalities=amv_register)
    assert frame["amv"].tolist() == [14, 70, 8, 5, 204, 7839]
    assert frame.attrs["amv_residual"] == 0 and frame.attrs["amv_mode"] == "apportion"


# ---- compare -------------------------------------------------------------------------------------


def test_compare_with_published_figures(cbs, write_csv):
    # Published 31 January 2024: Schiermonnikoog 5, Amsterdam 4,479,
    # Bloemendaal 169 with 14 AMV.  Computed without SES.
    places = dict(zip((m[0] for m in cbs), hamilton([m[4] for m in cbs], C_2024)))
    published = write_csv("code,places,amv\nGM0088,5,\nGM0363,4479,\nGM0377,169,14\n", "pub.csv")
    frame = opvang.compare(published, C_2024, amv=A_2024)
    assert list(frame.columns) == COMPARISON_COLUMNS
    assert frame["code"].tolist() == ["GM0088", "GM0363", "GM0377"]
    assert frame["name"].tolist() == ["Schiermonnikoog", "Amsterdam", "Bloemendaal"]
    assert frame["computed"].tolist() == [places["GM0088"], places["GM0363"], places["GM0377"]]
    assert frame["published"].tolist() == [5, 4479, 169]
    assert frame["difference"].tolist() == [places["GM0088"] - 5, places["GM0363"] - 4479,
                                            places["GM0377"] - 169]
    assert frame["computed_amv"].dtype == "Int64"
    assert frame["published_amv"].isna().tolist() == [True, True, False]
    bloemendaal_amv = amv_share(places["GM0377"], A_2024, C_2024)
    assert frame["computed_amv"][2] == bloemendaal_amv
    assert frame["amv_difference"][2] == bloemendaal_amv - 14

    differences = frame["difference"].tolist()
    assert frame.attrs["rows"] == 3
    assert frame.attrs["exact"] == sum(d == 0 for d in differences)
    assert frame.attrs["largest_difference"] == places["GM0363"] - 4479
    assert (frame.attrs["largest_code"], frame.attrs["largest_name"]) == ("GM0363", "Amsterdam")


def test_compare_a_dataframe_by_name(five):
    # Hamilton at C = 25 gives 13, 7, 4, 1, 0: C is published as 6 (-2) and B
    # as 8 (-1); A and E match.
    published = pd.DataFrame({"name": ["A", "C", "E", "B"], "places": [13, 6, 0, 8],
                              "amv": [None, 1, None, None]})
    frame = opvang.compare(published, 25, amv=5, municipalities=five)
    assert frame["code"].tolist() == ["GM0001", "GM0003", "GM0005", "GM0002"]
    assert frame["difference"].tolist() == [0, -2, 0, -1]
    # AMV of C: round_half_up(4 * 5 / 25) = round(0.8) = 1, published 1.
    assert frame["computed_amv"].tolist() == [pd.NA, 1, pd.NA, pd.NA]
    assert frame["amv_difference"][1] == 0
    assert frame.attrs["exact"] == 2
    assert (frame.attrs["largest_difference"], frame.attrs["largest_code"]) == (-2, "GM0003")


def test_compare_errors(five, write_csv):
    with pytest.raises(opvang.Error, match="GM9999") as info:
        opvang.compare(pd.DataFrame({"code": ["GM0001", "GM9999"], "places": [1, 2]}), 25,
                       municipalities=five)
    assert info.value.code == errors.ENOTFOUND
    twice = write_csv("code,places\nGM0001,1\nGM0001,2\n", "twice.csv")
    with pytest.raises(opvang.Error, match="twice") as info:
        opvang.compare(twice, 25, municipalities=five)
    assert info.value.code == errors.EDUPLICATE
    with pytest.raises(FileNotFoundError, match="absent"):
        opvang.compare(str(twice.parent / "absent.csv"), 25, municipalities=five)
    with pytest.raises(opvang.Error, match="code"):
        opvang.compare(pd.DataFrame({"places": [1]}), 25, municipalities=five)
    with pytest.raises(opvang.Error, match="whole"):
        opvang.compare(pd.DataFrame({"code": ["GM0001"], "places": [1.5]}), 25,
                       municipalities=five)
    with pytest.raises(TypeError):
        opvang.compare([("GM0001", 1)], 25, municipalities=five)


# ---- errors ----------------------------------------------------------------------------------


def test_unknown_codes_in_scores_are_named(five, write_csv):
    with pytest.raises(opvang.Error, match="GM9999") as info:
        opvang.distribute(10, ses={**FIVE_SES, "GM9999": 0.1}, municipalities=five)
    assert info.value.code == errors.ENOTFOUND
    path = write_csv("code,ses\nGM0001,0.1\nGM9998,0.2\n", "ses.csv")
    with pytest.raises(opvang.Error, match="GM9998") as info:
        opvang.distribute(10, ses=path, municipalities=five)
    assert "ses.csv:3" in str(info.value)


def test_bad_score_tables(five):
    with pytest.raises(opvang.Error, match="ses"):
        opvang.distribute(10, ses=pd.DataFrame({"code": ["GM0001"], "score": [0.1]}),
                          municipalities=five)
    with pytest.raises(opvang.Error, match="GM0001") as info:
        opvang.distribute(10, ses=pd.DataFrame({"code": ["GM0001", "GM0001"], "ses": [0.1, 0.2]}),
                          municipalities=five)
    assert info.value.code == errors.EDUPLICATE
    with pytest.raises(opvang.Error, match="numbers"):
        opvang.distribute(10, ses={"GM0001": "rich"}, municipalities=five)
    with pytest.raises(opvang.Error, match="GM0002") as info:
        opvang.distribute(10, ses={"GM0002": float("inf")}, municipalities=five)
    assert info.value.code == errors.ERANGE
    with pytest.raises(TypeError):
        opvang.distribute(10, ses=[0.1, 0.2], municipalities=five)


def test_missing_score_with_linear(five):
    with pytest.raises(opvang.Error, match="GM0014") as info:
        opvang.distribute(10, ses_transform="linear")
    assert info.value.code == errors.EINVAL
    partial = {code: s for code, s in FIVE_SES.items() if code != "GM0004"}
    with pytest.raises(opvang.Error, match=r"GM0004 \(D\)"):
        opvang.distribute(10, ses=partial, municipalities=five)


@pytest.mark.parametrize("score", [-1.0, -2.5])
def test_weight_factor_must_be_above_zero(five, score):
    with pytest.raises(opvang.Error, match=r"GM0003.*1 \+ ses") as info:
        opvang.distribute(10, ses={**FIVE_SES, "GM0003": score}, municipalities=five)
    assert info.value.code == errors.EINVAL


@pytest.mark.parametrize("kwargs, code", [
    ({"amv": 11}, errors.ERANGE),
    ({"amv": -1}, errors.ERANGE),
    ({"method": "borda"}, errors.ENOTFOUND),
    ({"ses_transform": "log"}, errors.ENOTFOUND),
    ({"amv_mode": "floor"}, errors.ENOTFOUND),
    ({"by": "county"}, errors.ENOTFOUND),
    ({"by": "province", "explain": True}, errors.EINVAL),
])
def test_bad_options(five, kwargs, code):
    with pytest.raises(opvang.Error) as info:
        opvang.distribute(10, municipalities=five, **kwargs)
    assert info.value.code == code
    assert str(info.value)


@pytest.mark.parametrize("total", [-1, 2**53 + 1, 2.5])
def test_total_out_of_range(five, total):
    with pytest.raises(opvang.Error):
        opvang.distribute(total, municipalities=five)


@pytest.mark.parametrize("kwargs", [{"total": "ten"}, {"total": 10, "method": 3},
                                    {"total": 10, "ses_transform": 1},
                                    {"total": 10, "amv_mode": None}])
def test_wrong_types(five, kwargs):
    with pytest.raises(TypeError):
        opvang.distribute(municipalities=five, **kwargs)


def test_unreadable_register(tmp_path):
    with pytest.raises(FileNotFoundError, match="absent") as info:
        opvang.distribute(10, municipalities=tmp_path / "absent.csv")
    assert info.value.filename == str(tmp_path / "absent.csv")
    assert info.value.code == errors.EIO
