#!/usr/bin/python3
# SPDX-License-Identifier: EUPL-1.2
"""Benchmarks of opvang against NumPy references, measured in one run.

    /usr/bin/python3 bench/run.py BUILDDIR [--budget SECONDS]

BUILDDIR is a meson build directory (best --buildtype=release) holding
bench/opvang-bench and the Python package.  For every case the harness times
opvang (the C API through opvang-bench, and the Python package) and a NumPy
reference of the same computation (bench/reference.py), checks that all of
them give identical results, and prints a table: case, size, opvang time
(median of repeats), reference time, ratio reference / opvang.  It exits with
status 1 when any result differs.  Nothing here asserts a time.
"""

import argparse
import csv
import json
import os
import platform
import subprocess
import sys
import tempfile
import tracemalloc

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(SOURCE_ROOT, "tests", "oracle"))
sys.dont_write_bytecode = True  # no __pycache__ in the source tree

import apportion_oracle as oracle  # noqa: E402
import reference  # noqa: E402
from timer import Timing, measure  # noqa: E402

SIZES = (342, 10_000, 1_000_000)
SEATS_PER_UNIT = 100         # as bench_c.c
TIES = (10_000, 1, 4, 12_345)  # units, seed, bits, total: bench_c.c's TIES_*
DISTRIBUTE_TOTAL, DISTRIBUTE_AMV = 96_000, 8_140
HOUSING_NATIONAL, HOUSING_PERIOD = 13_000, "2025-H2"
SWEEP_TOTALS = 10_000 + 17 * np.arange(10_000, dtype=np.int64)
MONTE_CARLO_RUNS, MONTE_CARLO_SEED = 100_000, 20260330
SCENARIO = os.path.join(HERE, "scenario_52w.json")
METHODS = (("hamilton", reference.hamilton), ("jefferson", reference.dhondt))


# ---- bookkeeping ------------------------------------------------------------------------


class Report:
    """The rows of the table, the memory figures and the equality checks."""

    def __init__(self):
        self.rows = []
        self.memory = []
        self.checks = []

    def row(self, case, size, opvang=None, reference=None, note=""):
        self.rows.append((case, size, opvang, reference, note))

    def check(self, what, expected, *actual, floats=False):
        """Records whether every array in ``actual`` equals ``expected`` exactly (bit for bit
        with ``floats``), and how they differ when they do not."""
        expected = np.asarray(expected)
        problems = []
        for label, value in actual:
            value = np.asarray(value)
            if value.shape != expected.shape:
                problems.append(f"{label}: shape {value.shape}, expected {expected.shape}")
                continue
            same = (value.view(np.uint64) == expected.view(np.uint64) if floats
                    else value == expected)
            if not same.all():
                where = np.argwhere(~same)
                first = tuple(int(i) for i in where[0])
                problems.append(f"{label}: {len(where)} of {same.size} differ, first at "
                                f"{first}: {value[first]!r} instead of {expected[first]!r}; "
                                f"largest difference {np.max(np.abs(value - expected))!r}")
        self.checks.append((what, not problems, problems))


def seconds(t):
    if t is None:
        return "n/a"
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6)):
        if t >= scale:
            return f"{t / scale:.3g} {unit}"
    return f"{t * 1e9:.3g} ns"


def size_text(n):
    exponent = len(str(n)) - 1
    return f"10^{exponent}" if n == 10 ** exponent and n >= 10_000 else f"{n:,}"


