# SPDX-License-Identifier: EUPL-1.2
"""The municipality register: loading it, its columns, and it as a DataFrame."""

import datetime
import functools
import os

import numpy as np
import pandas as pd

from . import _opvang
from ._convert import string
from ._types import Date, RegisterSource
from .errors import EINVAL, EIO, Error, readable_file, writable_path

__all__ = ["municipalities"]

_TEXT_COLUMNS = ("code", "name", "province_code", "province")


class Register:
    """A register handle with its columns, each read from the library in one call.

    The arrays are read-only: the embedded register is shared by every call
    that uses it, and a caller that changed them would change it for all.
    """

    def __init__(self, handle):
        self.handle = handle
        self.count = _opvang.opv_register_count(handle)
        texts = _opvang.opv_swig_register_texts(self.count, self.count, self.count, self.count,
                                                handle)
        self.text = {column: _frozen(np.array(values, dtype=object))
                     for column, values in zip(_TEXT_COLUMNS, texts)}
        self.population = np.empty(self.count, dtype=np.int64)
        self.scores = np.empty(self.count, dtype=np.float64)
        _opvang.opv_swig_register_numbers(self.population, self.scores, handle)
        _frozen(self.population)
        _frozen(self.scores)
        self.source = _opvang.opv_register_source(handle)
        self.reference_date = _opvang.opv_register_reference_date(handle)
        self.map_mergers = bool(_opvang.opv_register_maps_mergers(handle))

    @property
    def attrs(self):
        """What a result on this register rests on, for ``df.attrs``."""
        return {"source": self.source, "reference_date": self.reference_date,
                "population_date": self.reference_date or None, "map_mergers": self.map_mergers}

    @functools.cached_property
    def code_index(self):
        """The codes as a pandas Index, to find many municipalities at once."""
        return pd.Index(self.text["code"])

    @functools.cached_property
    def provinces(self):
        """Province code, name, number of municipalities and population, in province order."""
        count = _opvang.opv_register_province_count(self.handle)
        municipalities = np.empty(count, dtype=np.int64)
        population = np.empty(count, dtype=np.int64)
        _opvang.opv_swig_province_numbers(municipalities, population, self.handle)
        codes, names = _opvang.opv_swig_province_texts(len(population), len(population), self.handle)
        return {
            "province_code": _frozen(np.array(codes, dtype=object)),
            "province": _frozen(np.array(names, dtype=object)),
            "municipalities": _frozen(municipalities),
            "population": _frozen(population),
        }


def _frozen(array):
    array.flags.writeable = False
    return array


@functools.lru_cache(maxsize=8)
def _embedded_register(population_date, map_mergers):
    # Immutable in the library and here, so one copy per date serves every call.
    return Register(_opvang.opv_register("", population_date, int(map_mergers)))


def open_register(path, population_date=None, map_mergers=False, name="municipalities"):
    """The register in the CSV file ``path``, or for None the embedded one of
    ``population_date`` ("YYYY-MM-DD"; None: 1 January 2024).  With
    ``map_mergers`` the codes of merged municipalities count as their successor."""
    if population_date is not None:
        if path is not None:
            raise Error("municipalities gives the register, population_date chooses an embedded "
                        "one; give one of them", EINVAL)
        population_date = date_text(population_date, "population_date")
        if not population_date:
            raise Error("population_date is empty; give a date such as '2025-01-01'", EINVAL)
    if path is None:
        return _embedded_register(population_date or "", bool(map_mergers))
    if isinstance(path, pd.DataFrame):
        return _frame_register(path, map_mergers, name)
    return Register(_opvang.opv_register(input_file(path, name), "",
                                         int(bool(map_mergers))))


# The register's columns by their English and CBS Dutch names, as in a file.
_REGISTER_COLUMNS = (("code", "gemeentecode"), ("name", "gemeentenaam"),
                     ("province_code", "provinciecode"), ("province", "provincienaam"),
                     ("population", "inwoners"))


