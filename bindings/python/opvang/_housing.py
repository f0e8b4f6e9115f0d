# SPDX-License-Identifier: EUPL-1.2
"""The status-holder housing task of a half-year, and the province's supervision ladder."""

import operator
import warnings

import numpy as np
import pandas as pd

from . import _opvang
from ._convert import whole_number
from ._register import open_register
from ._tables import NO_TABLE, frame_table, keyed_table
from .errors import EINVAL, Error

__all__ = ["housing_task", "supervision"]

_REGISTER_COLUMNS = ("code", "name", "province_code", "province")


def housing_task(national, period, municipalities=None, previous_balance=None, realised=None,
                 swaps=None, carry_advance=True, population_date=None, map_mergers=False):
    """Each municipality's share of the status holders to house in a half-year.

    ``task = ceil(national * population / national_population)`` in exact
    integer arithmetic (Huisvestingswet 2014, art. 29).  Because every
    municipality rounds up, the tasks add up to more than ``national``: that
    is the law.  Then ``corrected = task + swapped + carried`` and
    ``balance = corrected - realised`` (positive: a backlog, negative: an
    advance).

    Parameters
    ----------
    national : int
        The national number for the half-year (13,000 for 2025-H2), 0 to 2**53.
    period : str
        The half-year, ``"2025-H2"``.  Its populations are those of 1 January
        of the year before; a register of another date still gives numbers,
        with a warning.
    municipalities : str or os.PathLike, optional
        A register CSV file.  Without it, the embedded CBS register of the
        period's own date (1 January 2023 for 2024, 2024 for 2025, 2025 for
        2026), or of ``population_date`` when given.
    population_date : str or datetime.date, optional
        An embedded register of another date than the period's own (a
        warning follows).
    map_mergers : bool
        Count the codes of merged municipalities in the tables as their
        successor instead of refusing them.
    previous_balance : str, os.PathLike, pandas.DataFrame, pandas.Series or dict, optional
        Balances at the end of the previous half-year: a CSV file or DataFrame
        with the columns ``code`` and ``balance``, or a mapping from code to
        balance.  Municipalities left out have 0.
    realised : same kinds as ``previous_balance``, optional
        Status holders housed in the half-year, columns ``code`` and
        ``realised`` (never negative).  Municipalities left out housed 0.
    swaps : str, os.PathLike or pandas.DataFrame, optional
        Agreements between municipalities to trade tasks: columns
        ``agreement``, ``code`` and ``delta``.  Every agreement adds up to 0
        and leaves no task below 0.
    carry_advance : bool
        Whether an advance (negative previous balance) carries over; when
        False it lapses and ``carried`` is 0.

    Returns
    -------
    pandas.DataFrame
        One row per municipality in register order: ``code``, ``name``,
        ``province_code``, ``province``, ``population``, ``task``,
        ``swapped`` (only with ``swaps``), ``carried``, ``corrected``,
        ``realised`` and ``balance`` (nullable Int64, NA without
        ``realised``); the rest int64.  ``df.attrs`` holds ``national``,
        ``period``, ``carry_advance``, the sums ``task_sum``,
        ``corrected_sum`` and ``balance_sum`` (None without ``realised``),
        ``population_total``, ``warning`` ("" when none), with ``realised``
        the national ``backlog`` (the sum of the positive balances, as the
        ministry publishes it), ``advance`` and ``net_balance`` (None
        without), and the register's ``source``, ``reference_date`` and
        ``population_date``.  A warning is also issued with
        :func:`warnings.warn`, e.g. when the register's reference date is not
        the period's.

    Raises
    ------
    opvang.Error
        For a malformed period ("2025-H3"), a negative ``national``, an
        unknown municipality code or a value that is not a whole number in a
        table (named with its file and line), a negative realised count, a
        swap agreement that does not add up to zero or takes a task below
        zero, or a product ``national * population`` that overflows 64 bits.

    Examples
    --------
    >>> frame = housing_task(13000, "2025-H2")
    >>> int(frame.loc[frame["name"] == "Amsterdam", "task"].iloc[0])
    675
    """
    national = whole_number(national, "national")
    if not isinstance(period, str):
        raise TypeError(f"period must be a string like '2025-H2', not {type(period).__name__}")
    previous_source, previous_text = keyed_table(previous_balance, "previous_balance", "balance")
    realised_source, realised_text = keyed_table(realised, "realised", "realised")
    swaps_source, swaps_text = (NO_TABLE if swaps is None else
                                frame_table(swaps, "swaps", ("agreement", "code", "delta"),
                                            integer=("delta",)))

    if municipalities is None and population_date is None:
        # Huisvestingswet art. 29: the population of 1 January of the year before.
        population_date = _opvang.opv_swig_period_reference_date(period)
    register = open_register(municipalities, population_date, map_mergers)
    n = register.count
    with_realised = realised is not None
    columns = {name: np.empty(n, dtype=np.int64)
               for name in ("task", "swapped", "carried", "corrected")}
    realised_counts = np.zeros(n, dtype=np.int64)
    balance = np.zeros(n, dtype=np.int64)
    summary = np.empty(_opvang.OPV_SWIG_HOUSING_SUMMARY_SIZE, dtype=np.int64)
    warning = _opvang.opv_swig_housing_task(
        columns["task"], columns["swapped"], columns["carried"], columns["corrected"],
        realised_counts, balance, summary, register.handle, national, period,
        previous_source, previous_text, realised_source, realised_text,
        swaps_source, swaps_text, 1 if carry_advance else 0)

    frame = {name: register.text[name].copy() for name in _REGISTER_COLUMNS}
    frame["population"] = register.population.copy()
    frame["task"] = columns["task"]
    if swaps is not None:
        frame["swapped"] = columns["swapped"]
    frame["carried"] = columns["carried"]
    frame["corrected"] = columns["corrected"]
    no_values = np.full(n, not with_realised)
    frame["realised"] = pd.arrays.IntegerArray(realised_counts, no_values.copy())
    frame["balance"] = pd.arrays.IntegerArray(balance, no_values)
    frame = pd.DataFrame(frame, copy=False)

    frame.attrs.update({
        "national": int(national),
        "period": period,
        "carry_advance": bool(carry_advance),
        "task_sum": int(summary[_opvang.OPV_SWIG_HOUSING_TASK]),
        "corrected_sum": int(summary[_opvang.OPV_SWIG_HOUSING_CORRECTED]),
        "balance_sum": int(summary[_opvang.OPV_SWIG_HOUSING_BALANCE]) if with_realised else None,
        "population_total": int(summary[_opvang.OPV_SWIG_HOUSING_POPULATION_TOTAL]),
        "warning": warning,
    })
    # The figure the ministry publishes is the sum of the positive balances.
    national = np.zeros(3, dtype=np.int64)
    if with_realised:
        _opvang.opv_swig_housing_backlog(national, balance)
    frame.attrs.update({name: int(value) if with_realised else None
                        for name, value in zip(("backlog", "advance", "net_balance"), national)})
    frame.attrs.update(register.attrs)
    if warning:
        warnings.warn(warning, UserWarning, stacklevel=2)
    return frame


