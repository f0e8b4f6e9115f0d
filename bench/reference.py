# SPDX-License-Identifier: EUPL-1.2
"""NumPy reference implementations of what libopvang computes, for bench/run.py.

Each is written the way a data scientist would write it in NumPy: vectorised,
no Python loop over units or runs.  They follow the library's documented
semantics (include/opvang/*.h, docs/scenario.md) exactly, ties included, so
that the harness can demand identical results rather than close ones.
"""

import datetime
import json

import numpy as np

_UINT64 = np.uint64

# ---- test weights ---------------------------------------------------------------

_GOLDEN_GAMMA = _UINT64(0x9E3779B97F4A7C15)


def bench_weights(n, seed, bits=19):
    """The weights of bench_data.c: 1 + (splitmix64 output i) >> (64 - bits), i = 1..n."""
    with np.errstate(over="ignore"):
        z = _UINT64(seed) + np.arange(1, n + 1, dtype=np.uint64) * _GOLDEN_GAMMA
        z = (z ^ (z >> _UINT64(30))) * _UINT64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> _UINT64(27))) * _UINT64(0x94D049BB133111EB)
        z = z ^ (z >> _UINT64(31))
    return (_UINT64(1) + (z >> _UINT64(64 - bits))).astype(np.float64)


def _whole(weights):
    """Whole weights as int64; the references are exact for whole weights only."""
    whole = np.asarray(weights).astype(np.int64)
    if not np.array_equal(whole, weights) or (whole < 0).any():
        raise ValueError("the references take whole, non-negative weights")
    return whole


def _check_products_fit(whole, total):
    if int(whole.max(initial=0)) * int(total) >= 2 ** 63:
        raise ValueError("total * weight does not fit in int64")


# ---- apportionment ------------------------------------------------------------------


def hamilton_parts(weights, total):
    """Floors, remainders (as numerators over sum(w)) and seats of Hamilton's method."""
    w = _whole(weights)
    _check_products_fit(w, total)
    weight_sum = int(w.sum())
    product = w * np.int64(total)
    floors = product // weight_sum
    remainders = product - floors * weight_sum
    seats = floors.copy()
    left = int(total) - int(floors.sum())
    if left > 0:
        # The `left` largest remainders win; among equal remainders the lower
        # index.  Units of weight zero never get a seat by remainder.
        candidates = np.where(w > 0, remainders, -1)
        threshold = np.partition(candidates, candidates.size - left)[candidates.size - left]
        above = candidates > threshold
        seats += above
        tied = np.flatnonzero(candidates == threshold)[:left - int(np.count_nonzero(above))]
        seats[tied] += 1
    return floors, remainders, weight_sum, seats


def hamilton(weights, total):
    """Largest remainder, exact for whole weights: floor(total*w/W), then the remainders."""
    return hamilton_parts(weights, total)[3]


def dhondt(weights, total):
    """D'Hondt: seats one at a time to the highest w / (s + 1), the lower index first on a tie.

    Every unit holds at least floor(total * w / W) seats (those quotients are at
    least W / total, and the last seat's quotient is at most that).  The few
    seats left go to the largest of the next quotients w / (s + j); j runs up to
    m, doubled until the (m+1)-th quotient of every unit lies below the
    threshold, so no quotient that could win is missing.  Priorities are
    doubles, as in the library; for weights below 2^20 and fewer than 2^32 seats
    per unit, distinct fractions stay distinct doubles, so comparing doubles is
    comparing the exact fractions.
    """
    w = _whole(weights)
    _check_products_fit(w, total)
    if int(w.max(initial=0)) >= 2 ** 20 or total >= 2 ** 32:
        raise ValueError("the D'Hondt reference takes weights below 2^20 and totals below 2^32")
    seats = (w * np.int64(total)) // int(w.sum())
    left = int(total) - int(seats.sum())
    if left == 0:
        return seats
    positive = w > 0
    wf = w.astype(np.float64)
    m = 1
    while True:
        divisors = seats[:, None] + np.arange(1, m + 1, dtype=np.int64)
        priority = np.where(positive[:, None], wf[:, None] / divisors, -1.0)
        flat = priority.ravel()
        threshold = np.partition(flat, flat.size - left)[flat.size - left]
        beyond = np.where(positive, wf / (seats + m + 1), -1.0)
        if (beyond < threshold).all():
            break
        m *= 2
    seats += np.count_nonzero(priority > threshold, axis=1)
    still = int(total) - int(seats.sum())
    # A unit has at most one quotient equal to the threshold.
    tied = np.flatnonzero((priority == threshold).any(axis=1))[:still]
    seats[tied] += 1
    return seats


