# SPDX-License-Identifier: EUPL-1.2
"""The municipality register as a pandas DataFrame."""

import os

import numpy as np
import pandas as pd

from . import _opvang
from .errors import EIO, Error

__all__ = ["municipalities"]

_TEXT_COLUMNS = ("code", "name", "province_code", "province")


def municipalities(path=None):
    """Municipalities of a register, one row each, in register order.

    Parameters
    ----------
    path : str or os.PathLike, optional
        A register CSV (UTF-8; columns code, name, province_code, province,
        population and optionally ses, or their CBS Dutch names).  Without a
        path, the register compiled into the library: CBS population of all
        342 municipalities on 1 January 2024.

    Returns
    -------
    pandas.DataFrame
        Columns ``code``, ``name``, ``province_code``, ``province`` (str) and
        ``population`` (int64), plus ``ses`` (float64, NaN where a row has no
        score) when the register holds SES scores.  ``df.attrs`` holds the
        register's ``source`` and ``reference_date`` ("" when unknown).

    Raises
    ------
    opvang.Error
        When the file cannot be read or is not a valid register; the message
        names the file, line, column and municipality code.
    """
    register = _opvang.opv_register(_file_name(path))
    rows = range(_opvang.opv_swig_register_count(register))

    columns = {
        column: [_opvang.opv_swig_register_text(register, i, field) for i in rows]
        for field, column in enumerate(_TEXT_COLUMNS)
    }
    # Populations cross the wrapper as doubles, exact below 2^53.
    columns["population"] = np.array(
        [_opvang.opv_swig_register_population(register, i) for i in rows], dtype=np.int64)
    ses = np.array([_opvang.opv_swig_register_ses(register, i) for i in rows], dtype=np.float64)
    # A register without scores gets no column; one with some gets NaN for the rest.
    if np.isfinite(ses).any():
        columns["ses"] = ses

    frame = pd.DataFrame(columns)
    frame.attrs["source"] = _opvang.opv_swig_register_source(register)
    frame.attrs["reference_date"] = _opvang.opv_swig_register_reference_date(register)
    return frame


def _file_name(path):
    """The path as the library takes it: "" asks for the embedded register."""
    if path is None:
        return ""
    name = os.fsdecode(path)
    # Neither may pass: "" would silently mean the default, and C would cut
    # the name short at a NUL and open a different file.
    if not name or "\0" in name:
        raise Error(f"not a file name: {name!r}", EIO)
    return name
