# SPDX-License-Identifier: EUPL-1.2
"""Long calls let go of the interpreter lock: another Python thread keeps running.

A ticker thread notes every 10 ms slot of time in which it ran.  While the
main thread is inside a call that holds the lock, no Python thread can run,
so the ticker notes nothing in the middle half of the call: it can run only
at the edges, when the main thread hands the lock over on its way in or
waits to get it back on its way out (a switch interval of 5 ms, plus however
long the system takes to wake it -- 30 ms seen on a busy machine, far less
than a quarter of these calls).  A call that lets go of the lock leaves the
ticker running throughout.  The tests ask for ticks in at least a fifth of
the slots of the middle half, and a control shows that a call known to hold
the lock (sorting a list) gets none there.
"""
import random
import sys
import threading
import time

import numpy as np
import pytest

import opvang
from opvang import _opvang
from opvang._register import open_register

SLOT = 0.01          # seconds per slot the ticker notes
SWITCH = 0.005       # the interpreter's switch interval during the tests
SHORTEST = 0.3       # a call must last this long for its middle to count


def slots_inside(call):
    """Runs ``call()`` beside the ticker; returns (slots of the middle half of
    the call, slots among them in which the ticker ran, seconds of the call)."""
    ran = set()
    stop = threading.Event()
    ready = threading.Event()

    def ticker():
        ready.set()
        while not stop.is_set():
            ran.add(int(time.monotonic() / SLOT))

    old_switch = sys.getswitchinterval()
    sys.setswitchinterval(SWITCH)
    thread = threading.Thread(target=ticker, daemon=True)
    try:
        thread.start()
        ready.wait()
        entered = time.monotonic()
        call()
        returned = time.monotonic()
    finally:
        stop.set()
        thread.join()
        sys.setswitchinterval(old_switch)
    quarter = (returned - entered) / 4
    inside = set(range(int((entered + quarter) / SLOT) + 1, int((returned - quarter) / SLOT)))
    return len(inside), len(inside & ran), returned - entered


def assert_runs_alongside(work):
    """``work(scale)`` returns a call whose work grows with ``scale``; the
    scale doubles until the call lasts long enough to tell, and the ticker
    must have run in a fifth of the slots of its middle half (a call that
    held the lock would leave it none; a fifth leaves room for a busy machine
    that does not give the ticker a processor all the time)."""
    for scale in (1, 2, 4, 8, 16):
        inside, ticked, seconds = slots_inside(work(scale))
        if seconds >= SHORTEST:
            break
    assert seconds >= SHORTEST, f"the call took {seconds:.3f} s even at scale {scale}"
    assert ticked >= inside / 5, (f"another thread ran in {ticked} of the {inside} slots of "
                                  f"{SLOT * 1000:.0f} ms inside a call of {seconds:.3f} s")


def test_a_call_that_holds_the_lock_stops_the_ticker():
    # list.sort() is C that never lets go of the lock: the control.
    values = [random.random() for _ in range(3_000_000)]
    inside, ticked, seconds = slots_inside(lambda: sorted(values))
    if seconds < SHORTEST:
        pytest.skip(f"sorting took only {seconds:.3f} s here")
    assert ticked == 0, f"the ticker ran in {ticked} of {inside} slots while the lock was held"


def test_apportion():
    # Hamilton with bounds over a million units (the bounded route): half a second here.
    def work(scale):
        weights = np.random.default_rng(20).random(scale * 1_000_000) * 1000.0
        lower = np.zeros(weights.size, dtype=np.int64)

        def call():
            assert opvang.apportion(weights, weights.size, lower=lower).sum() == weights.size
        return call
    assert_runs_alongside(work)


def test_a_sweep_of_the_distribution_key():
    # The library call itself, without the DataFrame built after it.
    register = open_register(None)

    def work(scale):
        totals = np.arange(1, scale * 30_000 + 1, dtype=np.int64) * 100
        places = np.empty(totals.size * register.count, dtype=np.int64)

        def call():
            _opvang.opv_swig_distribute_many(places, np.empty(0, dtype=np.int64),
                                             register.handle, np.empty(0), totals, 0,
                                             _opvang.opv_distribution_options())
            # And it computed: every row adds up to its total.
            assert (places.reshape(totals.size, -1).sum(axis=1) == totals).all()
        return call
    assert_runs_alongside(work)


def test_monte_carlo_runs(source_root):
    scenario = str(source_root / "examples" / "scenarios" / "march_2026.json")
    assert_runs_alongside(lambda scale: lambda: opvang.project(scenario, runs=scale * 300_000,
                                                               seed=1))


def test_threads_merging_into_one_total(source_root):
    # Merging changes the total's arrays, so it keeps the lock: eight threads
    # merging into one total must neither crash nor lose a run.
    scenario = str(source_root / "examples" / "scenarios" / "march_2026.json")
    parts = [opvang.monte_carlo(scenario, runs=1, seed=1, first_run=k + 1) for k in range(800)]
    total = opvang.monte_carlo(scenario, runs=1, seed=1, first_run=0)

    def merge(chunk):
        for part in chunk:
            total.merge(part)
            total.weeks()

    threads = [threading.Thread(target=merge, args=(parts[k::8],)) for k in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert total.runs == 801
