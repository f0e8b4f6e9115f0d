# SPDX-License-Identifier: EUPL-1.2
"""Dates come back as datetime64[ns] columns and pandas Timestamps, and go back in as such."""
import numpy as np
import pandas as pd

import opvang

NS = np.dtype("datetime64[ns]")

# 1,000 in procedure + 100 a week against 1,050 places: short from week 1.
SMALL = {
    "start": "2026-01-05", "weeks": 4,
    "initial": {"in_procedure": 1000, "status_holders": 0, "other": 0},
    "inflow_per_week": 100, "decision_rate": 0, "grant_rate": 0, "housing_per_week": 0,
    "departure_rate": 0, "capacity": {"initial": 1050},
}


def test_projection_dates_are_datetime64():
    frame = opvang.project(SMALL)
    assert frame["date"].dtype == NS
    # 5 January 2026 and every 7 days after it.
    assert list(frame["date"]) == list(pd.date_range("2026-01-05", periods=5, freq="7D"))
    # Shortages 0, 50, 150, 250, 350: the first peak of 350 is in week 4, 2 February.
    assert frame.attrs["peak_date"] == pd.Timestamp(2026, 2, 2)
    assert frame.attrs["start"] == frame["date"].iloc[0]
    assert (frame["date"] == frame.attrs["peak_date"]).tolist() == [False] * 4 + [True]


def test_monte_carlo_weeks_are_datetime64():
    counts = opvang.monte_carlo(SMALL, runs=3, seed=1)
    weeks = counts.weeks()
    assert weeks["date"].dtype == NS
    assert weeks["date"].iloc[-1] == pd.Timestamp(2026, 2, 2)


def test_dates_go_back_in():
    frame = opvang.project(SMALL)
    # A Timestamp, a datetime64[ns] column and its values are dates to every argument.
    by_timestamp = opvang.sensitivity(SMALL, date=frame.attrs["peak_date"])
    by_text = opvang.sensitivity(SMALL, date="2026-02-02")
    assert by_timestamp.attrs["date"] == by_text.attrs["date"] == pd.Timestamp(2026, 2, 2)
    pd.testing.assert_frame_equal(by_timestamp, by_text)
    shifted = dict(SMALL, start=frame["date"].to_numpy()[1])  # numpy.datetime64 in ns
    assert opvang.project(shifted)["date"].iloc[0] == pd.Timestamp(2026, 1, 12)
