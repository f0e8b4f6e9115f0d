# SPDX-License-Identifier: EUPL-1.2
"""apportion(): hand-computed cases for every method, aliases, bounds, input types.

Every expected vector below is worked out in the comment above it.
"""

import numpy as np
import pandas as pd
import pytest

import opvang
from opvang import apportion

# Austria, European Parliament 2019: ÖVP, SPÖ, FPÖ, Greens, NEOS; 18 seats.
AUSTRIA_2019 = [1_305_956, 903_151, 650_114, 532_193, 319_024]


@pytest.mark.parametrize("name", ["jefferson", "dhondt", "d'hondt", "D'Hondt", "DHONDT"])
def test_dhondt_austria_2019(name):
    # The official result: 7, 5, 3, 2, 1.
    assert apportion(AUSTRIA_2019, 18, name).tolist() == [7, 5, 3, 2, 1]


@pytest.mark.parametrize("method", [None, "hamilton", "largest-remainder", "hare", "Hamilton"])
def test_hamilton_hand_case(method):
    # Quotas 4.7, 3.3, 2.0: floors 4, 3, 2 leave one seat, for the largest remainder 0.7.
    args = () if method is None else (method,)
    assert apportion([47, 33, 20], 10, *args).tolist() == [5, 3, 2]


def test_hamilton_alabama_paradox():
    # Quotas 4.29, 4.29, 1.43 at 10 seats: floors 4, 4, 1 and the last seat to
    # the third (0.43).  At 11 seats quotas 4.71, 4.71, 1.57: floors 4, 4, 1 and
    # the two remaining seats to the remainders 0.71 -- the third unit loses one.
    assert apportion([6, 6, 2], 10).tolist() == [4, 4, 2]
    assert apportion([6, 6, 2], 11).tolist() == [5, 5, 1]


# Weights 9, 5, 2, 1 and 6 seats, where all methods but two disagree:
# - Hamilton: quotas 3.18, 1.76, 0.71, 0.35; floors 3, 1, 0, 0; remainders put
#   the two seats left with units 2 (.76) and 3 (.71): 3, 2, 1, 0.
# - Jefferson, priorities w/(s+1): 9, 5, 4.5, 3, 2.5, 2.25 take the seats
#   (A, B, A, A, B, A) before C's 2: 4, 2, 0, 0.
# - Webster, w/(s+1/2): 18 A, 10 B, 6 A, 4 C, 3.6 A, 3.33 B; next 2.57: 3, 2, 1, 0.
# - Adams: one seat each, then w/s: 9 A, 5 B (next 4.5): 2, 2, 1, 1.
# - Huntington-Hill: one seat each, then w/sqrt(s(s+1)): 9/sqrt2 = 6.36 A,
#   9/sqrt6 = 3.67 A, ahead of 5/sqrt2 = 3.54 B: 3, 1, 1, 1.
@pytest.mark.parametrize("method, expected", [
    ("hamilton", [3, 2, 1, 0]),
    ("jefferson", [4, 2, 0, 0]),
    ("webster", [3, 2, 1, 0]),
    ("adams", [2, 2, 1, 1]),
    ("huntington-hill", [3, 1, 1, 1]),
])
def test_every_method_on_one_hand_case(method, expected):
    assert apportion([9, 5, 2, 1], 6, method).tolist() == expected


# Sainte-Laguë's textbook case, 7 seats over 53000, 24000, 23000.
# Webster divisors 1, 3, 5 (same order as 1/2, 3/2, 5/2): 53000 A, 24000 B,
# 23000 C, 17667 A, 10600 A, 8000 B, 7667 C -> 3, 2, 2 (next 7571 A).
# D'Hondt divisors 1, 2, 3: 53000 A, 26500 A, 24000 B, 23000 C, 17667 A,
# 13250 A, 12000 B -> 4, 2, 1 (next 11500 C).
@pytest.mark.parametrize("method", ["webster", "sainte-lague", "saint-lague", "Sainte-Lague"])
def test_sainte_lague(method):
    assert apportion([53_000, 24_000, 23_000], 7, method).tolist() == [3, 2, 2]


def test_dhondt_on_the_sainte_lague_case():
    assert apportion([53_000, 24_000, 23_000], 7, "dhondt").tolist() == [4, 2, 1]


@pytest.mark.parametrize("method", ["huntington-hill", "hill", "HILL"])
def test_huntington_hill_aliases(method):
    assert apportion([9, 5, 2, 1], 6, method).tolist() == [3, 1, 1, 1]