def supervision(history, thresholds=(1, 2, 3, 4), tolerance=0, municipalities=None):
    """Where every municipality stands on the province's supervision ladder.

    A half-year is missed when its closing balance exceeds ``tolerance``.
    The consecutive misses are counted back from a municipality's latest
    half-year; a half-year without a record ends the run.  ``thresholds``
    misses move it to ``signal``, ``plan_requested``, ``final_warning`` and
    ``intervention``; below the first it is ``on_track``, as is every
    municipality without history.

    Parameters
    ----------
    history : str, os.PathLike or pandas.DataFrame
        Closing balances: columns ``code``, ``period`` (``"2025-H2"``) and
        ``balance``.
    thresholds : sequence of four int
        Misses for each step, strictly increasing from at least 1
        (Zuid-Holland: intervention after four).
    tolerance : int
        A balance up to this is not a miss.
    municipalities : str or os.PathLike, optional
        A register CSV file; the embedded register without it.

    Returns
    -------
    pandas.DataFrame
        One row per municipality in register order: ``code``, ``name``,
        ``consecutive_misses`` (int64) and ``state``.  ``df.attrs`` holds
        ``thresholds`` and ``tolerance``.

    Raises
    ------
    opvang.Error
        For thresholds that are not four strictly increasing numbers from 1,
        a malformed period or balance (named with its line), an unknown
        municipality code, or a municipality with two balances for one
        half-year.
    """
    try:
        thresholds = tuple(operator.index(value) for value in thresholds)
    except TypeError:
        raise TypeError("thresholds must be four whole numbers") from None
    if len(thresholds) != 4:
        raise Error(f"thresholds must be four numbers (signal, plan_requested, final_warning, "
                    f"intervention), got {len(thresholds)}", EINVAL)
    tolerance = whole_number(tolerance, "tolerance")
    source, text = frame_table(history, "history", ("code", "period", "balance"),
                               integer=("balance",))

    register = open_register(municipalities)
    n = register.count
    misses = np.empty(n, dtype=np.int64)
    states = np.empty(n, dtype=np.int64)
    _opvang.opv_swig_supervision(misses, states, register.handle, source, text, *thresholds,
                                 tolerance)

    frame = pd.DataFrame({
        "code": register.text["code"].copy(),
        "name": register.text["name"].copy(),
        "consecutive_misses": misses,
        "state": _state_names()[states],
    }, copy=False)
    frame.attrs.update({"thresholds": thresholds, "tolerance": int(tolerance)})
    return frame


def _state_names():
    names = []
    while True:
        name = _opvang.opv_swig_supervision_state_name(len(names))
        if name is None:
            return np.array(names, dtype=object)
        names.append(name)
