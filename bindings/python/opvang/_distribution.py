# SPDX-License-Identifier: EUPL-1.2
"""The Spreidingswet distribution key, and comparing it with a published table."""

import collections.abc
import os
from collections.abc import Sequence

import numpy as np
import pandas as pd

from . import _opvang
from ._convert import frame_column, optional_reals, string, whole_number, whole_numbers
from ._register import input_file, open_register
from ._tables import frame_table
from ._types import Date, RegisterSource, Scores, Table, WholeNumber
from .errors import EDUPLICATE, EINVAL, ENOTFOUND, EPARSE, ERANGE, Error

__all__ = ["compare", "distribute"]

_REGISTER_COLUMNS = ("code", "name", "province_code", "province")
_EXPLAIN_COLUMNS = ("floor", "remainder", "rank")
_LEVELS = ("municipality", "province")


def distribute(total: WholeNumber, amv: WholeNumber = 0, ses: Scores | None = None,
               ses_transform: str = "auto", method: str = "hamilton", amv_mode: str = "round",
               by: str = "municipality", municipalities: RegisterSource = None, explain: bool = False,
               population_date: Date | None = None, map_mergers: bool = False) -> pd.DataFrame:
    """Split ``total`` reception places over the municipalities.

    The weight of a municipality is its population, times ``1 + ses`` with the
    linear transform; its quota is ``total * weight / sum(weights)``; whole
    places follow from the quotas by ``method`` and add up to ``total``
    exactly.  Of those, ``amv`` places for unaccompanied minors are split as
    ``round_half_up(places * amv / total)`` (``amv_mode="round"``, the
    published practice, whose sum may differ from ``amv``) or by largest
    remainder over the places (``"apportion"``, exact sum).

    Parameters
    ----------
    total : int
        National number of places, from 0 to 2**53 (96,000 for 2024-2025).
    amv : int
        Of which places for unaccompanied minors, from 0 to ``total``.
    ses : str, os.PathLike, pandas.DataFrame, pandas.Series or dict, optional
        SES-WOA scores: a CSV file or DataFrame with the columns ``code`` and
        ``ses``, or a mapping from code to score.  They replace the register's
        own scores; NaN or None means "no score".  A code that is not in the
        register is an error.
    ses_transform : {"auto", "none", "linear"}
        ``"auto"`` (the library's rule): linear when there are scores, from
        ``ses`` or from the register, else none.  ``attrs["ses_transform"]``
        says which was applied.
    method : str
        ``"hamilton"`` (largest remainder), ``"jefferson"`` (``"dhondt"``),
        ``"webster"`` (``"sainte-lague"``), ``"adams"`` or
        ``"huntington-hill"``.
    amv_mode : {"round", "apportion"}
    by : {"municipality", "province"}
        Province rows are the sums over their municipalities.
    municipalities : str or os.PathLike, optional
        A register CSV file; the embedded CBS register of 1 January 2024
        without it.
    explain : bool
        Add the columns ``floor``, ``remainder`` and ``rank`` (and
        ``priority`` for the divisor methods) that show how every number came
        about.  Municipality level only.
    population_date : str or datetime.date, optional
        The embedded register's date: "2023-01-01", "2024-01-01" (the
        default, so that no result changes without a word) or "2025-01-01".
    map_mergers : bool
        Count the codes of merged municipalities in ``ses`` as their successor.

    Returns
    -------
    pandas.DataFrame
        By municipality, in register order: ``code``, ``name``,
        ``province_code``, ``province``, ``population``, ``ses`` (NaN without a
        score), ``weight``, ``quota``, ``places``, ``amv``, ``regular``.  By
        province: ``province_code``, ``province``, ``municipalities``,
        ``population``, ``places``, ``amv``, ``regular``.  ``df.attrs`` holds
        the options as used (``total``, ``amv``, ``ses_transform``,
        ``method``, ``amv_mode``), ``amv_sum`` and ``amv_residual``
        (``amv_sum - amv``, nonzero only when rounding leaves one),
        ``by_remainder`` and the register's ``source``, ``reference_date``,
        ``population_date`` and ``map_mergers``.

    Raises
    ------
    opvang.Error
        For an unknown method, transform, mode or level; ``amv`` above
        ``total``; with the linear transform a municipality without a score or
        with ``1 + ses <= 0`` (named by code); an unknown code in ``ses``; an
        invalid file.
    FileNotFoundError, PermissionError, IsADirectoryError
        For a file that is not there or cannot be read (an ``OSError``
        with ``errno`` and ``filename``).

    Examples
    --------
    >>> frame = distribute(96000, amv=8140)
    >>> int(frame["places"].sum())
    96000
    """
    if by not in _LEVELS:
        raise Error(f"unknown level {by!r} for by (known: {', '.join(_LEVELS)})", ENOTFOUND)
    if explain and by != "municipality":
        raise Error("explain explains municipalities; it does not go with by='province'", EINVAL)
    run = _Distribution(total, amv, ses, ses_transform, method, amv_mode, municipalities,
                        explain, population_date, map_mergers)
    frame = run.municipality_frame(explain) if by == "municipality" else run.province_frame()
    frame.attrs.update(run.attrs)
    return frame


