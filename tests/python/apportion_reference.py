# SPDX-License-Identifier: EUPL-1.2
"""Textbook apportionment in exact rational arithmetic, to check the library against.

Deliberately the slow, obvious way: divisor methods hand out one seat at a time
to the highest priority w / b(s); Hamilton gives floors and then the largest
remainders.  Ties go to the lower index, as the library documents.
"""

from fractions import Fraction


def _jefferson(w, s):
    return Fraction(w) / (s + 1)


def _webster(w, s):
    return Fraction(w) / (s + Fraction(1, 2))


def _adams(w, s):
    return None if s == 0 else Fraction(w) / s  # None: the first seat comes before all else


def _huntington_hill(w, s):
    # w / sqrt(s(s+1)) ranks units exactly as its square does.
    return None if s == 0 else Fraction(w) ** 2 / (s * (s + 1))


_PRIORITY = {
    "jefferson": _jefferson,
    "webster": _webster,
    "adams": _adams,
    "huntington-hill": _huntington_hill,
}


def divisor(weights, total, method):
    """Seats by the divisor method `method` for integer weights."""
    priority = _PRIORITY[method]
    seats = [0] * len(weights)
    for _ in range(total):
        best, best_key = None, None
        for i, w in enumerate(weights):
            if w == 0:
                continue
            p = priority(w, seats[i])
            key = (1, 0) if p is None else (0, p)  # an unseated unit outranks any finite priority
            if best_key is None or key > best_key:
                best, best_key = i, key
        seats[best] += 1
    return seats


def hamilton(weights, total):
    """Largest-remainder seats for integer weights."""
    whole = sum(weights)
    quotas = [Fraction(w * total, whole) for w in weights]
    seats = [q.numerator // q.denominator for q in quotas]
    by_remainder = sorted(range(len(weights)), key=lambda i: (-(quotas[i] - seats[i]), i))
    for i in by_remainder[:total - sum(seats)]:
        seats[i] += 1
    return seats


def reference(weights, total, method):
    return hamilton(weights, total) if method == "hamilton" else divisor(weights, total, method)