# ---- the distribution key and the housing task ------------------------------------------


def distribution_key(population, total, amv):
    """Hamilton over the populations, AMV rounded half up from places * amv / total.

    Returns weight, quota, places, amv, regular as the library's columns; the
    quota as the library forms it, floor + remainder / W, which is the
    correctly rounded quota plus at most one rounding of the addition.
    """
    floors, remainders, weight_sum, places = hamilton_parts(population, total)
    quota = floors + remainders / weight_sum
    amv_places = ((2 * amv) * places + total) // (2 * total) if total > 0 else places * 0
    return (np.asarray(population, dtype=np.float64), quota, places, amv_places,
            places - amv_places)


def distribution_sweep(population, totals):
    """Hamilton places for many totals at once: one row per total.

    Ties go to the lower index: the sort key is remainder * n + (n - 1 - index),
    unique per row, and a row's winners are its `left` largest keys.
    """
    p = _whole(population)
    totals = np.asarray(totals, dtype=np.int64)
    _check_products_fit(p, int(totals.max()))
    n = p.size
    weight_sum = int(p.sum())
    if (weight_sum - 1) * n + n >= 2 ** 63:
        raise ValueError("the sort key does not fit in int64")
    product = totals[:, None] * p[None, :]
    places = product // weight_sum
    remainders = product - places * weight_sum
    left = totals - places.sum(axis=1)
    key = np.where(p > 0, remainders * n + (n - 1 - np.arange(n)), -1)
    ordered = -np.sort(-key, axis=1)
    threshold = ordered[np.arange(totals.size), np.maximum(left - 1, 0)]
    places += (key >= threshold[:, None]) & (left[:, None] > 0)
    return places


