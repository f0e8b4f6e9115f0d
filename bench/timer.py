# SPDX-License-Identifier: EUPL-1.2
"""Timing a Python call the way bench_timing.c times a C call.

A warm-up call tells how long one call takes; fast calls then run in batches
of at least 2 ms so that the clock does not count, and the median repeat is
the figure, which ignores the odd repeat a busy machine slows down.
time.perf_counter is CLOCK_MONOTONIC on Linux, the clock of the C side.
"""

import collections
import time

Timing = collections.namedtuple("Timing", "median min repeats batch")

_MIN_REPEAT_SECONDS = 2e-3


def measure(call, budget=1.0, max_repeats=1001):
    """Seconds per call of ``call()``, spending about ``budget`` seconds (at least 3 repeats)."""
    start = time.perf_counter()
    call()
    first = time.perf_counter() - start
    batch = 1
    if first < _MIN_REPEAT_SECONDS:
        batch = int(_MIN_REPEAT_SECONDS / max(first, 1e-9)) + 1
    repeats = max(3, min(int(budget / (first * batch)), max_repeats)) | 1
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(batch):
            call()
        samples.append((time.perf_counter() - start) / batch)
    samples.sort()
    return Timing(samples[len(samples) // 2], samples[0], repeats, batch)
