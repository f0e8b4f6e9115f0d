# SPDX-License-Identifier: EUPL-1.2
"""What a result rests on, in a form that survives ``merge``.

Every frame the package returns says what it rests on in ``df.attrs``, but
pandas drops attrs in ``merge``, ``concat`` and most other operations that
build a new frame.  :func:`with_provenance` copies that record into ordinary
columns, with the same value on every row, which every such operation keeps;
:func:`provenance` reads it back from either place.  The result frames
themselves keep their columns as they are, so that code (and the command
line's tables) that counts on them does not change.

The columns carry the prefix ``opvang_`` so that they cannot be mistaken for
a user's own ``method`` or ``scenario`` column, and a merge of two marked
frames gives ``opvang_method_x`` and ``opvang_method_y`` (pandas' default
suffixes), which :func:`provenance` reads as the record of both sides.
"""

from collections.abc import Mapping
from typing import Any

import pandas as pd

__all__ = ["PROVENANCE_COLUMNS", "provenance", "with_provenance"]

#: The provenance columns, each with the ``attrs`` key it comes from.
PROVENANCE_COLUMNS: Mapping[str, str] = {
    "opvang_population_date": "population_date",  # the register's population date (NaT: unknown)
    "opvang_register_source": "source",           # where the register came from
    "opvang_ses_transform": "ses_transform",      # the SES transform of the distribution key
    "opvang_method": "method",                    # the apportionment method
    "opvang_task_source": "task_source",          # where the tasks of a places count came from
    "opvang_scenario": "scenario",                # the scenario of a projection
}

_PREFIX = "opvang_"
#: The suffixes pd.merge gives by default to a column both sides have.
_MERGE_SUFFIXES = ("_x", "_y")


def _is_date(column: str) -> bool:
    return column == "opvang_population_date"


def _column_of(column: str, value: Any, index: pd.Index) -> pd.Series:
    if _is_date(column):
        return pd.Series(pd.NaT if value in (None, "") else pd.Timestamp(value),
                         index=index, dtype="datetime64[ns]")
    return pd.Series([value] * len(index), index=index, dtype=object)


def _holds_only(existing: pd.Series, expected: pd.Series) -> bool:
    """Whether ``existing`` holds ``expected``'s value on every row (NA
    matching NA), so that marking the frame again changes nothing."""
    try:
        same = (existing == expected) | (existing.isna() & expected.isna())
        return bool(same.all())
    except (TypeError, ValueError):  # values that do not compare: not the same
        return False


def with_provenance(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with what it rests on as columns.

    For each key of ``frame.attrs`` among ``population_date``, ``source``,
    ``ses_transform``, ``method``, ``task_source`` and ``scenario``, a column
    ``opvang_<key>`` (``source`` as ``opvang_register_source``) of that value
    on every row (``opvang_population_date`` as datetime64[ns], NaT when
    unknown), after the frame's own columns; ``attrs`` are kept.  These
    columns go through ``pd.merge``, ``pd.concat`` and ``groupby`` like any
    other.  A frame that already has such a column with that value on every
    row keeps it (marking twice changes nothing); one with other values in
    it raises ValueError naming the column, rather than overwrite the
    column or take it as the record.

    >>> import opvang
    >>> key = opvang.with_provenance(opvang.distribute(96000))
    >>> merged = key.merge(opvang.municipalities()[["code"]], on="code")
    >>> merged["opvang_population_date"].iloc[0]
    Timestamp('2024-01-01 00:00:00')
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"with_provenance takes a DataFrame, not {type(frame).__name__}")
    out = frame.copy()
    for column, key in PROVENANCE_COLUMNS.items():
        if key not in frame.attrs:
            continue
        value = frame.attrs[key]
        expected = _column_of(column, value, out.index)
        if column in frame.columns:
            if not _holds_only(frame[column], expected):
                raise ValueError(
                    f"column '{column}' is already in the frame with values other than its "
                    f"{key} {value!r}; rename or drop it before with_provenance")
            continue
        out[column] = expected
    out.attrs = dict(frame.attrs)
    return out


def _values_of(frame: pd.DataFrame, columns: list[str], is_date: bool) -> list[Any]:
    """The distinct values of ``columns`` in order of first appearance (the
    left side of a merge before the right), NA left out: a left merge's rows
    without a match have NA there, which says nothing about the result."""
    values: list[Any] = []
    for column in columns:
        series = frame[column].dropna()
        if is_date:
            series = pd.to_datetime(series)
        for value in pd.unique(series):
            value = pd.Timestamp(value) if is_date else value
            if value not in values:
                values.append(value)
    return values


def provenance(frame: pd.DataFrame) -> dict[str, Any]:
    """What ``frame`` rests on, by key (``population_date``,
    ``register_source``, ``ses_transform``, ``method``, ``task_source``,
    ``scenario``).

    Read from its provenance columns (after :func:`with_provenance`, also in
    a merge or concat of such frames), or else from its ``attrs``.  A merge
    of two marked frames has each column twice, as ``opvang_<key>_x`` and
    ``opvang_<key>_y``; both are read.  Each key gives one value when the
    frame rests on one, and the list of the distinct values (left side of a
    merge first) when it rests on several -- frames of different origins
    merged or stacked together; which rows rest on which is in the columns
    themselves.  Missing values (the unmatched rows of a left merge) are left
    out; a column with nothing else gives NaT (the date) or None: unknown.
    A frame without rows has no values in its columns, so its ``attrs`` are
    read, and keys found in neither are left out.
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"provenance takes a DataFrame, not {type(frame).__name__}")
    found: dict[str, Any] = {}
    for column, key in PROVENANCE_COLUMNS.items():
        name = column[len(_PREFIX):]
        columns = [c for c in [column] + [column + s for s in _MERGE_SUFFIXES]
                   if c in frame.columns]
        if columns and len(frame) > 0:
            values = _values_of(frame, columns, _is_date(column))
            if not values:
                found[name] = pd.NaT if _is_date(column) else None
            else:
                found[name] = values[0] if len(values) == 1 else values
        elif key in frame.attrs:
            value = frame.attrs[key]
            if _is_date(column):
                value = pd.NaT if value in (None, "") else pd.Timestamp(value)
            found[name] = value
    return found