def print_report(report):
    header = ("case", "size", "opvang", "reference", "ref/opvang", "of minima", "note")
    lines = []
    for case, size, opvang, ref, note in report.rows:
        both = opvang is not None and ref is not None
        lines.append((case, size, seconds(opvang and opvang.median),
                      seconds(ref.median) if ref is not None else "",
                      f"{ref.median / opvang.median:.2f}" if both else "",
                      f"{ref.min / opvang.min:.2f}" if both else "", note))
    columns = len(header) - 1
    widths = [max(len(header[i]), *(len(line[i]) for line in lines)) for i in range(columns)]
    aligned = [str.ljust, str.ljust] + [str.rjust] * (columns - 2)

    def show(line):
        print("  ".join(aligned[i](line[i], widths[i]) for i in range(columns)) + "  " + line[-1])

    print("\ntimes are medians of repeats, per call; ratios > 1: opvang is faster; "
          "\"of minima\": the ratio of the fastest repeats")
    show(header)
    show(["-" * w for w in widths] + ["----"])
    for line in lines:
        show(line)

    print("\nmemory of opvang-bench --memory, one call per case (resident set, MiB; "
          "before: inputs and outputs in place):")
    print(f"  {'case':<44} {'before':>8} {'peak':>8} {'peak - before':>14}")
    for case, before, peak, per_case in report.memory:
        note = "" if per_case else "  (peak: ru_maxrss of the whole process)"
        print(f"  {case:<44} {before / 1024:8.1f} {peak / 1024:8.1f} "
              f"{(peak - before) / 1024:14.1f}{note}")

    print("\nidentical results:")
    for what, ok, problems in report.checks:
        print(f"  {'ok      ' if ok else 'MISMATCH'}  {what}")
        for problem in problems:
            print(f"            {problem}")
    failed = sum(not ok for _, ok, _ in report.checks)
    print(f"\n{len(report.checks) - failed} checks identical, {failed} mismatched")
    return failed


# ---- the C side ---------------------------------------------------------------------------


def run_c(program, *options):
    """Runs opvang-bench; returns its JSON lines keyed by (case, variant, size)."""
    command = [program, "--scenario", SCENARIO, *options]
    print("running", " ".join(command), flush=True)
    completed = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=False)
    if completed.returncode != 0:
        sys.exit(f"opvang-bench failed with status {completed.returncode}")
    results = {}
    for line in completed.stdout.splitlines():
        record = json.loads(line)
        if "median_s" in record:
            record["timing"] = Timing(record["median_s"], record["min_s"], record["repeats"],
                                      record["batch"])
        results[(record["case"], record.get("variant"), record.get("size"))] = record
    return results


def load(dump_dir, name, dtype, shape=None):
    array = np.fromfile(os.path.join(dump_dir, name), dtype=dtype)
    return array.reshape(shape) if shape else array


def memory_rows(report, memory):
    for (case, variant, size), record in memory.items():
        if case != "info":
            report.memory.append((f"{case} {variant}, {size:,}", record["rss_before_kib"],
                                  record["peak_rss_kib"], record["peak_is_per_case"]))


def traced_peak(call):
    """Peak bytes NumPy allocates during ``call()`` (tracemalloc traces its buffers)."""
    tracemalloc.start()
    call()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


# ---- the references against the exact oracle -------------------------------------------------


def check_references(report, population):
    """The vectorised references against tests/oracle/apportion_oracle.py, the exact
    textbook rules the tests use, on cases small enough for its plain Python."""
    cases = (("342 weights of 1..2^19", reference.bench_weights(342, 342), 34_200),
             ("1,000 weights of 1..16 (ties)", reference.bench_weights(1000, 1, 4), 1_234))
    for label, weights, total in cases:
        whole = weights.astype(np.int64).tolist()
        report.check(f"reference.hamilton = oracle, {label}", oracle.hamilton(whole, total),
                     ("reference", reference.hamilton(weights, total)))
        report.check(f"reference.dhondt = oracle, {label}",
                     oracle.divisor(whole, total, "jefferson"),
                     ("reference", reference.dhondt(weights, total)))
    people = population.tolist()
    places = oracle.hamilton(people, DISTRIBUTE_TOTAL)
    _, _, ref_places, ref_amv, _ = reference.distribution_key(population, DISTRIBUTE_TOTAL,
                                                             DISTRIBUTE_AMV)
    report.check("reference.distribution_key places = oracle", places, ("reference", ref_places))
    report.check("reference.distribution_key AMV = oracle",
                 [oracle.amv_share(p, DISTRIBUTE_AMV, DISTRIBUTE_TOTAL) for p in places],
                 ("reference", ref_amv))
    totals = SWEEP_TOTALS[:3].tolist() + [0, 1]
    report.check("reference.distribution_sweep = oracle, 5 totals",
                 [oracle.hamilton(people, t) for t in totals],
                 ("reference", reference.distribution_sweep(population, totals)))


# ---- case 1: apportionment ------------------------------------------------------------------


