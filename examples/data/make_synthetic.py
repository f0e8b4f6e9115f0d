#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""Writes the SYNTHETIC example files synthetic_reception_2026.csv and synthetic_tasks.csv,
and the small SYNTHETIC inputs the README's command lines name (synthetic_ses.csv,
synthetic_published.csv, synthetic_balance_2025h1.csv, synthetic_realised_2025h2.csv,
synthetic_balances.csv).

Nothing in them is real except the municipality codes, names and populations
(CBS, 1 January 2024, data/gemeenten_2024.csv).  The tasks are not a decision
of anyone: a made-up split of 96,000 places (8.5% of each for unaccompanied
minors) by population, rounded.  The locations are made up from a seeded
random generator so that the files can be made again byte for byte:

    /usr/bin/python3 examples/data/make_synthetic.py

What they cover on purpose: five municipalities in every province; every
location type; open-ended locations and locations with an end date; places
above the administrative agreement; azc locations agreed for less than five
years; amv locations; locations that close on 1 July 2026 and open later in
2026; municipalities that meet their task, that miss it, and that meet it
overall but miss its AMV part.
"""
import csv
import datetime
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
REGISTER = HERE.parent.parent / "data" / "gemeenten_2024.csv"
TOTAL, AMV_SHARE = 96000, 0.085


def main():
    with open(REGISTER, newline="", encoding="utf-8") as f:
        register = list(csv.DictReader(f))
    people = sum(int(r["inwoners"]) for r in register)
    tasks = {}
    for r in register:
        task = round(TOTAL * int(r["inwoners"]) / people)
        tasks[r["gemeentecode"]] = (r["gemeentenaam"], task, round(task * AMV_SHARE))
    with open(HERE / "synthetic_tasks.csv", "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["code", "name", "task", "task_amv"])
        for code, (name, task, amv) in tasks.items():
            out.writerow([code, name, task, amv])

    rng = random.Random(2026)
    by_province = {}
    for r in register:
        by_province.setdefault(r["provinciecode"], []).append(r)
    rows = []

    def add(code, name, kind, agreed, capacity, opens, closes):
        rows.append([f"S{len(rows) + 1:03d}", code, f"SYNTHETIC {name} {kind}", kind, agreed,
                     capacity, opens, closes])

    for province in sorted(by_province):
        largest = sorted(by_province[province], key=lambda r: -int(r["inwoners"]))[:5]
        for k, r in enumerate(largest):
            code, name = r["gemeentecode"], r["gemeentenaam"]
            _, task, amv = tasks[code]
            # The regular part: one open-ended azc somewhere between 40% and 130% of the task.
            agreed = max(10, round((task - amv) * rng.uniform(0.4, 1.3)))
            above = rng.choice([0, 0, round(agreed * 0.15)])
            add(code, name, "azc", agreed, agreed + above, "2019-06-01", "")
            # AMV places in most, sometimes fewer than the AMV part asks.
            if k != 4:
                amv_agreed = max(5, round(amv * rng.uniform(0.5, 1.4)))
                add(code, name, "amv", amv_agreed, amv_agreed, "2024-09-01", "")
            # A short-lived azc (three years): open, but not durable.
            if k == 1:
                add(code, name, "azc", 120, 120, "2025-03-01", "2028-03-01")
            # A second azc opening in autumn 2026, agreed for ten years.
            if k == 2:
                add(code, name, "azc", 150, 150, "2026-10-01", "2036-10-01")
            # Emergency and other places that never count.
            kind = ["nood", "spoednood", "crisis", "hotel", "doorstroom"][(k + len(rows)) % 5]
            closes = "2026-07-01" if rng.random() < 0.5 else "2027-01-01"
            size = rng.choice([60, 100, 150, 250])
            add(code, name, kind, size, size + rng.choice([0, 0, 40]), "2025-11-01", closes)
    with open(HERE / "synthetic_reception_2026.csv", "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["id", "code", "name", "type", "agreed_capacity", "capacity", "opens", "closes"])
        out.writerows(rows)
    write_readme_inputs(register, tasks)


def write_table(name, header, rows):
    with open(HERE / name, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(header)
        out.writerows(rows)


def write_readme_inputs(register, tasks):
    """The inputs of the README's command lines, all made up from their own seed."""
    rng = random.Random(20)
    codes = [r["gemeentecode"] for r in register]
    # SES-WOA scores: CBS publishes them between about -0.5 and +0.4; these are
    # drawn from that range and mean nothing.
    write_table("synthetic_ses.csv", ["code", "ses"],
                [[code, f"{rng.uniform(-0.45, 0.35):.3f}"] for code in codes])
    # A "published" distribution to audit: the synthetic tasks, which round
    # every municipality on its own, so they differ from the exact key by a
    # place here and there.
    write_table("synthetic_published.csv", ["code", "name", "places", "amv"],
                [[code, name, task, amv] for code, (name, task, amv) in tasks.items()])
    # Closing balances of 2025-H1 (> 0: people not housed yet) and people
    # housed in 2025-H2, for one municipality in six.
    sample = sorted(rng.sample(codes, len(codes) // 6))
    write_table("synthetic_balance_2025h1.csv", ["code", "balance"],
                [[code, rng.randint(-15, 60)] for code in sample])
    write_table("synthetic_realised_2025h2.csv", ["code", "realised"],
                [[code, rng.randint(0, 120)] for code in sample])
    # Four half-years of tasks (a made-up 13,000 a half-year split by
    # population, rounded up) and closing balances for 30 municipalities:
    # some always behind by more than 5% of the task (they climb the
    # interventieladder), some never, some in between.
    people = sum(int(r["inwoners"]) for r in register)
    population = {r["gemeentecode"]: int(r["inwoners"]) for r in register}
    history = []
    for k, code in enumerate(sorted(rng.sample(codes, 30))):
        task = -(-13000 * population[code] // people)
        behind = [True, rng.random() < 0.5, False][k % 3]
        for period in ["2024-H1", "2024-H2", "2025-H1", "2025-H2"]:
            late = behind or rng.random() < 0.3
            balance = (task // 10 + rng.randint(1, task // 4 + 1) if late
                       else -rng.randint(0, task // 10 + 1))
            history.append([code, period, balance, task])
    write_table("synthetic_balances.csv", ["code", "period", "balance", "task"], history)


if __name__ == "__main__":
    main()
