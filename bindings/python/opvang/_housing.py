# SPDX-License-Identifier: EUPL-1.2
"""The status-holder housing task of a half-year, and the province's supervision ladder."""

import warnings
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from . import _opvang
from ._convert import integer, string, strings, whole_number
from ._dates import day_column
from ._register import Register, date_text, open_register
from ._tables import NO_TABLE, frame_table, keyed_table
from ._types import Date, KeyedTable, RegisterSource, Table, WholeNumber
from .errors import EINVAL, Error


__all__ = ["housing_task", "supervision"]

_REGISTER_COLUMNS = ("code", "name", "province_code", "province")


def housing_task(national: WholeNumber, period: str, municipalities: RegisterSource = None,
                 previous_balance: KeyedTable | None = None,
                 realised: KeyedTable | None = None, swaps: Table | None = None,
                 carry_advance: bool = True, population_date: Date | None = None,
                 map_mergers: bool = False, realised_log: Table | None = None,
                 as_of: Date | None = None,
                 count: Sequence[str] = ("woning", "doorstroomlocatie", "nareis"),
                 merged_population: Mapping[str, int] | None = None) -> pd.DataFrame:
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
    merged_population : dict, optional
        ``{successor code: population}`` as Gedeputeerde Staten set it for a
        merger taking effect in the half-year's year (Huisvestingswet art.
        30).  In that year the merging municipalities are one row, the
        successor, whose task rests on this population (or, without it, on
        their sum) and whose balances add up.
    realised_log : str, os.PathLike or pandas.DataFrame, optional
        Dated counts of status holders housed: ``code``, ``date``,
        ``count`` and optionally ``kind`` (``woning``,
        ``doorstroomlocatie``, ``nareis``); with ``as_of``.
    as_of : datetime.date or str, optional
        The day to count the log to: adds ``realised_to_date``,
        ``share_realised`` (of ``corrected``), ``expected_to_date``
        (``corrected`` pro rata the half-year passed) and
        ``projected_balance`` (at this pace), and ``df.attrs["share_passed"]``.
    count : sequence of str
        The kinds that count as realised.  Counting transit locations and
        family reunification is an assumption (docs/supervision.md).

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
    period = string(period, "period")
    previous_source, previous_text = keyed_table(previous_balance, "previous_balance", "balance")
    realised_source, realised_text = keyed_table(realised, "realised", "realised")
    swaps_source, swaps_text = (NO_TABLE if swaps is None else
                                frame_table(swaps, "swaps", ("agreement", "code", "delta"),
                                            integer=("delta",)))

    if municipalities is None and population_date is None:
        # Huisvestingswet art. 29: the population of 1 January of the year before.
        population_date = _opvang.opv_swig_period_reference_date(period)
    register = open_register(municipalities, population_date, map_mergers)
    # Huisvestingswet art. 30: in a merger's year its municipalities are one.
    merged = (merged_population or {}).items()
    codes = [string(code, "a code of merged_population") for code, _ in merged]
    populations = np.array([integer(value, f"merged_population[{code!r}]") for code, value in merged],
                           dtype=np.int64)
    if period[:4].isdigit():  # a malformed period is the housing task's to name
        folded = _opvang.opv_swig_register_merged_in(register.handle, int(period[:4]), codes,
                                                     populations)
        if _opvang.opv_register_count(folded) != register.count:
            register = Register(folded)
    n = register.count
    with_realised = realised is not None
    columns = {name: np.empty(n, dtype=np.int64)
               for name in ("task", "swapped", "carried", "corrected")}
    realised_counts = np.zeros(n, dtype=np.int64)
    balance = np.zeros(n, dtype=np.int64)
    options = _opvang.opv_housing_options()
    options.national = national
    options.set_period(period)
    options.carry_advance = 1 if carry_advance else 0
    summary = _opvang.opv_housing_summary()
    _opvang.opv_swig_housing_task(
        columns["task"], columns["swapped"], columns["carried"], columns["corrected"],
        realised_counts, balance, summary, register.handle, options,
        previous_source, previous_text, realised_source, realised_text,
        swaps_source, swaps_text)

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
    share_passed = None
    if (realised_log is None) != (as_of is None):
        raise Error("realised_log and as_of go together: the dated counts and the day to count "
                    "them to", EINVAL)
    if realised_log is not None:
        if isinstance(count, str) or not all(isinstance(kind, str) for kind in count):
            raise TypeError("count must be a sequence of kinds such as ('woning', 'nareis')")
        count = strings(count, "count")
        log_source, log_text = frame_table(
            realised_log, "realised_log",
            ("code", "date", "count") + (("kind",) if isinstance(realised_log, pd.DataFrame)
                                         and "kind" in realised_log.columns else ()),
            integer=("count",), dates=("date",))
        to_date = np.empty(n, dtype=np.int64)
        values = np.empty(3 * n, dtype=np.float64)
        passed = np.empty(1, dtype=np.float64)
        counting = _opvang.opv_realisation_options()
        counting.set_period(period)
        counting.set_as_of(date_text(as_of, "as_of"))
        counting.set_counting_kinds(",".join(count) or ",")
        _opvang.opv_swig_housing_realisation(to_date, values, passed, register.handle,
                                             columns["corrected"], log_source, log_text, counting)
        values = values.reshape(n, 3)
        frame["realised_to_date"] = to_date
        frame["share_realised"] = values[:, 0].copy()
        frame["expected_to_date"] = values[:, 1].copy()
        frame["projected_balance"] = values[:, 2].copy()
        share_passed = float(passed[0])
    frame = pd.DataFrame(frame, copy=False)

    frame.attrs.update({
        "share_passed": share_passed,
        "national": int(national),
        "period": period,
        "carry_advance": bool(carry_advance),
        "task_sum": summary.task,
        "corrected_sum": summary.corrected,
        "balance_sum": summary.balance if with_realised else None,
        "population_total": summary.population_total,
        "warning": summary.warning,
    })
    # The figure the ministry publishes is the sum of the positive balances.
    national = np.zeros(3, dtype=np.int64)
    if with_realised:
        _opvang.opv_swig_housing_backlog(national, balance)
    frame.attrs.update({name: int(value) if with_realised else None
                        for name, value in zip(("backlog", "advance", "net_balance"), national)})
    frame.attrs.update(register.attrs)
    if summary.warning:
        warnings.warn(summary.warning, UserWarning, stacklevel=2)
    return frame