def bench_apportion(report, c, dump_dir, opvang, budget):
    for n in SIZES:
        total = SEATS_PER_UNIT * n
        weights = reference.bench_weights(n, n)
        report.check(f"weights, n = {size_text(n)}: NumPy regenerates bench_data.c's",
                     load(dump_dir, f"weights_{n}.f64", np.float64), ("C", weights), floats=True)
        for method, ref in METHODS:
            expected = ref(weights, total)
            ref_time = measure(lambda: ref(weights, total), budget)
            c_record = c[("apportion", method, n)]
            python_time = measure(lambda: opvang.apportion(weights, total, method), budget)
            report.check(f"{method} seats, n = {size_text(n)}, total {total:,}", expected,
                         ("C", load(dump_dir, f"seats_{method}_{n}.i64", np.int64)),
                         ("Python", opvang.apportion(weights, total, method)))
            note = ""
            if n == SIZES[-1]:
                smaller = c[("apportion", method, SIZES[-2])]["median_s"]
                note = f"10^4 -> 10^6: x{c_record['median_s'] / smaller:.0f} (n x100)"
                mib = traced_peak(lambda: ref(weights, total)) / 2 ** 20
                note += f"; NumPy ref allocates {mib:.0f} MiB at peak"
            report.row(f"apportion {method}, C API", size_text(n), c_record["timing"], ref_time,
                       note)
            report.row(f"apportion {method}, Python", size_text(n), python_time, ref_time)
    largest = SIZES[-1]
    total = SEATS_PER_UNIT * largest
    weights = reference.bench_weights(largest, largest)
    two = c[("apportion", "hamilton, 2 threads", largest)]
    report.check(f"hamilton seats on 2 threads, n = {size_text(largest)}",
                 reference.hamilton(weights, total),
                 ("C", load(dump_dir, "seats_hamilton_2_threads.i64", np.int64)))
    one = c[("apportion", "hamilton", largest)]
    report.row("apportion hamilton, C API, 2 threads", size_text(largest), two["timing"],
               measure(lambda: reference.hamilton(weights, total), budget),
               f"1 -> 2 threads: x{one['median_s'] / two['median_s']:.2f}")
    memory_pass = c[("memory-pass", "read f64, write i64", largest)]
    report.row("memory pass (read f64, write i64), C", size_text(largest),
               memory_pass["timing"], None, "read the weights, write the seats")
    report.check(f"weights, non-integer, n = {size_text(largest)}: NumPy regenerates bench_c.c's",
                 reference.fractional_weights(largest, largest),
                 ("C", load(dump_dir, "weights_fractional.f64", np.float64)), floats=True)
    for kind in ("whole weights", "non-integer weights", "log-normal weights",
                 "weights from 2^-300 to 2^300", "whole weights 1 to 16"):
        paired = c[("paired", f"apportion / memory pass, {kind}", largest)]
        for method, record in paired["methods"].items():
            one, two = record["ratio"]
            report.row(f"{method} / memory pass, {kind}, C", size_text(largest),
                       note=f"in turns x{paired['rounds']}, median ratio: 1 thread x{one:.2f}, "
                            f"2 threads x{two:.2f}")

    bench_fractional(report, c, opvang, budget)

    n, seed, bits, total = TIES
    weights = reference.bench_weights(n, seed, bits)
    report.check(f"tie weights ({n:,} weights of 1..{2 ** bits})",
                 load(dump_dir, "weights_ties.f64", np.float64), ("C", weights), floats=True)
    for method, ref in METHODS:
        report.check(f"{method} seats with ties (lower index wins), total {total:,}",
                     ref(weights, total),
                     ("C", load(dump_dir, f"seats_{method}_ties.i64", np.int64)),
                     ("Python", opvang.apportion(weights, total, method)))


