#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""Writes the cases that the Check suites hold the library to, with the
expected seats from apportion_oracle.py, so that the C tests carry no oracle.

usage: gen_fixtures.py OUTDIR REGISTER.csv

REGISTER.csv is the CBS table the library embeds as its default register
(data/gemeenten_2024.csv).  Every case is drawn with a fixed seed, so the
files are the same on every build.  Format (tests/oracle/fixtures.h reads it),
whitespace-separated:

    case NAME METHOD N K
    w_1 .. w_N                      whole-number weights
    TOTAL TIE s_1 .. s_N            K times: a total, 1 when a tie decided the
                                    last seat (Hamilton; -1: not computed), seats
"""
import csv
import os
import random
import sys

from apportion_oracle import apportion, hamilton_and_tie


def expected(weights, total, method):
    if method == "hamilton":
        return hamilton_and_tie(weights, total)
    return apportion(weights, total, method), None


def write_case(out, name, method, weights, totals):
    out.write(f"case {name} {method} {len(weights)} {len(totals)}\n")
    out.write(" ".join(map(str, weights)) + "\n")
    for total in totals:
        seats, tie = expected(weights, total, method)
        out.write(f"{total} {-1 if tie is None else int(tie)} " + " ".join(map(str, seats)) + "\n")


def small(out):
    """Few units, small totals, a quarter of the weights 0: every method."""
    rng = random.Random(1)
    methods = ["hamilton", "jefferson", "webster", "adams", "huntington-hill"]
    for k in range(3000):
        n = rng.randint(1, 12)
        weights = [0 if rng.random() < 0.25 else rng.randrange(1000) for _ in range(n)]
        positive = sum(w > 0 for w in weights)
        if positive == 0:
            continue
        method = rng.choice(methods)
        total = rng.randrange(60)
        if method in ("adams", "huntington-hill") and total < positive:
            total = positive + rng.randrange(10)  # they give every unit a seat first
        write_case(out, f"small{k}", method, weights, [total])


def large(out):
    """Thousands of units; in odd rounds only 7 distinct weights, so ties everywhere."""
    rng = random.Random(2)
    n = 5000 + rng.randrange(5000)
    for k in range(6):
        weights = [rng.randrange(7) * 1000 if k % 2 else rng.randrange(900000) for _ in range(n)]
        write_case(out, f"large{k}", "hamilton", weights, [rng.randrange(3000000)])


def limits(out):
    """Either side of the line where total * max(w) and the weight sum reach 2^52
    (the library's double route ends there): ties, zeros, weights near the line."""
    rng = random.Random(3)
    n = 1 + rng.randrange(3000)
    for total in (1, 7, 4096, 1000003, 1 << 26, (1 << 40) + 5):
        top = (1 << 52) // total
        shapes = (lambda: 1 + rng.randrange(9),                 # ties everywhere
                  lambda: rng.randrange(3) * 5,                  # zeros and ties
                  lambda: 1 + rng.randrange(top // n + 1),
                  lambda: top - 1 + rng.randrange(3))            # either side of 2^52
        for shape, draw in enumerate(shapes):
            weights = [draw() for _ in range(n)]
            weights[0] = 1  # some weight is positive
            write_case(out, f"limits{total}_{shape}", "hamilton", weights, [total])


def whole(out):
    """Weights 1..n (sum W) and totals j*W - 1, j*W, j*W + 1: every quota whole or
    within 1/W of it; and the same near 2^49, where a quota's estimate errs most."""
    for n in range(1, 41):
        w = n * (n + 1) // 2
        totals = [base + j * w + d for j in range(1, 31) for d in (-1, 0, 1)
                  for base in (0, (1 << 49) // n)]
        write_case(out, f"whole{n}", "hamilton", list(range(1, n + 1)), totals)


def threads(out):
    """Four parts of 2^17 units and some: the seats must not depend on the thread
    count.  The middle case has weights 0..4 only, so ties in every part."""
    rng = random.Random(4)
    n = (4 << 17) + 13
    for k, total in enumerate((1, 1000003, 52428800)):
        weights = [rng.randrange(5) if k == 1 else 1 + rng.randrange(100000) for _ in range(n)]
        weights[-1] = 1
        write_case(out, f"threads{k}", "hamilton", weights, [total])


def sample(out):
    """From 2^15 units the library places the last Hamilton seats with a sample: one
    unit in each block of 32, where a hash of the block says.  Here exactly the
    sampled units have weight 1 and the rest 3, so the sample misleads."""
    n = (2 << 17) + 40  # two parts of 2^17 on two threads
    weights = [3] * n
    for k in range(n // 32):
        weights[32 * k + ((k * 0x9E3779B97F4A7C15) % 2 ** 64 >> 32) % 32] = 1
    write_case(out, "sample", "hamilton", weights, [1000, 77777, 1234567])


def divisor_ties(out):
    """6000 units of weights 1..8: most priorities tie, and the candidates for the
    last seats outnumber what the library keeps at once."""
    rng = random.Random(5)
    weights = [1 + rng.randrange(8) for _ in range(6000)]
    for method in ("jefferson", "webster"):
        write_case(out, f"ties_{method}", method, weights, list(range(1000, 16001, 2999)))


def register(out, path):
    """The default register's populations, in its order, and the key at several totals."""
    with open(path, newline="", encoding="utf-8-sig") as f:
        population = [int(row["inwoners"]) for row in csv.DictReader(f)]
    write_case(out, "register", "hamilton", population, [0, 1, 342, 88000, 96000, 1000000000])


def main(argv):
    if len(argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    outdir, register_csv = argv[1], argv[2]
    files = {
        "apportion_small.txt": small, "apportion_large.txt": large,
        "apportion_limits.txt": limits, "apportion_whole.txt": whole,
        "apportion_threads.txt": threads, "apportion_sample.txt": sample,
        "apportion_divisor_ties.txt": divisor_ties,
        "distribution_register.txt": lambda out: register(out, register_csv),
    }
    for name, write in files.items():
        with open(os.path.join(outdir, name), "w", encoding="ascii", newline="\n") as out:
            out.write("# Generated by tests/oracle/gen_fixtures.py; do not edit.\n")
            write(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