def supervision(history: Table, as_of: Date, thresholds: Sequence[int] = (1, 2, 3, 4),
                tolerance: int | str = 0, warning_term: int = 13,
                municipalities: RegisterSource = None) -> pd.DataFrame:
    """Where every municipality stands on the province's interventieladder, as of a date.

    The half-year judged is the latest that ended on or before ``as_of``; a
    municipality without a balance for it is ``no_data``, never carried
    forward.  A half-year is missed when its closing balance exceeds the
    tolerance; the misses are counted back from the half-year judged, a
    half-year not missed or without a record ending the count.  ``thresholds``
    misses reach ``signalling``, ``administrative_talk`` (bestuurlijk
    overleg), ``warning`` (a term to comply) and ``substitution``
    (indeplaatsstelling, Gemeentewet art. 124); below the first a municipality
    is ``on_track``.  A stage begins the day after the half-year that brought
    the count to its threshold ended.  The defaults 1, 2, 3, 4 and a term of
    13 weeks are assumptions where no source gives one (docs/supervision.md).

    Parameters
    ----------
    history : str, os.PathLike or pandas.DataFrame
        Closing balances: columns ``code``, ``period`` (``"2025-H2"``),
        ``balance`` and optionally ``task`` (as :func:`housing_task` gives).
    as_of : datetime.date or str
        The day of the assessment.  Required, so that the result does not
        change with the calendar.
    thresholds : sequence of four int
        Missed half-years for each stage, not decreasing, from 1.  A province
        may step faster: ``(1, 1, 1, 1)`` (ECLI:NL:RVS:2018:2647).
    tolerance : int or str
        People (``10``), or a share of the half-year's task (``"5%"``), which
        needs the history's ``task`` column.
    warning_term : int
        Weeks of the term a warning sets, 1 to 520.
    municipalities : str or os.PathLike, optional
        A register CSV file; the embedded register without it.

    Returns
    -------
    pandas.DataFrame
        One row per municipality in register order: ``code``, ``name``,
        ``stage``, ``consecutive_misses`` (int64), ``first_missed`` (the
        first half-year of the count, or None), ``entered`` and
        ``term_ends`` (datetime64[ns], NaT for none), ``balance`` and ``task``
        (int64, of the half-year judged; -1 for an unknown task).
        ``df.attrs`` holds ``as_of``, ``period`` (the half-year judged),
        ``thresholds``, ``tolerance``, ``warning_term`` and the national
        figures of the balances judged: ``backlog`` (the sum of the positive
        balances, as published), ``advance``, ``net_balance`` and
        ``no_data``.

    Raises
    ------
    opvang.Error
        For thresholds that decrease or start below 1, a negative tolerance or
        a share outside 0%..100%, a share without a task column, a term
        outside 1..520, an as-of date before the end of the history's first
        half-year, a malformed period or balance (named with its line), an
        unknown municipality code, or a municipality with two balances for
        one half-year.
    """
    try:
        thresholds = tuple(integer(value, f"thresholds[{k}]")
                           for k, value in enumerate(thresholds))
    except TypeError:
        raise TypeError("thresholds must be four whole numbers") from None
    if len(thresholds) != 4:
        raise Error(f"thresholds must be four numbers (signalling, administrative_talk, warning, "
                    f"substitution), got {len(thresholds)}", EINVAL)
    if isinstance(tolerance, str):
        tolerance_text = string(tolerance, "tolerance")
    else:
        people = whole_number(tolerance, "tolerance")
        if not people.is_integer():
            raise Error(f"tolerance must be whole people or a share such as '5%', got {tolerance}",
                        EINVAL)
        tolerance_text = str(int(people))
    warning_term = whole_number(warning_term, "warning_term")
    if not 1 <= warning_term <= 520:
        raise Error(f"warning_term must be 1 to 520 weeks, got {warning_term}", EINVAL)
    as_of_text = date_text(as_of, "as_of")
    wanted = ("code", "period", "balance")
    if isinstance(history, pd.DataFrame) and "task" in history.columns:
        wanted += ("task",)
    source, text = frame_table(history, "history", wanted, integer=("balance", "task"))

    register = open_register(municipalities)
    n = register.count
    columns = _ladder_columns()
    values = np.empty(n * len(columns), dtype=np.int64)
    national = np.empty(5, dtype=np.int64)
    options = _opvang.opv_ladder_options()
    options.set_as_of(as_of_text)
    options.set_thresholds(*thresholds)
    options.set_tolerance(tolerance_text)
    options.warning_term_weeks = int(warning_term)
    _opvang.opv_swig_ladder(values, national, register.handle, source, text, options)
    values = values.reshape(n, len(columns))
    column = {name: values[:, k] for k, name in enumerate(columns)}

    def period(number):
        return None if number == 0 else f"{number // 10:04d}-H{number % 10}"

    frame = pd.DataFrame({
        "code": register.text["code"].copy(),
        "name": register.text["name"].copy(),
        "stage": _stage_names()[column["stage"]],
        "consecutive_misses": column["consecutive_misses"].copy(),
        "first_missed": np.array([period(int(v)) for v in column["first_missed"]], dtype=object),
        "entered": day_column(column["entered"], zero_is_missing=True),
        "term_ends": day_column(column["term_ends"], zero_is_missing=True),
        "balance": column["balance"].copy(),
        "task": column["task"].copy(),
    }, copy=False)
    frame.attrs.update({
        "as_of": pd.Timestamp(as_of_text),
        "period": period(int(national[4])),
        "thresholds": thresholds,
        "tolerance": tolerance if isinstance(tolerance, str) else int(tolerance),
        "warning_term": warning_term,
        "backlog": int(national[0]),
        "advance": int(national[1]),
        "net_balance": int(national[2]),
        "no_data": int(national[3]),
    })
    return frame


def _ladder_columns():
    names = []
    while True:
        name = _opvang.opv_ladder_column_name(len(names))
        if name is None:
            return tuple(names)
        names.append(name)


def _stage_names():
    names = []
    while True:
        name = _opvang.opv_stage_name(len(names))
        if name is None:
            return np.array(names, dtype=object)
        names.append(name)