def bench_fractional(report, c, opvang, budget):
    """Non-integer weights (whole x (1 + u)) through Python against the plain NumPy float
    reference.  Hamilton's seats are checked against the exact reference on the weights scaled
    by 2^22, which makes them whole (below 2^42); opvang's double quotas may still differ from
    the exact ones on a near-tie, which the check would report.  The divisor methods are timed
    only: NumPy has no plain float divisor method to hold them to (the tests hold them to the
    library's reference)."""
    memory_pass = c[("memory-pass", "read f64, write i64", SIZES[-1])]["median_s"]
    for n in (342, SIZES[-1]):
        total = SEATS_PER_UNIT * n
        weights = reference.fractional_weights(n, n)
        ref_time = measure(lambda: reference.hamilton_float(weights, total), budget)
        if total * 2.0 ** 42 < 2.0 ** 63:
            report.check(f"hamilton seats, non-integer weights, n = {size_text(n)}",
                         reference.hamilton(weights * 2.0 ** 22, total),
                         ("Python", opvang.apportion(weights, total)))
        for method in ("hamilton", "jefferson", "webster", "adams", "huntington-hill"):
            for threads in ((1, 2) if n == SIZES[-1] else (1,)):
                t = measure(lambda: opvang.apportion(weights, total, method, threads=threads),
                            budget)
                note = (f"/ memory pass x{t.median / memory_pass:.1f}" if n == SIZES[-1]
                        else "")
                report.row(f"apportion {method}, non-integer, Python, {threads} thr",
                           size_text(n), t, ref_time if method == "hamilton" else None, note)


# ---- cases 2 and 3: distribution key and housing task ------------------------------------------


def register_population(opvang):
    """Populations in the embedded register's order, read from data/gemeenten_2024.csv."""
    with open(os.path.join(SOURCE_ROOT, "data", "gemeenten_2024.csv"), encoding="utf-8") as f:
        by_code = {row["gemeentecode"]: int(row["inwoners"]) for row in csv.DictReader(f)}
    codes = opvang.municipalities()["code"]
    return np.array([by_code[code] for code in codes], dtype=np.int64)


def bench_distribute(report, c, dump_dir, opvang, population, budget):
    from opvang._distribution import _Distribution

    expected = reference.distribution_key(population, DISTRIBUTE_TOTAL, DISTRIBUTE_AMV)
    ref_time = measure(
        lambda: reference.distribution_key(population, DISTRIBUTE_TOTAL, DISTRIBUTE_AMV),
        budget)

    def core():
        return _Distribution(DISTRIBUTE_TOTAL, DISTRIBUTE_AMV, None, "auto", "hamilton", "round",
                             None, False)

    def full():
        return opvang.distribute(DISTRIBUTE_TOTAL, amv=DISTRIBUTE_AMV)

    core_time = measure(core, budget)
    full_time = measure(full, budget)
    n = population.size
    report.row("distribute 96000/8140, C API", f"{n}",
               c[("distribute", "96000/8140", n)]["timing"], ref_time)
    report.row("distribute, Python arrays (_Distribution)", f"{n}", core_time, ref_time,
               "register, options, NumPy arrays, library call")
    report.row("distribute, Python DataFrame", f"{n}", full_time, ref_time,
               f"DataFrame construction ~{seconds(full_time.median - core_time.median)}")

    arrays, frame = core(), full()
    names = ("weight", "quota", "places", "amv", "regular")
    for name, value in zip(names, expected):
        floats = name in ("weight", "quota")
        dumped = (load(dump_dir, f"distribute_{name}.f64", np.float64) if floats
                  else load(dump_dir, f"distribute_{name}.i64", np.int64))
        report.check(f"distribute {name}", value, ("C", dumped),
                     ("Python arrays", getattr(arrays, name)),
                     ("Python DataFrame", frame[name].to_numpy()), floats=floats)


