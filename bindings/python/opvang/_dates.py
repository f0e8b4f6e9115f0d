# SPDX-License-Identifier: EUPL-1.2
"""Dates as the package returns them: pandas' datetime64[ns] columns.

The library counts days since 1970-01-01; a column of such counts becomes a
datetime64[ns] array in one NumPy conversion (no datetime.date per row),
and a single date a pandas Timestamp, which compares equal to the column's
values and is a datetime.date as well.
"""

import numpy as np
import pandas as pd

__all__ = ["day_column", "day_timestamp", "weekly_column"]

_NS = np.dtype("datetime64[ns]")


# datetime64[ns] reaches from 1677-09-22 to 2262-04-11; the library's dates
# run from 1900 to 9999.  NumPy's conversion wraps around outside the range
# without a word, so the days are checked first.
_FIRST_DAY = int(np.datetime64(pd.Timestamp.min.ceil("D").date(), "D").astype(np.int64))
_LAST_DAY = int(np.datetime64(pd.Timestamp.max.floor("D").date(), "D").astype(np.int64))


def _check_range(days, zero_is_missing):
    outside = (days < _FIRST_DAY) | (days > _LAST_DAY)
    if zero_is_missing:
        outside &= days != 0
    if outside.any():
        day = np.datetime64(int(days[np.argmax(outside)]), "D")
        raise pd.errors.OutOfBoundsDatetime(
            f"the date {day} lies beyond pandas' datetime64[ns] dates "
            f"({pd.Timestamp.min.ceil('D').date()} to {pd.Timestamp.max.floor('D').date()})")


def day_column(days, zero_is_missing=False):
    """Days since 1970-01-01 as a datetime64[ns] array; with
    ``zero_is_missing`` a 0 (the library's "no date") is NaT.  A date that
    datetime64[ns] cannot hold raises pandas.errors.OutOfBoundsDatetime."""
    days = np.asarray(days, dtype=np.int64)
    _check_range(days, zero_is_missing)
    column = days.astype("datetime64[D]").astype(_NS)
    if zero_is_missing:
        column[days == 0] = np.datetime64("NaT")
    return column


def weekly_column(first_day, weeks):
    """``weeks`` dates 7 days apart from ``first_day`` (days since 1970-01-01)."""
    return day_column(int(first_day) + 7 * np.arange(weeks, dtype=np.int64))


def day_timestamp(day):
    """One day since 1970-01-01 as a pandas Timestamp."""
    return pd.Timestamp(np.datetime64(int(day), "D"))
