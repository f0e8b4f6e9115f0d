# SPDX-License-Identifier: EUPL-1.2
"""The embedded register (CBS, 1 January 2024) as a DataFrame."""

import csv
from collections import Counter

import numpy as np
import pytest

import opvang


@pytest.fixture(scope="module")
def frame():
    return opvang.municipalities()


@pytest.fixture(scope="module")
def cbs_rows(source_root):
    """data/gemeenten_2024.csv read with the csv module, independently of the library."""
    with open(source_root / "data" / "gemeenten_2024.csv", newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def test_shape_and_columns(frame):
    assert frame.shape == (342, 5)
    assert list(frame.columns) == ["code", "name", "province_code", "province", "population"]


def test_dtypes(frame):
    assert frame["population"].dtype == np.int64
    for column in ("code", "name", "province_code", "province"):
        assert all(isinstance(value, str) for value in frame[column]), column


def test_no_ses_column_without_scores(frame):
    assert "ses" not in frame.columns


def test_total_population_is_the_cbs_national_total(frame):
    assert frame["population"].sum() == 17_942_942


def test_amsterdam(frame):
    row = frame.set_index("code").loc["GM0363"]
    assert row["name"] == "Amsterdam"
    assert row["province_code"] == "PV27"
    assert row["province"] == "Noord-Holland"
    assert row["population"] == 931_298


def test_largest_and_smallest(frame):
    ranked = frame.sort_values("population", ascending=False)["code"].tolist()
    assert ranked[:4] == ["GM0363", "GM0599", "GM0518", "GM0344"]
    smallest = frame.loc[frame["population"].idxmin()]
    assert (smallest["code"], smallest["name"], smallest["population"]) == \
        ("GM0088", "Schiermonnikoog", 972)


def test_names_with_quotes_commas_and_accents(frame):
    names = frame.set_index("code")["name"]
    assert names["GM0518"] == "'s-Gravenhage"
    assert names["GM0820"] == "Nuenen, Gerwen en Nederwetten"
    assert names["GM1900"] == "Súdwest-Fryslân"
    assert frame.set_index("code").loc["GM0088", "province"] == "Fryslân"


def test_municipalities_per_province(frame):
    # Counts published with the data (data/README.md), GR..LI = PV20..PV31.
    expected = {"PV20": 10, "PV21": 18, "PV22": 12, "PV23": 25, "PV24": 6, "PV25": 51,
                "PV26": 26, "PV27": 44, "PV28": 50, "PV29": 13, "PV30": 56, "PV31": 31}
    assert Counter(frame["province_code"]) == expected


def test_codes_are_unique(frame):
    assert frame["code"].is_unique


def test_every_row_matches_the_cbs_file(frame, cbs_rows):
    assert len(cbs_rows) == len(frame)
    by_code = frame.set_index("code")
    for row in cbs_rows:
        ours = by_code.loc[row["gemeentecode"]]
        assert ours["name"] == row["gemeentenaam"]
        assert ours["province_code"] == row["provinciecode"]
        assert ours["province"] == row["provincienaam"]
        assert ours["population"] == int(row["inwoners"])


def test_register_order_is_the_file_order(frame, cbs_rows):
    assert frame["code"].tolist() == [row["gemeentecode"] for row in cbs_rows]


def test_provenance_in_attrs(frame):
    assert frame.attrs["reference_date"] == "2024-01-01"
    assert "85984NED" in frame.attrs["source"]


def test_each_call_returns_a_fresh_frame():
    first = opvang.municipalities()
    first.loc[0, "population"] = -1
    assert opvang.municipalities().loc[0, "population"] != -1


def test_apportioning_over_the_register_respects_quotas(frame):
    # 1000 places by population: each municipality gets its quota rounded down or up.
    places = opvang.apportion(frame["population"], 1000)
    assert places.sum() == 1000
    quotas = 1000 * frame["population"].to_numpy() / 17_942_942
    assert np.all(places >= np.floor(quotas)) and np.all(places <= np.ceil(quotas))
    amsterdam = int(frame.index[frame["code"] == "GM0363"][0])
    assert places[amsterdam] in (51, 52)  # 1000 * 931298 / 17942942 = 51.90