def bench_housing(report, c, dump_dir, opvang, population, budget):
    from opvang import _opvang
    from opvang._register import open_register

    expected = reference.housing_task(population, HOUSING_NATIONAL)
    ref_time = measure(lambda: reference.housing_task(population, HOUSING_NATIONAL), budget)
    register = open_register(None)
    n = register.count

    def arrays():
        # What housing_task() does before it builds the DataFrame.
        columns = [np.empty(n, dtype=np.int64) for _ in range(4)]
        options = _opvang.opv_housing_options()
        options.national = HOUSING_NATIONAL
        options.set_period(HOUSING_PERIOD)
        _opvang.opv_swig_housing_task(*columns, np.zeros(n, dtype=np.int64),
                                      np.zeros(n, dtype=np.int64), _opvang.opv_housing_summary(),
                                      register.handle, options, "", "", "", "", "", "")
        return columns[0]

    def full():
        return opvang.housing_task(HOUSING_NATIONAL, HOUSING_PERIOD)

    arrays_time = measure(arrays, budget)
    full_time = measure(full, budget)
    report.row("housing task 13000 2025-H2, C API", f"{n}",
               c[("housing-task", "13000, 2025-H2", n)]["timing"], ref_time)
    report.row("housing task, Python arrays (SWIG call)", f"{n}", arrays_time, ref_time,
               "NumPy arrays and the library call")
    report.row("housing task, Python DataFrame", f"{n}", full_time, ref_time,
               f"DataFrame construction ~{seconds(full_time.median - arrays_time.median)}")
    report.check("housing task", expected,
                 ("C", load(dump_dir, "housing_task.i64", np.int64)),
                 ("C corrected (no swaps, no carry)",
                  load(dump_dir, "housing_corrected.i64", np.int64)),
                 ("Python arrays", arrays()), ("Python DataFrame", full()["task"].to_numpy()))


# ---- case 4: a sweep over totals ----------------------------------------------------------


def bench_sweep(report, c, dump_dir, opvang, population, budget):
    from opvang._distribution import _Distribution

    totals = SWEEP_TOTALS
    n = population.size
    expected = reference.distribution_sweep(population, totals)
    ref_time = measure(lambda: reference.distribution_sweep(population, totals), budget)
    ref_loop_time = measure(lambda: [reference.hamilton(population, t) for t in totals],
                            budget)

    full_places = np.empty((totals.size, n), dtype=np.int64)
    core_places = np.empty((totals.size, n), dtype=np.int64)

    def full_loop():
        for k, total in enumerate(totals):
            full_places[k] = opvang.distribute(int(total))["places"].to_numpy()

    def core_loop():
        for k, total in enumerate(totals):
            core_places[k] = _Distribution(int(total), 0, None, "auto", "hamilton", "round", None,
                                           False).places

    batch_places = opvang.distribute_many(totals)
    full_time = measure(full_loop, budget)
    core_time = measure(core_loop, budget)
    batch_time = measure(lambda: opvang.distribute_many(totals), budget)
    size = f"{totals.size:,} x {n}"
    report.row("sweep, C loop over opv_distribute", size,
               c[("distribute-sweep", "C loop", totals.size)]["timing"], ref_time,
               "reference: NumPy, all totals at once")
    report.row("sweep, Python loop of distribute()", size, full_time, ref_time,
               f"{seconds(full_time.median / totals.size)} per total")
    report.row("sweep, Python loop of _Distribution", size, core_time, ref_time,
               f"{seconds(core_time.median / totals.size)} per total")
    report.row("sweep, Python opvang.distribute_many", size, batch_time, ref_time,
               "one call: the weights once, opv_distribute_many")
    report.row("sweep, NumPy reference per total (loop)", size, None, ref_loop_time,
               "for scale: the single-call reference in a Python loop")
    report.check(f"sweep places ({totals.size:,} totals, {totals[0]:,}..{totals[-1]:,})",
                 expected,
                 ("C loop", load(dump_dir, "sweep_places.i64", np.int64, (totals.size, n))),
                 ("Python distribute_many", batch_places),
                 ("Python distribute() loop", full_places),
                 ("Python _Distribution loop", core_places),
                 ("NumPy loop", np.array([reference.hamilton(population, t) for t in totals])))


# ---- case 5: the projection Monte Carlo ---------------------------------------------------------


