# SPDX-License-Identifier: EUPL-1.2
"""What a result rests on, in a form that survives ``merge``.

Every frame the package returns says what it rests on in ``df.attrs``, but
pandas drops attrs in ``merge``, ``concat`` and most other operations that
build a new frame.  :func:`with_provenance` copies that record into ordinary
columns, with the same value on every row, which every such operation keeps;
:func:`provenance` reads it back from either place.  The result frames
themselves keep their columns as they are, so that code (and the command
line's tables) that counts on them does not change.
"""

from collections.abc import Mapping
from typing import Any

import pandas as pd

__all__ = ["PROVENANCE_COLUMNS", "provenance", "with_provenance"]

#: The provenance columns, each with the ``attrs`` key it comes from.
PROVENANCE_COLUMNS: Mapping[str, str] = {
    "population_date": "population_date",  # the register's population date (NaT: unknown)
    "register_source": "source",           # where the register came from
    "ses_transform": "ses_transform",      # the SES transform of the distribution key
    "method": "method",                    # the apportionment method
    "task_source": "task_source",          # where the tasks of a places count came from
    "scenario": "scenario",                # the scenario of a projection
}


def with_provenance(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with what it rests on as columns.

    For each key of ``frame.attrs`` among ``population_date``, ``source``
    (as ``register_source``), ``ses_transform``, ``method``, ``task_source``
    and ``scenario``, a column of that value on every row
    (``population_date`` as datetime64[ns], NaT when unknown), after the
    frame's own columns; ``attrs`` are kept.  These columns go through
    ``pd.merge``, ``pd.concat`` and ``groupby`` like any other.

    >>> import opvang
    >>> key = opvang.with_provenance(opvang.distribute(96000))
    >>> merged = key.merge(opvang.municipalities()[["code"]], on="code")
    >>> merged["population_date"].iloc[0]
    Timestamp('2024-01-01 00:00:00')
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"with_provenance takes a DataFrame, not {type(frame).__name__}")
    out = frame.copy()
    for column, key in PROVENANCE_COLUMNS.items():
        if key not in frame.attrs or column in frame.columns:
            continue
        value = frame.attrs[key]
        if column == "population_date":
            out[column] = pd.Series(pd.NaT if value in (None, "") else pd.Timestamp(value),
                                    index=out.index, dtype="datetime64[ns]")
        else:
            out[column] = pd.Series([value] * len(out), index=out.index, dtype=object)
    out.attrs = dict(frame.attrs)
    return out


def provenance(frame: pd.DataFrame) -> dict[str, Any]:
    """What ``frame`` rests on, by provenance column name: from its
    provenance columns (after :func:`with_provenance`, also in a merge of
    it), or else from its ``attrs``.  A column that holds more than one
    value (frames of different origins stacked together) gives the list of
    its values."""
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"provenance takes a DataFrame, not {type(frame).__name__}")
    found: dict[str, Any] = {}
    for column, key in PROVENANCE_COLUMNS.items():
        if column in frame.columns:
            values = list(pd.unique(frame[column]))
            if column == "population_date":
                values = [pd.Timestamp(value) for value in values]
            found[column] = values[0] if len(values) == 1 else values
        elif key in frame.attrs:
            value = frame.attrs[key]
            if column == "population_date":
                value = pd.NaT if value in (None, "") else pd.Timestamp(value)
            found[column] = value
    return found