def housing_task(population, national):
    """ceil(national * P_g / P_NL) in exact integers (Huisvestingswet 2014, art. 29)."""
    p = _whole(population)
    _check_products_fit(p, national)
    return -((-np.int64(national) * p) // int(p.sum()))


# ---- the projection Monte Carlo -------------------------------------------------------

_M0, _M1 = _UINT64(0xD2511F53), _UINT64(0xCD9E8D57)
_W0, _W1 = 0x9E3779B9, 0xBB67AE85
_LOW32 = _UINT64(0xFFFFFFFF)
_SHIFT32 = _UINT64(32)
_SQRT3 = 1.7320508075688772
_TWO_TO_MINUS_32 = 1.0 / 4294967296.0


def philox4x32_10(index, runs, seed):
    """Philox4x32-10 words for draw `index` of every run in `runs` (uint64 holding 32 bits).

    Key (seed lo, seed hi); counter (index lo, index hi, run lo, run hi).
    """
    k0, k1 = seed & 0xFFFFFFFF, (seed >> 32) & 0xFFFFFFFF
    c0 = np.full(runs.shape, index & 0xFFFFFFFF, dtype=np.uint64)
    c1 = np.full(runs.shape, (index >> 32) & 0xFFFFFFFF, dtype=np.uint64)
    c2 = runs & _LOW32
    c3 = runs >> _SHIFT32
    for _ in range(10):
        p0 = _M0 * c0
        p1 = _M1 * c2
        c0, c2 = (p1 >> _SHIFT32) ^ c1 ^ _UINT64(k0), (p0 >> _SHIFT32) ^ c3 ^ _UINT64(k1)
        c1 = p1 & _LOW32
        c3 = p0 & _LOW32
        k0 = (k0 + _W0) & 0xFFFFFFFF
        k1 = (k1 + _W1) & 0xFFFFFFFF
    return c0, c1, c2, c3


_LOW16 = _UINT64(0xFFFF)
_SHIFT16 = _UINT64(16)


def _unit16(half):
    """(h + 0.5) / 2^16 for a 16-bit half h: strictly inside (0, 1), exact."""
    return (half.astype(np.float64) + 0.5) * (1.0 / 65536.0)


def _deviate(a, b):
    """((u(a >> 16) + u(a & 0xffff)) + (u(b >> 16) + u(b & 0xffff)) - 2) * sqrt(3)."""
    return ((_unit16(a >> _SHIFT16) + _unit16(a & _LOW16)) +
            (_unit16(b >> _SHIFT16) + _unit16(b & _LOW16)) - 2.0) * _SQRT3


def deviate_pair(index, runs, seed):
    """The two deviates of draw `index` (docs/scenario.md, "Randomness"): the first
    from words 0 and 1, the second from words 2 and 3; mean 0, variance 1."""
    w0, w1, w2, w3 = philox4x32_10(index, runs, seed)
    return _deviate(w0, w1), _deviate(w2, w3)


def uniform(index, runs, seed):
    """word0 / 2^32, in [0, 1)."""
    return philox4x32_10(index, runs, seed)[0].astype(np.float64) * _TWO_TO_MINUS_32


class Scenario:
    """The part of the scenario format (docs/scenario.md) the benchmark uses.

    Capacity from `initial` and `changes`; a locations file is not supported
    here and is refused rather than ignored.
    """

    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        if "locations" in doc["capacity"]:
            raise ValueError("the reference does not read locations files")
        self.start = datetime.date.fromisoformat(doc["start"])
        self.weeks = weeks = int(doc["weeks"])
        self.initial = [int(doc["initial"][name])
                        for name in ("in_procedure", "status_holders", "other")]
        inflow = self._per_week(doc["inflow_per_week"])
        seasonality = doc.get("inflow_seasonality")
        if seasonality is not None:
            # The factor of the calendar month of each week's first day.
            inflow = [value * float(seasonality[self.date(k).month - 1])
                      for k, value in enumerate(inflow)]
        self.inflow = inflow
        self.housing = self._per_week(doc["housing_per_week"])
        self.decision_rate = float(doc["decision_rate"])
        self.grant_rate = float(doc["grant_rate"])
        self.departure_rate = float(doc["departure_rate"])

        capacity = np.full(weeks + 1, int(doc["capacity"]["initial"]), dtype=np.int64)
        dates = np.array([self.date(k).toordinal() for k in range(weeks + 1)])
        self.openings = []  # (first row, end row, delta) of increases a run may delay
        for change in doc["capacity"].get("changes", []):
            day = datetime.date.fromisoformat(change["date"])
            delta = int(change["delta"])
            capacity[dates >= day.toordinal()] += delta
            first = self._row_of(day)
            if day > self.start and delta > 0 and first <= weeks:
                self.openings.append((first, weeks + 1, delta))
        self.capacity = capacity

        mc = doc.get("monte_carlo")
        self.has_monte_carlo = mc is not None
        mc = mc or {}
        self.inflow_cv = float(mc.get("inflow_cv", 0))
        self.rho = float(mc.get("inflow_autocorrelation", 0))
        self.housing_cv = float(mc.get("housing_cv", 0))
        self.delay_probability = float(mc.get("capacity_delay_probability", 0))
        self.delay_weeks = int(mc.get("capacity_delay_weeks", 0))

    def date(self, row):
        return self.start + datetime.timedelta(days=7 * row)

    def _per_week(self, value):
        if isinstance(value, list):
            if len(value) != self.weeks:
                raise ValueError("a per-week array has the wrong length")
            return [float(v) for v in value]
        return [float(value)] * self.weeks

    def _row_of(self, day):
        """The first row on or after `day`, clamped to 0 .. weeks + 1."""
        diff = (day - self.start).days
        if diff <= 0:
            return 0
        return min((diff + 6) // 7, self.weeks + 1)


def _round_people(x):
    """Round half up, for non-negative values."""
    return np.floor(x + 0.5).astype(np.int64)


def _non_negative(factor):
    return np.where(factor > 0, factor, 0.0)


def run_capacity(s, runs, seed):
    """Capacity per row and run: the scenario's, less the openings each run delays."""
    capacity = np.repeat(s.capacity[:, None], runs.size, axis=1)
    if not s.has_monte_carlo or s.delay_probability <= 0 or s.delay_weeks == 0:
        return capacity
    for j, (first, end, delta) in enumerate(s.openings):
        late = uniform(s.weeks + j, runs, seed) < s.delay_probability
        for k in range(first, min(first + s.delay_weeks, end, s.weeks + 1)):
            row = capacity[k]
            row[late] = np.where(row[late] > delta, row[late] - delta, 0)
    return capacity


def simulate(s, runs, seed):
    """Occupancy and shortage of every row (axis 0) and run (axis 1)."""
    count = runs.size
    capacity = run_capacity(s, runs, seed)
    p = np.full(count, s.initial[0], dtype=np.int64)
    st = np.full(count, s.initial[1], dtype=np.int64)
    o = np.full(count, s.initial[2], dtype=np.int64)
    occupancy = np.empty((s.weeks + 1, count), dtype=np.int32)
    shortage = np.empty((s.weeks + 1, count), dtype=np.int32)
    innovation = np.sqrt(1.0 - s.rho * s.rho)
    z = None
    for k in range(s.weeks + 1):
        occupied = p + st + o
        if occupied.max() > 1_000_000_000:
            raise ValueError(f"occupancy passes 10^9 in week {k}")
        occupancy[k] = occupied
        shortage[k] = np.maximum(occupied - capacity[k], 0)
        if k == s.weeks:
            break
        if s.has_monte_carlo:
            e, housing_deviate = deviate_pair(k, runs, seed)
            z = e if k == 0 else s.rho * z + innovation * e
            inflow_factor = _non_negative(1.0 + s.inflow_cv * z)
            housing_factor = _non_negative(1.0 + s.housing_cv * housing_deviate)
        else:
            inflow_factor = housing_factor = np.ones(count)
        inflow = _round_people(s.inflow[k] * inflow_factor)
        decided = _round_people(s.decision_rate * p)
        granted = _round_people(s.grant_rate * decided)
        housed = np.minimum(_round_people(s.housing[k] * housing_factor), st)
        departed = _round_people(s.departure_rate * o)
        p += inflow - decided
        st += granted - housed
        o += (decided - granted) - departed
    return occupancy, shortage


def monte_carlo(s, runs, seed):
    """Per row: occupancy p05/p50/p95, shortage p05/p50/p95, p_shortage (rows x 7),
    and per run the peak shortage and the first row where it occurs."""
    occupancy, shortage = simulate(s, np.arange(runs, dtype=np.uint64), seed)
    weeks = np.empty((s.weeks + 1, 7))
    weeks[:, 0:3] = np.percentile(occupancy, [5, 50, 95], axis=1, method="linear").T
    weeks[:, 3:6] = np.percentile(shortage, [5, 50, 95], axis=1, method="linear").T
    weeks[:, 6] = np.count_nonzero(shortage > 0, axis=1) / runs
    return weeks, shortage.max(axis=0).astype(np.int64), shortage.argmax(axis=0).astype(np.int32)


def report_pages(frame, out_dir):
    """What a user would write without opvang report: pandas' own HTML of the
    compliance table, one page for the nation and one per municipality (no
    map).  Returns the number of pages written."""
    import os
    os.makedirs(os.path.join(out_dir, "municipalities"), exist_ok=True)
    with open(os.path.join(out_dir, "index.html"), "w", encoding="utf-8") as f:
        f.write(frame.to_html(index=False))
    for _, row in frame.iterrows():
        path = os.path.join(out_dir, "municipalities", row["code"] + ".html")
        with open(path, "w", encoding="utf-8") as f:
            f.write(row.to_frame().to_html())
    return 1 + len(frame)


# ---- apportionment in plain floating point --------------------------------------------------


def fractional_weights(n, seed, bits=19):
    """bench_weights() times (1 + u), u = k / 2^21 in [0, 1/2) from a second splitmix64 stream:
    non-integer weights (a population times 1 + an index), each a multiple of 2^-21."""
    u = (bench_weights(n, seed ^ 0x5DEECE66D, 21) - 1) / 2.0 ** 22
    return bench_weights(n, seed, bits) * (1 + u)


def hamilton_float(weights, total):
    """Hamilton as one would write it in NumPy: q = w * total / sum(w) in doubles, the floors,
    then one more seat for the k largest q - floor(q) (argpartition; ties in no set order).
    Not exact: its sum and roundings are NumPy's, so a near-tie may go the other way."""
    q = weights * total / weights.sum()
    f = np.floor(q)
    seats = f.astype(np.int64)
    left = int(total - seats.sum())
    if left > 0:
        seats[np.argpartition(f - q, left - 1)[:left]] += 1
    return seats
