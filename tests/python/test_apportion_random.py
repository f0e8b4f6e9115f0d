# SPDX-License-Identifier: EUPL-1.2
"""apportion() on random input: exact agreement with a textbook implementation
for integer weights, and the methods' defining properties for real weights."""

import numpy as np
import pytest

import apportion_oracle as oracle
from opvang import apportion

METHODS = ["hamilton", "jefferson", "webster", "adams", "huntington-hill"]
DIVISOR_METHODS = METHODS[1:]
SEATS_EVERYONE = {"adams", "huntington-hill"}


def random_problems(seed, count, integer):
    rng = np.random.default_rng(seed)
    for _ in range(count):
        n = int(rng.integers(1, 25))
        if integer:
            weights = rng.integers(0, 1_000_000, size=n)
            weights[rng.random(n) < 0.1] = 0  # some units without weight
            if not weights.any():
                weights[0] = 1
        else:
            weights = rng.random(n) * 10.0 ** rng.integers(-3, 7)
        yield weights, int(np.count_nonzero(weights)), int(rng.integers(0, 120))


@pytest.mark.parametrize("method", METHODS)
def test_matches_the_reference_on_integer_weights(method):
    for weights, positive, total in random_problems(seed=2024, count=60, integer=True):
        if method in SEATS_EVERYONE:
            total = max(total, positive)
        expected = oracle.apportion([int(w) for w in weights], total, method)
        assert apportion(weights, total, method).tolist() == expected, (weights, total)


@pytest.mark.parametrize("method", METHODS)
def test_sums_to_the_total(method):
    for weights, positive, total in random_problems(seed=7, count=200, integer=False):
        if method in SEATS_EVERYONE:
            total = max(total, positive)
        seats = apportion(weights, total, method)
        assert seats.dtype == np.int64
        assert seats.sum() == total
        assert (seats >= 0).all()
        assert (seats[weights == 0] == 0).all()


def test_hamilton_stays_within_a_seat_of_the_quota():
    for weights, _, total in random_problems(seed=11, count=200, integer=False):
        quotas = total * weights / weights.sum()
        seats = apportion(weights, total)
        # A margin for quotas that sit on a whole number up to rounding.
        assert (seats >= np.floor(quotas - 1e-9)).all()
        assert (seats <= np.ceil(quotas + 1e-9)).all()


@pytest.mark.parametrize("method", DIVISOR_METHODS)
def test_divisor_methods_never_take_a_seat_away(method):
    # House monotonicity: one more seat in total never costs a unit a seat.
    for weights, positive, _ in random_problems(seed=5, count=20, integer=False):
        previous = None
        for total in range(positive if method in SEATS_EVERYONE else 0, positive + 40):
            seats = apportion(weights, total, method)
            if previous is not None:
                assert (seats >= previous).all(), (weights, total)
                assert seats.sum() == previous.sum() + 1
            previous = seats


@pytest.mark.parametrize("method", METHODS)
def test_scaling_the_weights_changes_nothing(method):
    for weights, positive, total in random_problems(seed=3, count=50, integer=True):
        if method in SEATS_EVERYONE:
            total = max(total, positive)
        assert (apportion(weights, total, method) ==
                apportion(weights * 4, total, method)).all()


def test_threads_give_the_same_seats_as_an_exact_reference():
    # 2^19 whole-number weights: enough for up to four threads of 2^17 units.
    rng = np.random.default_rng(8)
    weights = rng.integers(1, 1000, size=1 << 19)
    total = 3_000_017
    expected = oracle.hamilton(weights.tolist(), total)
    for threads in (1, 2, 3, 4):
        seats = apportion(weights, total, threads=threads)
        assert np.array_equal(seats, expected), threads


@pytest.mark.parametrize("threads, error", [(0, r"threads 0 is outside 1\.\.256"),
                                            (257, r"threads 257 is outside 1\.\.256"),
                                            (1.5, "threads must be a whole number .*, got 1.5")])
def test_threads_out_of_range(threads, error):
    import opvang

    with pytest.raises(opvang.Error, match=error):
        apportion([1, 2], 3, threads=threads)
    with pytest.raises(TypeError, match="threads must be a number"):
        apportion([1, 2], 3, threads="2")