def _frame_register(frame, map_mergers, name):
    """The register in a DataFrame with the columns of a register file.

    The frame reaches the library as CSV text, so its rows are checked by the
    code that checks a file, with its messages ("<DataFrame>:3: ...", line 1
    being the header)."""
    from ._tables import frame_table  # _tables imports this module

    columns = [english if english in frame.columns or dutch not in frame.columns else dutch
               for english, dutch in _REGISTER_COLUMNS]
    header = [english for english, _ in _REGISTER_COLUMNS]
    if "ses" in frame.columns:
        columns.append("ses")
        header.append("ses")
    source, text = frame_table(frame, name, tuple(columns), integer=(columns[4],),
                               reals=("ses",), header=header)
    return Register(_opvang.opv_swig_register_parse(text, source, bool(map_mergers)))


def date_text(value, name):
    """A date as the library's "YYYY-MM-DD" text: from a string (checked by the
    library), a ``datetime.date`` or ``datetime.datetime``, or a NumPy
    datetime64."""
    if isinstance(value, str):
        return string(value, name)
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, np.datetime64) and not np.isnat(value):
        return str(np.datetime_as_string(value, unit="D"))
    raise TypeError(f"{name} must be a date as 'YYYY-MM-DD' or datetime.date, "
                    f"not {type(value).__name__}")


def file_name(path, name="the path"):
    """The path ``path`` (the argument ``name``) as the library takes it,
    refusing what it would misread."""
    decoded = os.fsdecode(path)
    # Neither may pass: "" would silently mean the default register, and C
    # would cut the name short at a NUL and open a different file.
    if not decoded:
        raise Error(f"{name} is not a file name: it is empty", EIO)
    if "\0" in decoded:
        raise Error(f"{name} is not a file name: {decoded!r} holds a NUL character, where C "
                    f"would cut it short", EIO)
    return decoded


def input_file(path, name="the path"):
    """:func:`file_name` of a file to read, which must be there and readable:
    else FileNotFoundError, PermissionError or IsADirectoryError."""
    decoded = file_name(path, name)
    readable_file(decoded, name)
    return decoded


def output_path(path, name="the path"):
    """:func:`file_name` of a file or directory to write, whose directory
    must be there: else FileNotFoundError or NotADirectoryError."""
    decoded = file_name(path, name)
    writable_path(decoded, name)
    return decoded


def municipalities(path: RegisterSource = None, population_date: Date | None = None) -> pd.DataFrame:
    """Municipalities of a register, one row each, in register order.

    Parameters
    ----------
    path : str, os.PathLike or pandas.DataFrame, optional
        A register CSV (UTF-8; columns code, name, province_code, province,
        population and optionally ses, or their CBS Dutch names), or a
        DataFrame with those columns, checked as a file is.  Without a
        path, a register compiled into the library: CBS population of all
        342 municipalities on ``population_date``.
    population_date : str or datetime.date, optional
        "2023-01-01", "2024-01-01" (the default) or "2025-01-01".

    Returns
    -------
    pandas.DataFrame
        Columns ``code``, ``name``, ``province_code``, ``province`` (str) and
        ``population`` (int64), plus ``ses`` (float64, NaN where a row has no
        score) when the register holds SES scores.  ``df.attrs`` holds the
        register's ``source``, ``reference_date`` ("" when unknown) and
        ``population_date`` (None when unknown).

    Raises
    ------
    opvang.Error
        When the file or DataFrame is not a valid register; the message
        names the file, line, column and municipality code.
    FileNotFoundError, PermissionError, IsADirectoryError
        For a file that is not there or cannot be read (an ``OSError``
        with ``errno`` and ``filename``).
    """
    register = open_register(path, population_date, name="path")
    # Copies: the frame is the caller's to change, the register's arrays are shared.
    columns = {column: register.text[column].copy() for column in _TEXT_COLUMNS}
    columns["population"] = register.population.copy()
    # A register without scores gets no column; one with some gets NaN for the rest.
    if not np.isnan(register.scores).all():
        columns["ses"] = register.scores.copy()

    frame = pd.DataFrame(columns, copy=False)
    frame.attrs.update(source=register.source, reference_date=register.reference_date,
                       population_date=register.reference_date or None)
    return frame