def bench_monte_carlo(report, c, dump_dir, budget):
    scenario = reference.Scenario(SCENARIO)
    runs, seed = MONTE_CARLO_RUNS, MONTE_CARLO_SEED
    weeks, peak, peak_week = reference.monte_carlo(scenario, runs, seed)
    ref_time = measure(lambda: reference.monte_carlo(scenario, runs, seed), 3 * budget)
    ref_mib = traced_peak(lambda: reference.monte_carlo(scenario, runs, seed)) / 2 ** 20
    one = c[("monte-carlo", "1 thread", runs)]
    two = c[("monte-carlo", "2 threads", runs)]
    size = f"{runs:,} x {scenario.weeks} wk"
    report.row("Monte Carlo, C API, 1 thread", size, one["timing"], ref_time,
               f"NumPy ref allocates {ref_mib:.0f} MiB at peak")
    report.row("Monte Carlo, C API, 2 threads", size, two["timing"], ref_time,
               f"1 -> 2 threads: x{one['median_s'] / two['median_s']:.2f}")
    for threads in (1, 2):
        report.check(f"Monte Carlo percentiles and p_shortage, {threads} thread(s), bit for bit",
                     weeks, ("C", load(dump_dir, f"mc_weeks_t{threads}.f64", np.float64,
                                       (scenario.weeks + 1, 7))), floats=True)
        report.check(f"Monte Carlo peak shortage and its week per run, {threads} thread(s)",
                     np.concatenate([peak, peak_week]),
                     ("C", np.concatenate([load(dump_dir, f"mc_peak_t{threads}.i64", np.int64),
                                           load(dump_dir, f"mc_peak_week_t{threads}.i32",
                                                np.int32)])))


def bench_monte_carlo_scale(report, program, dump_dir):
    """10^7 runs x 52 weeks, counted: runs per second and peak memory on 1 and 2 threads, and
    the two halves of the runs merged against the whole.  (At 10^5 runs, case 5 checks the
    counted percentiles bit for bit against NumPy's over every value kept.)"""
    c = run_c(program, "--only", "monte-carlo-scale", "--dump", dump_dir)
    runs = 10_000_000
    for threads, variant in ((1, "1 thread"), (2, "2 threads")):
        record = c[("monte-carlo-scale", variant, runs)]
        report.row(f"Monte Carlo counted, {variant}", f"{runs:,} x {record['weeks']} wk",
                   None, None,
                   f"{record['seconds']:.1f} s, {record['runs_per_second']:,.0f} runs/s, "
                   f"peak {record['peak_rss_kib'] / 1024:.0f} MiB resident")
    merged = c[("monte-carlo-merge", "halves merged", runs)]
    report.checks.append(("Monte Carlo: runs 0..5e6-1 and 5e6..1e7-1 merged equal one run of "
                          "10^7, bit for bit", merged["identical"],
                          [] if merged["identical"] else ["the merged counts differ"]))


# ---- main ------------------------------------------------------------------------------------


# ---- case 6: the HTML report ----------------------------------------------------------------


def bench_report(report, opvang, budget):
    locations = os.path.join(SOURCE_ROOT, "examples", "data", "synthetic_reception_2026.csv")
    tasks = os.path.join(SOURCE_ROOT, "examples", "data", "synthetic_tasks.csv")
    with tempfile.TemporaryDirectory(prefix="opvang-report-") as work:
        site = os.path.join(work, "site")
        table = opvang.places(locations, "2026-07-01", tasks=tasks)

        def opvang_site():
            opvang.report(site, locations, "2026-07-01", tasks=tasks)

        def pandas_pages():
            return reference.report_pages(table, os.path.join(work, "plain"))

        site_time = measure(opvang_site, budget)
        plain_time = measure(pandas_pages, budget)
        pages = 1 + len(os.listdir(os.path.join(site, "provinces"))) + \
            len(os.listdir(os.path.join(site, "municipalities")))
        report.row("report: HTML site with maps (Python call)", f"{pages} pages", site_time,
                   plain_time, "reference: pandas to_html of the table, no maps")
        report.check("report pages per municipality", np.array([len(table)]),
                     ("opvang", np.array([len(os.listdir(os.path.join(site, "municipalities")))])),
                     ("pandas", np.array([pandas_pages() - 1])))


CSV_ROWS, CSV_SEED, CSV_BITS = 1_000_000, 20, 19  # bench_csv.c's N, WEIGHT_SEED, WEIGHT_BITS


