# SPDX-License-Identifier: EUPL-1.2
"""apportion() refuses bad input with opvang.Error and the library's message."""

import re

import numpy as np
import pytest

import opvang
from opvang import apportion

# Status codes from opvang/core.h (stable values).
EINVAL, ERANGE, ENOTFOUND = -1, -5, -6


def error_of(*args, **kwargs):
    with pytest.raises(opvang.Error) as caught:
        apportion(*args, **kwargs)
    return caught.value


@pytest.mark.parametrize("bad", [-1.0, float("nan"), float("inf"), float("-inf")])
def test_bad_weight_is_named_by_index(bad):
    error = error_of([5, 4, bad], 3)
    assert error.code == EINVAL
    assert re.search(r"\b2\b", str(error)), str(error)


def test_negative_weight_in_an_integer_array():
    assert error_of(np.array([3, -7, 1]), 5).code == EINVAL


def test_all_weights_zero_with_a_positive_total():
    assert error_of([0, 0, 0], 3).code == EINVAL


def test_no_units_with_a_positive_total():
    assert error_of([], 1).code == EINVAL


@pytest.mark.parametrize("name", ["borda", "", "dhondt ", "hamilton-webster"])
def test_unknown_method_lists_the_known_ones(name):
    error = error_of([1, 2], 3, name)
    assert error.code == ENOTFOUND
    assert "hamilton" in str(error) and "webster" in str(error)


@pytest.mark.parametrize("total", [-1, 2.5, float("nan"), float("inf"), 2 ** 53 + 1, 2 ** 64])
def test_total_out_of_range(total):
    assert error_of([1, 2], total).code == ERANGE


@pytest.mark.parametrize("total, method", [("3", "hamilton"), (None, "hamilton"),
                                           (True, "hamilton"), (3, 3), (3, None)])
def test_total_and_method_of_the_wrong_type(total, method):
    with pytest.raises(TypeError):
        apportion([1, 2], total, method)


@pytest.mark.parametrize("method", ["adams", "huntington-hill"])
def test_methods_that_seat_everyone_need_enough_seats(method):
    # Three units of positive weight cannot each get a seat out of two.
    assert error_of([1, 1, 1], 2, method).code == ERANGE
    assert apportion([1, 1, 0], 2, method).tolist() == [1, 1, 0]


class TestBadBounds:
    def test_lower_above_upper(self):
        assert error_of([1, 1], 2, lower=[2, 0], upper=[1, 2]).code == EINVAL

    def test_negative_lower(self):
        assert error_of([1, 1], 2, lower=[-1, 0]).code == EINVAL

    def test_lower_bounds_exceed_the_total(self):
        assert error_of([1, 1], 3, lower=[2, 2]).code == ERANGE

    def test_upper_bounds_fall_short_of_the_total(self):
        assert error_of([1, 1], 5, upper=[2, 2]).code == ERANGE

    @pytest.mark.parametrize("bounds", [[], [0], [0, 0, 0]])
    def test_one_bound_per_weight(self, bounds):
        assert error_of([1, 1], 2, lower=bounds).code == EINVAL
        assert error_of([1, 1], 2, upper=bounds).code == EINVAL

    @pytest.mark.parametrize("bounds", [[0.5, 0], [float("nan"), 0], [2 ** 70, 0], ["a", "b"]])
    def test_bounds_must_be_whole_numbers(self, bounds):
        assert error_of([1, 1], 2, lower=bounds).code == EINVAL


@pytest.mark.parametrize("weights", [[[1, 2], [3, 4]], 5, ["a", "b"], [1, "x"]])
def test_weights_must_be_a_flat_sequence_of_numbers(weights):
    assert error_of(weights, 2).code == EINVAL


def test_errors_are_value_errors():
    with pytest.raises(ValueError):
        apportion([1, -1], 1)


def test_a_failed_call_leaves_the_next_one_unaffected():
    error_of([1, -1], 1)
    assert apportion([1, 1], 2).tolist() == [1, 1]
