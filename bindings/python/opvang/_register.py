# SPDX-License-Identifier: EUPL-1.2
"""The municipality register: loading it, its columns, and it as a DataFrame."""

import functools
import os

import numpy as np
import pandas as pd

from . import _opvang
from .errors import EIO, Error

__all__ = ["municipalities"]

_TEXT_COLUMNS = ("code", "name", "province_code", "province")


class Register:
    """A register handle with its columns, each read from the library in one call.

    The arrays are read-only: the embedded register is shared by every call
    that uses it, and a caller that changed them would change it for all.
    """

    def __init__(self, handle):
        self.handle = handle
        self.count = _opvang.opv_swig_register_count(handle)
        self.text = {column: _frozen(np.array(_opvang.opv_python_register_texts(handle, field),
                                              dtype=object))
                     for field, column in enumerate(_TEXT_COLUMNS)}
        self.population = np.empty(self.count, dtype=np.int64)
        self.scores = np.empty(self.count, dtype=np.float64)
        _opvang.opv_swig_register_numbers(self.population, self.scores, handle)
        _frozen(self.population)
        _frozen(self.scores)
        self.source = _opvang.opv_swig_register_source(handle)
        self.reference_date = _opvang.opv_swig_register_reference_date(handle)

    @functools.cached_property
    def code_index(self):
        """The codes as a pandas Index, to find many municipalities at once."""
        return pd.Index(self.text["code"])

    @functools.cached_property
    def provinces(self):
        """Province code, name, number of municipalities and population, in province order."""
        count = _opvang.opv_swig_province_count(self.handle)
        municipalities = np.empty(count, dtype=np.int64)
        population = np.empty(count, dtype=np.int64)
        _opvang.opv_swig_province_numbers(municipalities, population, self.handle)
        return {
            "province_code": _frozen(np.array(_opvang.opv_python_province_texts(self.handle, 0),
                                              dtype=object)),
            "province": _frozen(np.array(_opvang.opv_python_province_texts(self.handle, 1),
                                         dtype=object)),
            "municipalities": _frozen(municipalities),
            "population": _frozen(population),
        }


def _frozen(array):
    array.flags.writeable = False
    return array


@functools.lru_cache(maxsize=1)
def _embedded_register():
    # Immutable in the library and here, so one copy serves every call.
    return Register(_opvang.opv_register(""))


def open_register(path):
    """The register in the CSV file ``path``, or the embedded one for None."""
    if path is None:
        return _embedded_register()
    return Register(_opvang.opv_register(file_name(path)))


def file_name(path):
    """The path as the library takes it, refusing what it would misread."""
    name = os.fsdecode(path)
    # Neither may pass: "" would silently mean the default register, and C
    # would cut the name short at a NUL and open a different file.
    if not name or "\0" in name:
        raise Error(f"not a file name: {name!r}", EIO)
    return name


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
    register = open_register(path)
    # Copies: the frame is the caller's to change, the register's arrays are shared.
    columns = {column: register.text[column].copy() for column in _TEXT_COLUMNS}
    columns["population"] = register.population.copy()
    # A register without scores gets no column; one with some gets NaN for the rest.
    if not np.isnan(register.scores).all():
        columns["ses"] = register.scores.copy()

    frame = pd.DataFrame(columns, copy=False)
    frame.attrs["source"] = register.source
    frame.attrs["reference_date"] = register.reference_date
    return frame