def bench_csv(report, builddir, budget):
    """10^6 apportioned rows as CSV: the library's table writer (opvang-bench-csv) against
    pandas' DataFrame.to_csv of the same rows, built here from the same weights, and the two
    files compared byte for byte."""
    import pandas

    program = os.path.join(builddir, "bench", "opvang-bench-csv")
    weights = reference.bench_weights(CSV_ROWS, CSV_SEED, CSV_BITS)
    total = 100 * CSV_ROWS
    frame = pandas.DataFrame({
        "name": [f"U{i:07d}" for i in range(1, CSV_ROWS + 1)],
        "weight": weights.astype(np.int64),
        "quota": np.float64(total) * weights / weights.sum(),
        "seats": reference.hamilton(weights, total),
    })
    with tempfile.TemporaryDirectory(prefix="opvang-csv-") as work:
        ours, theirs = os.path.join(work, "opvang.csv"), os.path.join(work, "pandas.csv")
        print("running", program, flush=True)
        completed = subprocess.run([program, str(CSV_ROWS), ours, str(budget)],
                                   stdout=subprocess.PIPE, text=True, check=False)
        if completed.returncode != 0:
            sys.exit(f"opvang-bench-csv failed with status {completed.returncode}")
        record = json.loads(completed.stdout)
        pandas_time = measure(lambda: frame.to_csv(theirs, index=False), budget)
        with open(ours, "rb") as a, open(theirs, "rb") as b:
            same = a.read() == b.read()
    write = Timing(record["write_median"], record["write_min"], record["repeats"], 1)
    fill_and_write = Timing(record["fill_median"] + record["write_median"],
                            record["fill_min"] + record["write_min"], record["repeats"], 1)
    size = size_text(CSV_ROWS)
    report.row("CSV of apportioned rows, C API: write", size, write, pandas_time,
               "reference: pandas to_csv of the same DataFrame")
    report.row("CSV of apportioned rows, C API: fill + write", size, fill_and_write, pandas_time,
               "fill: the table made cell by cell")
    report.check("CSV of 10^6 apportioned rows: opvang's file is pandas' byte for byte",
                 np.array([1]), ("opvang vs pandas", np.array([int(same)])))


def load_average():
    """Other work on the machine slows every figure, and two threads most of all."""
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def describe_machine(opvang, pandas):
    cpu = "?"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f
                       if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    print(f"opvang {opvang.__version__}; Python {platform.python_version()}; "
          f"NumPy {np.__version__}; pandas {pandas.__version__}")
    print(f"{cpu}, {os.cpu_count()} CPUs online; {load_average()}")
    print(f"OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '(unset)')} "
          "(BLAS only; no reference here calls BLAS)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("builddir", help="meson build directory with bench/opvang-bench")
    parser.add_argument("--budget", type=float, default=1.0,
                        help="seconds per timed case, roughly (at least 3 repeats each)")
    args = parser.parse_args()

    builddir = os.path.abspath(args.builddir)
    program = os.path.join(builddir, "bench", "opvang-bench")
    if not os.access(program, os.X_OK):
        sys.exit(f"{program} is missing: build it with ninja -C {args.builddir}")
    sys.path.insert(0, os.path.join(builddir, "bindings", "python"))
    import opvang
    import pandas

    describe_machine(opvang, pandas)
    report = Report()
    with tempfile.TemporaryDirectory(prefix="opvang-bench-") as dump_dir:
        # The C program runs first, before the references load the machine.
        c = run_c(program, "--dump", dump_dir, "--budget", str(args.budget))
        memory_rows(report, run_c(program, "--memory"))
        population = register_population(opvang)
        report.check("register populations: data/gemeenten_2024.csv as opvang reads them",
                     population, ("Python", opvang.municipalities()["population"].to_numpy()))
        steps = (
            ("references against the oracle", lambda: check_references(report, population)),
            ("apportionment", lambda: bench_apportion(report, c, dump_dir, opvang, args.budget)),
            ("distribution key", lambda: bench_distribute(report, c, dump_dir, opvang, population,
                                                          args.budget)),
            ("housing task", lambda: bench_housing(report, c, dump_dir, opvang, population,
                                                   args.budget)),
            ("sweep", lambda: bench_sweep(report, c, dump_dir, opvang, population, args.budget)),
            ("Monte Carlo", lambda: bench_monte_carlo(report, c, dump_dir, args.budget)),
            ("Monte Carlo at scale", lambda: bench_monte_carlo_scale(report, program, dump_dir)),
            ("report", lambda: bench_report(report, opvang, args.budget)),
            ("CSV writing", lambda: bench_csv(report, builddir, args.budget)),
        )
        for name, step in steps:
            print(f"measuring {name} ...", flush=True)
            step()
    failed = print_report(report)
    print(f"{load_average()} at the end")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