def compare(published: Table, total: WholeNumber, amv: WholeNumber = 0,
            ses: Scores | None = None, ses_transform: str = "auto", method: str = "hamilton",
            amv_mode: str = "round", municipalities: RegisterSource = None) -> pd.DataFrame:
    """Set a published distribution beside the one computed with the same options.

    Parameters
    ----------
    published : str, os.PathLike or pandas.DataFrame
        The published table: a column ``code`` (or else ``name``, matched
        exactly to the register's names), a column ``places`` and optionally
        ``amv`` (empty or NA: not published).
    total, amv, ses, ses_transform, method, amv_mode, municipalities
        As for :func:`distribute`.

    Returns
    -------
    pandas.DataFrame
        One row per published row, in its order: ``code``, ``name``,
        ``computed``, ``published``, ``difference`` (computed - published),
        ``computed_amv``, ``published_amv``, ``amv_difference`` (nullable
        Int64, NA where the table publishes no AMV figure).  ``df.attrs``
        holds the summary, ``rows``, ``exact`` (rows whose places match),
        ``largest_difference`` with ``largest_code`` and ``largest_name``,
        and the attributes of :func:`distribute`.

    Raises
    ------
    opvang.Error
        As :func:`distribute`, and for a published table that is not valid,
        names a municipality twice or one that is not in the register.
    FileNotFoundError, PermissionError, IsADirectoryError
        For a file that is not there or cannot be read (an ``OSError``
        with ``errno`` and ``filename``).
    """
    run = _Distribution(total, amv, ses, ses_transform, method, amv_mode, municipalities, False)
    source, text = _published_source(published)
    register = run.register
    comparison = _opvang.opv_comparison(register.handle, run.places, run.amv, source, text)

    rows = _opvang.opv_comparison_count(comparison)
    names = ("municipality", "computed", "published", "difference", "has_amv", "computed_amv",
             "published_amv", "amv_difference")
    columns = {name: np.empty(rows, dtype=np.int64) for name in names}
    no_line = np.empty(0, dtype=np.int64)
    _opvang.opv_swig_comparison_columns(
        columns["municipality"], no_line, columns["computed"], columns["published"],
        columns["difference"], columns["has_amv"], columns["computed_amv"],
        columns["published_amv"], columns["amv_difference"], comparison)

    where = columns["municipality"]
    not_published = columns["has_amv"] == 0
    frame = pd.DataFrame({
        "code": register.text["code"][where],
        "name": register.text["name"][where],
        "computed": columns["computed"],
        "published": columns["published"],
        "difference": columns["difference"],
        **{name: pd.arrays.IntegerArray(columns[name], not_published)
           for name in ("computed_amv", "published_amv", "amv_difference")},
    }, copy=False)

    largest = _opvang.opv_swig_comparison_largest(comparison)
    frame.attrs.update(run.attrs)
    frame.attrs.update({
        "rows": rows,
        "exact": _opvang.opv_comparison_exact(comparison),
        "largest_difference": int(columns["difference"][largest]),
        "largest_code": register.text["code"][where[largest]],
        "largest_name": register.text["name"][where[largest]],
    })
    return frame


