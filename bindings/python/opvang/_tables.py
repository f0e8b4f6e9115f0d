# SPDX-License-Identifier: EUPL-1.2
"""Input tables and dates in the form the library reads them.

A table reaches the library as a pair (source, text): a file name and no
text, or CSV text and the name it goes by in messages ("<DataFrame>").  So
rows given as a DataFrame or a dict are checked by the same code, with the
same messages (line numbers count the header as line 1), as rows in a file.
"""

import collections.abc
import datetime
import numbers
import os

import numpy as np
import pandas as pd

from ._convert import frame_column, no_complex, string
from ._register import date_text, input_file
from .errors import EPARSE, Error

__all__ = ["NO_TABLE", "date_text", "frame_table", "keyed_table"]

#: What the library takes for "no table".
NO_TABLE = ("", "")


def keyed_table(table, name, value_column):
    """A ``code,<value_column>`` table of whole numbers as (source, text).

    ``table`` is None, a file name, a DataFrame with both columns, a Series
    indexed by code, or a mapping from code to value.
    """
    if table is None:
        return NO_TABLE
    if _is_path(table):
        return input_file(table, name), ""
    if isinstance(table, pd.DataFrame):
        return frame_table(table, name, ("code", value_column), integer=(value_column,))
    if isinstance(table, pd.Series):
        codes, values = table.index, table.to_numpy()
    elif isinstance(table, collections.abc.Mapping):
        codes, values = list(table.keys()), list(table.values())
    else:
        raise TypeError(f"{name} must be a file name, a DataFrame with code and {value_column}, "
                        f"a Series or a mapping from code to value, not {type(table).__name__}")
    frame = pd.DataFrame({"code": np.asarray(codes, dtype=object), value_column: values})
    return frame_table(frame, name, ("code", value_column), integer=(value_column,),
                       source=f"<{name}>")


def frame_table(table, name, columns, integer=(), dates=(), reals=(), source="<DataFrame>",
                header=None):
    """The ``columns`` of a file name or DataFrame as (source, text).

    ``integer`` columns are written as whole numbers (a fraction is an
    error here, an empty cell there); ``dates`` columns take strings,
    ``datetime.date`` values and missing values (an empty cell); ``reals``
    columns take numbers, written so that they read back exactly, and
    missing values (an empty cell).  ``header`` renames the columns in the
    text (one name per column).
    """
    if _is_path(table):
        return input_file(table, name), ""
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"{name} must be a file name or a DataFrame, not {type(table).__name__}")
    missing = [column for column in columns if column not in table.columns]
    if missing:
        raise Error(f"the {name} DataFrame has no column {missing[0]!r} "
                    f"(it needs {', '.join(columns)})", EPARSE)
    out = pd.DataFrame(index=range(len(table)))
    codes = _printable_codes(table, columns, name)
    rows = [f"row {k}" + (f" ({code})" if code else "") for k, code in enumerate(codes)]
    for column in columns:
        values = frame_column(table, column, name)
        where = f"{name} column {column!r}"
        if column in integer:
            if values.dtype == bool or any(isinstance(v, (bool, np.bool_)) for v in values):
                raise Error(f"{where} must be whole numbers, not true or false", EPARSE)
            no_complex(values, where, "whole numbers", rows)
            try:
                # Int64 writes whole numbers without ".0" and NA as an empty cell.
                out[column] = pd.array(values, dtype="Int64")
            except (TypeError, ValueError, OverflowError):
                raise _not_whole(values, column, name, source, codes) from None
        elif column in dates:
            out[column] = [_date_cell(value, f"{where}, {rows[k]}")
                           for k, value in enumerate(values)]
        elif column in reals:
            no_complex(values, where, "real numbers", rows)
            out[column] = [_real_cell(value, f"{where}, {rows[k]}")
                           for k, value in enumerate(values)]
        else:
            # A missing value is an empty cell, as in a file; never the text "nan".
            out[column] = [_text_cell(value, f"{where}, {rows[k]}")
                           for k, value in enumerate(values)]
    if header is not None:
        out.columns = list(header)
    return source, out.to_csv(index=False, lineterminator="\n")


def _printable_codes(table, columns, name):
    """Each row's municipality code, for messages: "" where the table has
    none or it cannot be shown.  Messages name a row as "row 3 (GM0363)"
    (0-based, as in the frame)."""
    codes = [""] * len(table)
    if "code" in columns:
        for k, code in enumerate(frame_column(table, "code", name)):
            if isinstance(code, str) and code.isprintable():
                codes[k] = code
    return codes


def _not_whole(values, column, name, source, codes):
    """The error for an ``integer`` column that does not convert: it names
    the first value that is not a whole number by its line in the CSV text
    the library would read (line 1 the header, so row k is line k + 2, as
    in the library's own messages) and its code."""
    what = f"the {'DataFrame' if source == '<DataFrame>' else 'table'} given as {name}"
    for k, value in enumerate(values):
        try:
            pd.array([value], dtype="Int64")
        except (TypeError, ValueError, OverflowError):
            code = f", {codes[k]}" if codes[k] else ""
            shown = repr(value) if isinstance(value, str) else str(value)
            return Error(f"{what}, line {k + 2} of {source} (row {k}{code}): column {column!r}: "
                         f"{shown} is not a whole number", EPARSE)
    return Error(f"{what}: column {column!r} must be whole numbers", EPARSE)


def _text_cell(value, name):
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return string(str(value), name)


def _real_cell(value, name):
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, (bool, np.bool_)):
        raise Error(f"{name} must be a number, not {value!r}", EPARSE)
    if isinstance(value, numbers.Real):
        # repr() of a float is the shortest text that reads back as the same double.
        return repr(float(value))
    if isinstance(value, str):
        return string(value, name)
    raise Error(f"{name} must be a number, not {type(value).__name__}", EPARSE)


def _date_cell(value, name):
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return date_text(value, name)


def _is_path(value):
    return isinstance(value, (str, bytes, os.PathLike))
