# SPDX-License-Identifier: EUPL-1.2
"""distribute_many: a sweep over national totals in one call."""
import numpy as np
import pytest

import opvang
from apportion_oracle import amv_share, hamilton


def test_rows_equal_single_distributions():
    totals = [0, 1, 342, 88000, 96000]
    sweep = opvang.distribute_many(totals)
    assert sweep.shape == (5, 342)
    assert sweep.dtype == np.int64
    assert list(sweep.sum(axis=1)) == totals
    for row, total in zip(sweep, totals):
        assert list(row) == list(opvang.distribute(total)["places"])


def test_rows_follow_the_law_computed_independently():
    population = list(opvang.municipalities()["population"])
    sweep = opvang.distribute_many([96000, 12345])
    assert list(sweep[0]) == hamilton(population, 96000)
    assert list(sweep[1]) == hamilton(population, 12345)


def test_amv_rows_round_half_up():
    places, amv = opvang.distribute_many([96000], amv=8140, with_amv=True)
    expected = [amv_share(p, 8140, 96000) for p in places[0]]
    assert list(amv[0]) == expected


def test_bad_totals_name_their_position():
    with pytest.raises(opvang.Error, match=r"totals\[1\]"):
        opvang.distribute_many([100, -1])
    with pytest.raises(opvang.Error, match=r"totals\[2\] must be a whole number"):
        opvang.distribute_many([100, 200, 2.5])
    with pytest.raises(opvang.Error, match="unknown apportionment method"):
        opvang.distribute_many([100], method="plurality")