def distribute_many(totals: "Sequence[WholeNumber] | np.ndarray", amv: WholeNumber = 0,
                    ses: Scores | None = None, ses_transform: str = "auto",
                    method: str = "hamilton", amv_mode: str = "round",
                    municipalities: RegisterSource = None,
                    with_amv: bool = False) -> "np.ndarray | tuple[np.ndarray, np.ndarray]":
    """The places of one distribution per national total, in one library call.

    For sweeps over the national number: the weights are computed once and
    each row equals ``distribute(total, ...)["places"]`` for its total.

    Parameters are those of :func:`distribute`, with ``totals`` a sequence of
    whole numbers.  Returns a NumPy int64 array of shape
    ``(len(totals), municipalities)`` in register order, or a pair
    ``(places, amv)`` of such arrays with ``with_amv=True``.  Raises
    :class:`opvang.Error` naming the offending total.
    """
    whole = whole_numbers(totals, "totals")
    method, amv_mode = string(method, "method"), string(amv_mode, "amv_mode")
    ses_transform = string(ses_transform, "ses_transform")
    amv = whole_number(amv, "amv")
    register = open_register(municipalities)
    scores = _scores(register, ses)
    n = register.count
    places = np.empty(len(whole) * n, dtype=np.int64)
    amv_places = np.empty(len(whole) * n if with_amv else 0, dtype=np.int64)
    _opvang.opv_swig_distribute_many(places, amv_places, register.handle,
                                     scores if scores is not None else np.empty(0), whole,
                                     amv, _options(ses_transform, method, amv_mode))
    places = places.reshape(len(whole), n)
    if with_amv:
        return places, amv_places.reshape(len(whole), n)
    return places


def _options(ses_transform, method, amv_mode):
    """The library's distribution options, the names read by the library."""
    options = _opvang.opv_distribution_options()
    options.set_ses_transform(ses_transform)
    options.set_method(method)
    options.set_amv_mode(amv_mode)
    return options


class _Distribution:
    """One call of the library's distribution key, its arrays and its options."""

    def __init__(self, total, amv, ses, ses_transform, method, amv_mode, municipalities,
                 explain, population_date=None, map_mergers=False):
        method, amv_mode = string(method, "method"), string(amv_mode, "amv_mode")
        ses_transform = string(ses_transform, "ses_transform")
        total = whole_number(total, "total")
        amv = whole_number(amv, "amv")

        self.register = register = open_register(municipalities, population_date, map_mergers)
        self.scores = _scores(register, ses)
        n = register.count
        options = _options(ses_transform, method, amv_mode)
        self.method = _opvang.opv_method_name(options.method)
        wanted = n if explain else 0
        self.weight = np.empty(n, dtype=np.float64)
        self.quota = np.empty(n, dtype=np.float64)
        self.places = np.empty(n, dtype=np.int64)
        self.amv = np.empty(n, dtype=np.int64)
        self.regular = np.empty(n, dtype=np.int64)
        self.floor = np.empty(wanted, dtype=np.int64)
        self.remainder = np.empty(wanted, dtype=np.float64)
        self.rank = np.empty(wanted, dtype=np.int64)
        self.priority = np.empty(wanted if self.method != "hamilton" else 0, dtype=np.float64)
        summary = _opvang.opv_distribution_summary()
        _opvang.opv_swig_distribute(
            self.weight, self.quota, self.places, self.amv, self.regular, self.floor,
            self.remainder, self.rank, self.priority, summary, register.handle,
            self.scores if self.scores is not None else np.empty(0), total, amv, options)

        self.attrs = {
            "total": int(total),
            "amv": int(amv),
            "ses_transform": _opvang.opv_ses_transform_name(summary.ses_transform),
            "method": self.method,
            "amv_mode": _opvang.opv_amv_mode_name(options.amv_mode),
            "amv_sum": summary.amv,
            "amv_residual": summary.amv_residual,
            "by_remainder": summary.by_remainder,
        }
        self.attrs.update(register.attrs)

    # The frames own their arrays (copy=False): this call's arrays are its own,
    # and the register's shared read-only ones are copied once here.

    def municipality_frame(self, explain):
        register = self.register
        columns = {name: register.text[name].copy() for name in _REGISTER_COLUMNS}
        columns["population"] = register.population.copy()
        columns["ses"] = self.scores if self.scores is not None else register.scores.copy()
        columns.update(weight=self.weight, quota=self.quota, places=self.places, amv=self.amv,
                       regular=self.regular)
        if explain:
            columns.update(floor=self.floor, remainder=self.remainder, rank=self.rank)
            if self.priority.size:
                columns["priority"] = self.priority
        return pd.DataFrame(columns, copy=False)

    def province_frame(self):
        register = self.register
        count = len(register.provinces["province_code"])
        columns = {name: values.copy() for name, values in register.provinces.items()}
        for name in ("places", "amv", "regular"):
            sums = np.empty(count, dtype=np.int64)
            _opvang.opv_swig_sum_by_province(sums, register.handle, getattr(self, name))
            columns[name] = sums
        return pd.DataFrame(columns, copy=False)