@pytest.mark.parametrize("method", ["hamilton", "jefferson", "webster"])
def test_ties_go_to_the_lower_index(method):
    assert apportion([1, 1], 1, method).tolist() == [1, 0]
    assert apportion([1, 1, 1], 2, method).tolist() == [1, 1, 0]


def test_zero_weights_get_nothing():
    # Quotas 0, 1.5, 0, 1.5: the tied remainders give the third seat to unit 1.
    assert apportion([0, 5, 0, 5], 3).tolist() == [0, 2, 0, 1]
    # Adams seats only the units with positive weight first: then 3/1 beats 1/1.
    assert apportion([0, 3, 1], 3, "adams").tolist() == [0, 2, 1]


def test_nothing_to_apportion():
    assert apportion([3, 4], 0).tolist() == [0, 0]
    assert apportion([0, 0], 0).tolist() == [0, 0]
    empty = apportion([], 0)
    assert empty.dtype == np.int64 and empty.shape == (0,)


def test_largest_total():
    # 2^53 is the documented maximum; it must come back exactly, not rounded.
    assert apportion([1], 2 ** 53).tolist() == [2 ** 53]
    assert apportion([1, 1], 2 ** 53).tolist() == [2 ** 52, 2 ** 52]


class TestBounds:
    def test_hamilton_lower(self):
        # Quotas 8, 1, 1; the last two are raised to 2, so lambda * 8 = 6.
        assert apportion([8, 1, 1], 10, lower=[0, 2, 2]).tolist() == [6, 2, 2]

    def test_hamilton_upper(self):
        # The first is held at 5; the other 5 go 3:2 as their weights.
        assert apportion([8, 3, 2], 10, upper=[5, 10, 10]).tolist() == [5, 3, 2]

    def test_hamilton_fixed_unit(self):
        assert apportion([1, 1], 5, lower=[3, 0], upper=[3, 5]).tolist() == [3, 2]

    def test_dhondt_upper(self):
        # ÖVP capped at 5; the other 13 seats by D'Hondt: SPÖ 903151, 451576,
        # 301050, 225788, 180630; FPÖ 650114, 325057, 216705, 162529; Greens
        # 532193, 266097, 177398; NEOS 319024 -- the 14th would be NEOS's 159512.
        seats = apportion(AUSTRIA_2019, 18, "dhondt", upper=[5, 18, 18, 18, 18])
        assert seats.tolist() == [5, 5, 4, 3, 1]

    def test_dhondt_lower(self):
        # NEOS guaranteed 2; the other 16 seats by D'Hondt among the rest end at
        # ÖVP's 7th quotient 186565 (SPÖ's 5th, 180630, misses): 7, 4, 3, 2.
        seats = apportion(AUSTRIA_2019, 18, "dhondt", lower=[0, 0, 0, 0, 2])
        assert seats.tolist() == [7, 4, 3, 2, 2]

    def test_bounds_that_do_not_bind_change_nothing(self):
        seats = apportion(AUSTRIA_2019, 18, "dhondt", lower=[0] * 5, upper=[18] * 5)
        assert seats.tolist() == [7, 5, 3, 2, 1]

    @pytest.mark.parametrize("kind", [list, tuple, np.array])
    def test_bounds_accept_sequences(self, kind):
        bounds = kind([0, 2, 2])
        assert apportion([8, 1, 1], 10, lower=bounds).tolist() == [6, 2, 2]

    def test_whole_float_bounds_are_accepted(self):
        assert apportion([8, 1, 1], 10, lower=np.array([0.0, 2.0, 2.0])).tolist() == [6, 2, 2]


@pytest.mark.parametrize("weights", [
    AUSTRIA_2019,
    tuple(AUSTRIA_2019),
    np.array(AUSTRIA_2019, dtype=np.float64),
    np.array(AUSTRIA_2019, dtype=np.int64),
    np.array(AUSTRIA_2019, dtype=np.int32),
    np.array(AUSTRIA_2019, dtype=np.uint32),
    np.array(AUSTRIA_2019, dtype=np.float32),
], ids=["list", "tuple", "float64", "int64", "int32", "uint32", "float32"])
def test_accepts_sequences_and_arrays(weights):
    seats = apportion(weights, 18, "dhondt")
    assert isinstance(seats, np.ndarray)
    assert seats.dtype == np.int64
    assert seats.shape == (5,)
    assert seats.tolist() == [7, 5, 3, 2, 1]


# The five largest parties of the Austrian election of 2019 by name.
PARTIES = ["OVP", "SPO", "FPO", "Grune", "NEOS"]


