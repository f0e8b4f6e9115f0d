# SPDX-License-Identifier: EUPL-1.2
"""The oracle itself (tests/oracle/apportion_oracle.py) on published results and
cases worked out by hand in tests/python/test_apportion.py, so that the seats
every suite is held to rest on more than the oracle's own word."""

import pytest

import apportion_oracle as oracle

AUSTRIA_2019 = [1_305_956, 903_151, 650_114, 532_193, 319_024]


def test_austria_2019():
    # Published D'Hondt result, 18 seats; Hamilton worked out in test_apportion.c.
    assert oracle.divisor(AUSTRIA_2019, 18, "jefferson") == [7, 5, 3, 2, 1]
    assert oracle.hamilton(AUSTRIA_2019, 18) == [6, 4, 3, 3, 2]


@pytest.mark.parametrize("method, expected", [
    ("hamilton", [3, 2, 1, 0]), ("jefferson", [4, 2, 0, 0]), ("webster", [3, 2, 1, 0]),
    ("adams", [2, 2, 1, 1]), ("huntington-hill", [3, 1, 1, 1]),
])
def test_every_method_on_one_hand_case(method, expected):
    assert oracle.apportion([9, 5, 2, 1], 6, method) == expected


def test_ties_and_zero_weights():
    # Remainders .4 and .4 for the one seat: a tie, to the lower index.
    assert oracle.hamilton_and_tie([1, 2, 2], 1) == ([0, 1, 0], True)
    assert oracle.hamilton_and_tie([1, 2, 2], 2) == ([0, 1, 1], False)
    assert oracle.hamilton([0, 5, 0, 5], 3) == [0, 2, 0, 1]
    assert oracle.divisor([0, 3, 1], 3, "adams") == [0, 2, 1]
    # Floats convert exactly; the double 0.2 is exactly twice the double 0.1.
    assert oracle.hamilton([0.1, 0.2], 3) == oracle.hamilton([1, 2], 3) == [1, 2]


def test_amv_share_rounds_half_up():
    assert oracle.amv_share(3, 1, 6) == 1      # 0.5
    assert oracle.amv_share(1, 1, 6) == 0      # 0.17
    assert oracle.amv_share(169, 8140, 96000) == 14  # published, Bloemendaal
    assert oracle.amv_share(5, 3, 0) == 0
