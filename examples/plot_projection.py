#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""Reception occupancy against capacity over time, with the shortage shaded.

usage: plot_projection.py SCENARIO OUTPUT.png [--runs N] [--seed S]

Projects the scenario (a JSON file, docs/scenario.md) week by week and draws
occupancy and capacity: the gap where occupancy is above capacity is the
shortage of places.  With more than one run the band shows where 90% of the
Monte Carlo runs put occupancy (5th to 95th percentile).  For example:

    plot_projection.py examples/scenarios/march_2026.json march_2026.png --runs 2000
"""
import argparse
import os
import sys

import numpy as np
import pandas as pd

import matplotlib

matplotlib.use("Agg")  # files only, no display
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
from matplotlib.ticker import FuncFormatter

import opvang

OCCUPANCY = "#2b6cb0"
BAND = "#90cdf4"
CAPACITY = "#1a202c"
SHORTAGE = "#e53e3e"
SHORTAGE_TEXT = "#9b2c2c"
NOTE = "#555555"


def thousands(value, _position=None):
    return f"{value:,.0f}"


def day_month(date):
    return f"{date.day} {date:%b}"  # "6 Jul": no zero padding, on any platform


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("scenario", help="scenario JSON file (docs/scenario.md)")
    parser.add_argument("output", help="the PNG file to write")
    parser.add_argument("--runs", type=int, default=1000,
                        help="Monte Carlo runs for the band (default 1000; 1: no band)")
    parser.add_argument("--seed", type=int, default=2026, help="seed of the runs (default 2026)")
    return parser.parse_args(argv)


def daily(frame):
    """Occupancy and capacity for every day, for the shading.

    Occupancy moves in a straight line from one week's count to the next,
    capacity holds for the whole week, as the lines are drawn; shading
    between weekly points alone would cut the corner of every capacity step.
    """
    weeks = len(frame) - 1
    days = np.arange(7 * weeks + 1)
    dates = frame["date"].iloc[0] + pd.to_timedelta(days, unit="D")
    occupancy = np.interp(days, 7 * np.arange(weeks + 1), frame["occupancy"])
    capacity = frame["capacity"].to_numpy()[days // 7]
    return dates, occupancy, capacity


def mark_shortage(ax, frame, row, side):
    """A two-headed arrow across the gap of one row, labelled beside it."""
    date, occupancy, capacity = frame.loc[row, ["date", "occupancy", "capacity"]]
    nudge = pd.Timedelta(days=2 if side == "right" else -2)
    ax.annotate("", xy=(date + nudge, occupancy), xytext=(date + nudge, capacity),
                arrowprops=dict(arrowstyle="<->", color=SHORTAGE_TEXT, linewidth=1.1,
                                shrinkA=0, shrinkB=0))
    ax.annotate(f"{occupancy - capacity:,.0f} short\n{day_month(date)}",
                xy=(date + 2 * nudge, (occupancy + capacity) / 2),
                ha="left" if side == "right" else "right", va="center", fontsize=9.5,
                color=SHORTAGE_TEXT, fontweight="bold")


def draw(frame, runs, seed, scenario_name):
    dates = frame["date"]
    fig, ax = plt.subplots(figsize=(10, 5.8))

    monte_carlo = runs > 1
    if monte_carlo:
        ax.fill_between(dates, frame["occupancy_p05"], frame["occupancy_p95"], color=BAND,
                        alpha=0.35, linewidth=0, label=f"occupancy, 5-95% of {runs:,} runs")
        for column in ("occupancy_p05", "occupancy_p95"):
            ax.plot(dates, frame[column], color=BAND, linewidth=0.9)
    day, occupancy, capacity = daily(frame)
    ax.fill_between(day, capacity, occupancy, where=occupancy > capacity, step="post",
                    color=SHORTAGE, alpha=0.18, linewidth=0, label="shortage of places")
    ax.plot(dates, frame["occupancy"], color=OCCUPANCY, linewidth=2.2,
            label="occupancy (without noise)")
    ax.plot(day, capacity, drawstyle="steps-post", color=CAPACITY, linewidth=1.6,
            label="capacity")

    first, last = 0, len(frame) - 1
    if frame.loc[first, "occupancy"] > frame.loc[first, "capacity"]:
        mark_shortage(ax, frame, first, "right")
    if frame.loc[last, "occupancy"] > frame.loc[last, "capacity"]:
        mark_shortage(ax, frame, last, "left")

    lows = [frame["capacity"].min(), frame["occupancy"].min()]
    highs = [frame["capacity"].max(), frame["occupancy"].max()]
    if monte_carlo:
        lows.append(frame["occupancy_p05"].min())
        highs.append(frame["occupancy_p95"].max())
    margin = (max(highs) - min(lows)) * 0.08
    ax.set_ylim(min(lows) - margin, max(highs) + 2.5 * margin)
    ax.set_xlim(dates.iloc[0], dates.iloc[-1])
    ax.yaxis.set_major_formatter(FuncFormatter(thousands))
    ax.xaxis.set_major_locator(mdates.MonthLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    ax.grid(axis="y", color="#e2e8f0", linewidth=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)

    ax.set_ylabel("people in reception / reception places")
    ax.set_xlabel("week starting")
    start, end = dates.iloc[0], dates.iloc[-1]
    ax.set_title(f"Asylum reception: occupancy against capacity, "
                 f"{day_month(start)} to {day_month(end)} {end:%Y}",
                 loc="left", fontsize=13, fontweight="bold")
    ax.legend(loc="upper left", fontsize=9, frameon=False, ncol=2)

    if frame.attrs["peak_date"] is None:
        summary = "No shortage in any week without noise"
    else:
        summary = (f"Peak shortage {frame.attrs['peak_shortage']:,} places in the week of "
                   f"{day_month(frame.attrs['peak_date'])}")
    if monte_carlo:
        summary += (f"; over the runs the peak has median {frame.attrs['peak_shortage_p50']:,.0f}"
                    f" and 95th percentile {frame.attrs['peak_shortage_p95']:,.0f}")
    fig.text(0.01, 0.045, summary + ".", fontsize=8.5, color=CAPACITY)
    fig.text(0.01, 0.015,
             f"Scenario {scenario_name}: illustrative assumptions, not a forecast or official "
             f"figures. Computed with opvang {opvang.__version__}"
             + (f", {runs:,} Monte Carlo runs, seed {seed}." if monte_carlo else "."),
             fontsize=7.5, color=NOTE)
    fig.tight_layout(rect=(0, 0.06, 1, 1))
    return fig


def main(argv=None):
    args = parse_args(argv)
    try:
        frame = opvang.project(args.scenario, runs=args.runs, seed=args.seed,
                               threads=min(os.cpu_count() or 1, 8))
    except opvang.Error as error:
        sys.exit(f"plot_projection.py: {error}")
    frame["date"] = pd.to_datetime(frame["date"])
    fig = draw(frame, args.runs, args.seed, os.path.basename(args.scenario))
    fig.savefig(args.output, dpi=130)
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
