# SPDX-License-Identifier: EUPL-1.2
"""Dates come back as datetime64[ns] columns and pandas Timestamps, and go back in as such."""
import numpy as np
import pytest
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


def test_a_date_beyond_datetime64_ns_is_refused_not_wrapped(source_root):
    # datetime64[ns] ends on 11 April 2262.  Weeks from 1 March 2262: the
    # seventh starts on 1 March + 42 days = 12 April, one day too late.
    locations = str(source_root / "examples" / "data" / "synthetic_locations.csv")
    within = opvang.capacity(locations, "2262-03-01", "2262-04-05")
    assert within["week_start"].iloc[-1] == pd.Timestamp(2262, 4, 5)
    with pytest.raises(pd.errors.OutOfBoundsDatetime, match="2262-04-12"):
        opvang.capacity(locations, "2262-03-01", "2262-06-01")
