# SPDX-License-Identifier: EUPL-1.2
"""The textbook apportionment rules in exact rational arithmetic: the one oracle
that the C, Python, CLI tests and the benchmark harness check the library against.

Written the slow, obvious way and sharing nothing with the library.  Weights may
be integers, Fractions or floats (a float converts to a Fraction exactly).  Ties
go to the lower index, as include/opvang/apportion.h documents.

The definitions are the textbook ones: M. L. Balinski and H. P. Young, *Fair
Representation*, 2nd ed. (2001), and F. Pukelsheim, *Proportional
Representation*, 2nd ed. (2017), on Hamilton's (quota) method and the divisor
methods.
"""

import heapq
import math
from fractions import Fraction

METHODS = ("hamilton", "jefferson", "webster", "adams", "huntington-hill")


def _whole(weights):
    """The weights times their common denominator: whole numbers in the same ratios."""
    exact = [w if isinstance(w, int) else Fraction(w) for w in weights]  # an int is exact already
    if any(w < 0 for w in exact):
        raise ValueError("weights must not be negative")
    d = math.lcm(*(w.denominator for w in exact)) if exact else 1
    return [w.numerator * (d // w.denominator) for w in exact]


def hamilton_and_tie(weights, total):
    """Hamilton's method (largest remainders, Hare quota) and whether a tie decided it.

    With W the sum of the weights, unit i's quota is q_i = total * w_i / W.  Each
    unit gets floor(q_i); the total - sum floor(q_i) seats left go one each to
    the units with the largest remainders q_i - floor(q_i), the lower index
    first among equal ones (Balinski and Young's "Hamilton's method").

    The second result is True when the last unit given a remainder seat and the
    first one passed over have equal remainders: the tie rule chose between them.

    The remainder of q_i is (total * w_i mod W) / W for whole weights, so the
    remainders compare as those integers; fractional weights are first brought
    to a common denominator, which changes no quota.
    """
    w = _whole(weights)
    whole = sum(w)
    if whole == 0:
        raise ValueError("some weight must be positive")
    floors, remainders = zip(*(divmod(total * x, whole) for x in w)) if w else ((), ())
    seats = list(floors)
    order = sorted(range(len(w)), key=lambda i: (-remainders[i], i))
    left = total - sum(seats)
    for i in order[:left]:
        seats[i] += 1
    tie = 0 < left < len(order) and remainders[order[left - 1]] == remainders[order[left]]
    return seats, tie


def hamilton(weights, total):
    """Seats by Hamilton's method; see hamilton_and_tie()."""
    return hamilton_and_tie(weights, total)[0]


def _priority(method, w, s):
    """Unit priority w / b(s) after s seats, as a sort key where larger comes first.

    b(s) = s + 1 (Jefferson, D'Hondt), s + 1/2 (Webster, Sainte-Laguë), s (Adams),
    sqrt(s (s + 1)) (Huntington-Hill).  b(0) = 0 for Adams and Hill makes the
    first seat of every unit come before all else (key (1, 0)); Hill's w / sqrt(..)
    ranks as its square w^2 / (s (s + 1)), which is exact.
    """
    if method == "jefferson":
        return (0, Fraction(w, s + 1))
    if method == "webster":
        return (0, Fraction(2 * w, 2 * s + 1))
    if s == 0:
        return (1, 0)
    if method == "adams":
        return (0, Fraction(w, s))
    if method == "huntington-hill":
        return (0, Fraction(w * w, s * (s + 1)))
    raise ValueError(f"unknown divisor method {method!r}")


def divisor(weights, total, method):
    """Seats by a divisor method, one at a time to the highest priority w / b(s).

    The textbook's seat-by-seat ("highest averages") form: each seat goes to
    the unit whose w_i / b(s_i) is highest, s_i its seats so far; a unit
    of weight 0 gets none; equal priorities go to the lower index.  The heap
    only finds the highest priority faster; it keys on (-priority, index).
    """
    w = _whole(weights)
    seats = [0] * len(w)
    heap = []
    for i, x in enumerate(w):
        if x > 0:
            rank, p = _priority(method, x, 0)
            heap.append((-rank, -p, i))
    heapq.heapify(heap)
    for _ in range(total):
        i = heap[0][2]
        seats[i] += 1
        rank, p = _priority(method, w[i], seats[i])
        heapq.heapreplace(heap, (-rank, -p, i))
    return seats


def apportion(weights, total, method="hamilton"):
    """Seats by any of METHODS."""
    return hamilton(weights, total) if method == "hamilton" else divisor(weights, total, method)


def amv_share(places, amv, total):
    """A municipality's AMV places: N_g * A / C rounded half up (0 when C is 0).

    The distribution key's rounding of the minors' part, as the published
    indicative distributions apply it (include/opvang/distribution.h).
    """
    return math.floor(Fraction(places * amv, total) + Fraction(1, 2)) if total else 0
