#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""Bar chart: Spreidingswet places per 1,000 inhabitants, by province.

usage: places_per_province.py [OUTPUT.png]

Distributes the 96,000 places of 2024-2025 (8,140 for unaccompanied minors)
over the embedded CBS register without an SES correction, sums them by
province, and draws places per 1,000 inhabitants next to the published
indicative distribution of 31 January 2024 (examples/data).  Without the SES
correction every province lands on the national 5.35 per 1,000; the published
figures show what the ministry's SES correction did to each province.
"""
import os
import sys

import pandas as pd

import matplotlib

matplotlib.use("Agg")  # files only, no display
import matplotlib.pyplot as plt

import opvang


def main(output="places_per_province.png"):
    here = os.path.dirname(os.path.abspath(__file__))
    provinces = opvang.distribute(96000, amv=8140, by="province")
    published = pd.read_csv(os.path.join(here, "data", "spreidingswet_2024_provinces.csv"))
    provinces = provinces.merge(published[["province_code", "places"]], on="province_code",
                                suffixes=("", "_published"))
    provinces["per_1000"] = 1000 * provinces["places"] / provinces["population"]
    provinces["published_per_1000"] = 1000 * provinces["places_published"] / provinces["population"]
    provinces = provinces.sort_values("published_per_1000")
    national = 1000 * 96000 / provinces["population"].sum()

    fig, ax = plt.subplots(figsize=(9, 5.5))
    y = range(len(provinces))
    ax.barh([v + 0.2 for v in y], provinces["per_1000"], height=0.4, color="#90cdf4",
            label="opvang, population only")
    ax.barh([v - 0.2 for v in y], provinces["published_per_1000"], height=0.4, color="#2b6cb0",
            label="published 31 Jan 2024 (with SES)")
    for v, (value, places) in zip(y, zip(provinces["published_per_1000"], provinces["places_published"])):
        ax.text(value, v - 0.2, " %.2f (%d)" % (value, places), va="center", fontsize=8)
    ax.set_yticks(list(y))
    ax.set_yticklabels(provinces["province"])
    ax.axvline(national, color="#c53030", linestyle="--", linewidth=1, label="national %.2f" % national)
    ax.set_xlabel("reception places per 1,000 inhabitants")
    ax.set_title("Spreidingswet 2024-2025: 96,000 places by province")
    ax.set_xlim(0, provinces["published_per_1000"].max() * 1.45)
    ax.legend(loc="center right", fontsize=8)
    fig.text(0.01, 0.01, "Population: CBS, 1 January 2024. Computed with opvang %s." % opvang.__version__,
             fontsize=7, color="#555555")
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    fig.savefig(output, dpi=120)
    print("wrote %s" % output)


if __name__ == "__main__":
    main(*sys.argv[1:])