def _scores(register, ses):
    """Scores in register order for the library (NaN: none), or None for the register's own."""
    if ses is None:
        return None
    scores = np.empty(register.count, dtype=np.float64)
    if isinstance(ses, (str, bytes, os.PathLike)):
        _opvang.opv_swig_ses_load_csv(scores, register.handle, input_file(ses, "ses"))
        return scores

    if isinstance(ses, pd.DataFrame):
        missing = [column for column in ("code", "ses") if column not in ses.columns]
        if missing:
            raise Error(f"the ses DataFrame has no column {missing[0]!r} (it needs code and ses)",
                        EPARSE)
        codes, values = (frame_column(ses, name, "ses") for name in ("code", "ses"))
    elif isinstance(ses, pd.Series):
        codes, values = ses.index.to_numpy(dtype=object), ses.to_numpy()
    elif isinstance(ses, collections.abc.Mapping):
        codes, values = np.array(list(ses.keys()), dtype=object), list(ses.values())
    else:
        raise TypeError("ses must be a file name, a DataFrame with code and ses, or a mapping "
                        f"from code to score, not {type(ses).__name__}")

    values = optional_reals(values, "ses", codes)
    duplicated = pd.Index(codes).duplicated()
    if duplicated.any():
        raise Error(f"municipality code {codes[duplicated.argmax()]!r} has two SES scores",
                    EDUPLICATE)
    positions = register.code_index.get_indexer(codes)
    if (positions < 0).any():
        raise Error(f"municipality code {codes[(positions < 0).argmax()]!r} is not in the register",
                    ENOTFOUND)
    if np.isinf(values).any():
        raise Error(f"the SES score of {codes[np.isinf(values).argmax()]} is not finite", ERANGE)

    # As with a file: the table's scores replace the register's, the rest stay.
    scores[:] = register.scores
    scores[positions] = values
    return scores


def _published_source(published):
    """The published table as (source, text) for the library: a file name and no text,
    or the rows of a DataFrame as CSV text."""
    if isinstance(published, (str, bytes, os.PathLike)):
        return input_file(published, "published"), ""
    if not isinstance(published, pd.DataFrame):
        raise TypeError("published must be a file name or a DataFrame, "
                        f"not {type(published).__name__}")
    key = next((column for column in ("code", "name") if column in published.columns), None)
    if key is None:
        raise Error("the published DataFrame has no column 'code' (or 'name')", EPARSE)
    # Int64 writes whole numbers without ".0" and NA as an empty cell.
    counts = tuple(column for column in ("places", "amv") if column in published.columns)
    return frame_table(published, "published", (key,) + counts, integer=counts)