def test_a_series_keeps_its_index_and_name():
    votes = pd.Series(AUSTRIA_2019, index=pd.Index(PARTIES, name="party"), name="votes")
    seats = apportion(votes, 18, "dhondt")
    assert isinstance(seats, pd.Series)
    assert seats.dtype == np.int64
    assert seats.index.equals(votes.index) and seats.index.name == "party"
    assert seats.name == "votes"
    assert seats.to_dict() == {"OVP": 7, "SPO": 5, "FPO": 3, "Grune": 2, "NEOS": 1}


def test_a_series_in_another_order_gets_the_same_seats():
    # The index, not the position, says whose seats they are.
    votes = pd.Series(AUSTRIA_2019, index=PARTIES).iloc[::-1]
    seats = apportion(votes, 18, "dhondt")
    assert list(seats.index) == PARTIES[::-1]
    assert seats.to_dict() == {"OVP": 7, "SPO": 5, "FPO": 3, "Grune": 2, "NEOS": 1}


def test_a_series_with_integer_labels_is_not_read_by_position():
    votes = pd.Series([2, 3, 5], index=[10, 20, 30])
    # Hamilton, 7 over 2:3:5: quotas 1.4, 2.1, 3.5; the spare seat to the .5.
    assert apportion(votes, 7).to_dict() == {10: 1, 20: 2, 30: 4}


def test_a_dict_gives_a_series_by_key():
    seats = apportion(dict(zip(PARTIES, AUSTRIA_2019)), 18, "dhondt")
    assert isinstance(seats, pd.Series) and seats.dtype == np.int64
    assert list(seats.index) == PARTIES and seats.name is None
    assert seats.tolist() == [7, 5, 3, 2, 1]


def test_bounds_by_label():
    # 10 over 8:1:1 with B and C held to at least 2: A keeps the other 6.
    weights = pd.Series([8, 1, 1], index=["A", "B", "C"])
    by_dict = apportion(weights, 10, lower={"C": 2, "B": 2, "A": 0})
    by_series = apportion(weights, 10, lower=pd.Series({"C": 2, "A": 0, "B": 2}))
    by_position = apportion(weights, 10, lower=[0, 2, 2])
    assert by_dict.to_dict() == by_series.to_dict() == by_position.to_dict() \
        == {"A": 6, "B": 2, "C": 2}
    assert apportion({"A": 8, "B": 1, "C": 1}, 10, upper={"A": 5, "B": 5, "C": 5}).to_dict() \
        == {"A": 5, "B": 3, "C": 2}


@pytest.mark.parametrize("lower, message", [
    ({"A": 0, "B": 2}, "no bound for 'C'"),
    ({"A": 0, "B": 2, "C": 2, "D": 1}, "'D', which is not among the weights"),
    (pd.Series([1, 2, 3, 4], index=["A", "B", "C", "C"]), "names a unit twice: 'C'"),
])
def test_bounds_that_do_not_match_the_labels(lower, message):
    with pytest.raises(opvang.Error, match=message):
        apportion({"A": 8, "B": 1, "C": 1}, 10, lower=lower)


def test_accepts_a_strided_view():
    interleaved = np.zeros(10)
    interleaved[::2] = AUSTRIA_2019
    assert apportion(interleaved[::2], 18, "dhondt").tolist() == [7, 5, 3, 2, 1]


def test_accepts_numpy_scalars_as_total():
    assert apportion(AUSTRIA_2019, np.int64(18), "dhondt").tolist() == [7, 5, 3, 2, 1]
    assert apportion(AUSTRIA_2019, 18.0, "dhondt").tolist() == [7, 5, 3, 2, 1]


def test_input_is_left_alone():
    weights = np.array(AUSTRIA_2019, dtype=np.float64)
    lower = np.zeros(5, dtype=np.int64)
    apportion(weights, 18, "dhondt", lower=lower)
    assert weights.tolist() == AUSTRIA_2019
    assert lower.tolist() == [0] * 5


def test_result_is_a_fresh_array():
    first = apportion([1, 1], 2)
    first[0] = 99
    assert apportion([1, 1], 2).tolist() == [1, 1]


def test_error_type_is_exported():
    assert opvang.Error is opvang.errors.Error


def test_tuple_keys_of_a_dict_stay_tuples():
    # 1:2 over 3 seats is 1 and 2; the keys come back as given, not as a MultiIndex.
    seats = opvang.apportion({("a", 1): 1, ("b",): 2}, 3)
    assert seats.to_dict() == {("a", 1): 1, ("b",): 2}
