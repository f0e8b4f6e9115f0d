# SPDX-License-Identifier: EUPL-1.2
"""Reception places per municipality on a date, and capacity week by week."""

import os
import pathlib
from collections.abc import Sequence

import numpy as np
import pandas as pd

from . import _opvang
from ._convert import string, strings, whole_number
from ._dates import weekly_column
from ._register import date_text, input_file, open_register, output_path
from ._tables import NO_TABLE, frame_table, keyed_table
from ._types import (Date, FilePath, KeyedTable, Number, RegisterSource,
                     Scenario, Scores, Table, WholeNumber)
from .errors import EINVAL, ENOTFOUND, Error

__all__ = ["capacity", "places", "report"]

_LOCATION_COLUMNS = ("id", "code", "name", "type", "agreed_capacity", "capacity", "opens",
                     "closes")
_REGISTER_COLUMNS = ("code", "name", "province_code", "province")


_PLACES = ("task", "task_amv", "places_counting", "places_counting_amv", "places_total",
           "places_above_agreement", "gap", "gap_amv", "met")
_NEEDS_TASK = ("task", "task_amv", "gap", "gap_amv", "met", "municipalities_short")
_LEVELS = ("municipality", "province", "nation")
_TASK_COLUMNS = ("code", "gemeentecode", "task", "task_amv", "name", "gemeentenaam")


def places(locations: Table, date: Date | None = None, tasks: KeyedTable | None = None,
           total: WholeNumber | None = None, amv: WholeNumber = 0, ses: Scores | None = None,
           by: str = "municipality", min_years: Number = 5, municipalities: RegisterSource = None,
           shortfalls_only: bool = False, *, start: Date | None = None, end: Date | None = None,
           every: str = "week", durability: str = "agreed-period",
           existing_min_places: WholeNumber = 0, existing_before: Date | None = None,
           population_date: Date | None = None, map_mergers: bool = False,
           counting_types: Sequence[str] = ("azc", "amv"),
           count_above_agreement: bool = False) -> pd.DataFrame:
    """Who has met the Spreidingswet task on a day: places counted as the law counts them.

    The rules are the library's (``opvang places --help`` and
    docs/counting.md give each with its legal source): a location is open on
    a day when ``opens <= day < closes``; it counts when its type is ``azc``
    or ``amv`` and it is durable (open-ended, or agreed for at least
    ``min_years`` years); a counting location adds ``min(capacity,
    agreed_capacity)``, so places above the administrative agreement never
    count; places of ``amv`` locations count toward the AMV part of the task.
    ``gap = task - places_counting`` and ``gap_amv = task_amv -
    places_counting_amv``; the task is met when both are 0 or less.

    Parameters
    ----------
    locations : str, os.PathLike or pandas.DataFrame
        The locations: columns ``id``, ``code``, ``name``, ``type`` (azc,
        amv, nood, spoednood, crisis, hotel, doorstroom),
        ``agreed_capacity``, ``capacity``, ``opens`` and ``closes`` (dates;
        empty or missing ``closes``: open-ended).
    date : str or datetime.date
        The day to look at.  Required unless ``start`` and ``end`` are given:
        there is no sensible default ("today" would make the result depend on
        when it runs).
    tasks : str, os.PathLike, pandas.DataFrame, pandas.Series or dict, optional
        The task per municipality (``task_source`` "tasks-file"): columns
        ``code``, ``task`` and optionally ``task_amv`` (the part that must be
        AMV places; default 0) and ``name`` (checked against the register),
        or a mapping from code to task; municipalities left out have task 0.
    total : int, optional
        Instead of ``tasks``: the indicative key of ``total`` places, of
        which ``amv`` AMV, as :func:`opvang.distribute` computes it;
        "key-ses" with ``ses`` (or a register with scores), else
        "key-population", which is not the legal key (a warning in
        ``df.attrs["warnings"]`` says so).
    amv, ses
        As for :func:`opvang.distribute`, with ``total``.
    by : {"municipality", "province", "nation"}
        Province and nation rows are sums over their municipalities: the gap
        is the net gap, a surplus in one municipality counting toward its
        province.
    min_years : int
        The shortest agreed run that is durable (default 5).
    municipalities : str or os.PathLike, optional
        A register CSV file; the embedded register of ``population_date``
        without it.
    shortfalls_only : bool
        Only the rows that have not met their task, largest gap first (ties
        in register order).  Needs a task.
    start, end : str or datetime.date, optional
        Instead of ``date``: a series of days, every week from ``start`` or
        the 1st of every month (``every="month"``), up to ``end``; the frame
        gets a leading ``date`` column.
    every : {"week", "month"}
    durability : {"agreed-period", "remaining"}
        Durability over the whole agreed period (the Besluit's reading), or
        over what remains of it from the day looked at.
    existing_min_places : int
        A location opened before ``existing_before`` (default 2024-02-01,
        when the law came into force) counts only with at least this many
        counting places; 0 (the default) switches the rule off.
    population_date : str or datetime.date, optional
        The embedded register's date: "2023-01-01", "2024-01-01" (the
        default) or "2025-01-01".  The key depends on it.
    map_mergers : bool
        Count the code of a merged municipality (GM0501 Brielle, now GM1992
        Voorne aan Zee) as its successor instead of refusing it.
    counting_types : sequence of str
        The types whose durable places count (the law: azc and amv).
    count_above_agreement : bool
        Count the places in use above the agreement too (the law counts at
        most the agreed capacity).  Another reading, to compare.

    Returns
    -------
    pandas.DataFrame
        By municipality, in register order: ``code``, ``name``,
        ``province_code``, ``province``, ``task_source``, ``task``,
        ``task_amv``, ``places_counting``, ``places_counting_amv``,
        ``places_total``, ``places_above_agreement``, ``gap``, ``gap_amv``
        and ``met``.  By province or nation: ``province_code``,
        ``province``, ``municipalities``, the same from ``task`` to ``met``,
        and ``municipalities_short``.  Without a task, the task columns,
        gaps and ``met`` are NA (nullable Int64 and boolean).  ``df.attrs``
        holds what the table rests on: ``date`` (or ``start``, ``end`` and
        ``every``), ``task_source``, ``task_origin``, ``min_years``,
        ``durability``, ``existing_min_places``, ``existing_before``, the
        register's ``source``, ``population_date`` and ``map_mergers``,
        ``notes`` (as the command line prints them) and ``warnings``.

    Raises
    ------
    opvang.Error
        Without a date, or for one that does not exist; with both ``tasks``
        and ``total``; for a locations row with an unknown municipality code
        (or that of a merged one, naming the merger) or type, a bad date,
        ``closes`` on or before ``opens``, a negative capacity or an id that
        occurs twice; for a tasks row with an unknown code, a task that is
        negative or not whole, or ``task_amv`` above ``task`` (each with its
        line).
    """
    series = start is not None or end is not None
    if series and date is not None:
        raise Error("give either date or start and end, not both", EINVAL)
    if series and (start is None or end is None):
        raise Error("start and end go together", EINVAL)
    if not series and date is None:
        raise Error("places needs a date (YYYY-MM-DD): the places on which day?", EINVAL)
    if by not in _LEVELS:
        raise Error(f"unknown level {by!r} for by (known: {', '.join(_LEVELS)})", ENOTFOUND)
    _check_task_args(tasks, total, amv, ses, existing_min_places, existing_before)
    with_task = tasks is not None or total is not None
    if shortfalls_only and not with_task:
        raise Error("shortfalls_only needs a task (tasks or total)", EINVAL)

    register = open_register(municipalities, population_date, map_mergers)
    source, text = _locations_table(locations)
    table = _opvang.opv_locations(register.handle, source, text)
    task_handle = _tasks(register, tasks, total, amv, ses)
    rules = _rules(min_years, durability, existing_min_places, existing_before, counting_types,
                   count_above_agreement)
    if series:
        days = _days(date_text(start, "start"), date_text(end, "end"), every)
    else:
        days = [date_text(date, "date")]

    frames = []
    for day in days:
        result = _opvang.opv_compliance(register.handle, table, task_handle, with_task, day,
                                        rules)
        frame = _level_frame(register, result, by, with_task, task_handle)
        if shortfalls_only:
            order = np.empty(_opvang.opv_swig_compliance_rows(result, by), dtype=np.int64)
            count = _opvang.opv_swig_compliance_shortfalls(order, result, by)
            frame = frame.iloc[order[:count]].reset_index(drop=True)
        if series:
            frame.insert(0, "date", pd.Timestamp(day))
        frames.append(frame)
        last = result
    frame = pd.concat(frames, ignore_index=True) if series else frames[0]

    attrs = {"date": None if series else days[0]}
    if series:
        attrs.update(start=date_text(start, "start"), end=date_text(end, "end"), every=every)
    attrs.update(
        task_source=_task_source(task_handle) if with_task else None,
        task_origin=_opvang.opv_tasks_origin(task_handle) if with_task else None,
        min_years=rules.min_years, durability=durability,
        existing_min_places=rules.existing_min_places,
        existing_before=_opvang.opv_swig_date_text(rules.existing_before),
        counting_types=_counting_text(counting_types),
        count_above_agreement=bool(rules.count_above_agreement),
        locations=_opvang.opv_locations_count(table))
    attrs.update(register.attrs)
    if not with_task or attrs["task_source"] == "tasks-file":
        attrs["population_date"] = None  # no result here rests on a population
    attrs["notes"], attrs["warnings"] = _notes(register, last, attrs, days[-1], with_task)
    frame.attrs.update(attrs)
    return frame


def _check_task_args(tasks, total, amv, ses, existing_min_places, existing_before):
    """Refuses what places() and report() take only together, as the command line does."""
    if tasks is not None and total is not None:
        raise Error("give either tasks or total (the indicative key), not both", EINVAL)
    if total is None and (ses is not None or amv != 0):
        raise Error("amv and ses go with total", EINVAL)
    if existing_before is not None and existing_min_places == 0:
        raise Error("existing_before needs existing_min_places above 0", EINVAL)


def _counting_text(counting_types):
    """The counting types as the library reads them: "azc,amv"."""
    if isinstance(counting_types, str):
        counting_types = (counting_types,)
    return ",".join(strings(counting_types, "counting_types"))


def _rules(min_years, durability, existing_min_places, existing_before, counting_types,
           count_above_agreement):
    """The counting rules as the library's options (opv_compliance_options)."""
    rules = _opvang.opv_compliance_options()
    rules.min_years = whole_number(min_years, "min_years")
    rules.set_durability(string(durability, "durability"))
    rules.existing_min_places = whole_number(existing_min_places, "existing_min_places")
    if existing_before is not None:
        rules.set_existing_before(date_text(existing_before, "existing_before"))
    counting = _counting_text(counting_types)
    if counting:  # none given: the law's types stay
        rules.set_counting_types(counting)
    rules.count_above_agreement = int(bool(count_above_agreement))
    return rules


def report(out: FilePath, locations: Table, date: Date, tasks: KeyedTable | None = None,
           total: WholeNumber | None = None, amv: WholeNumber = 0, ses: Scores | None = None,
           min_years: Number = 5, municipalities: RegisterSource = None,
           durability: str = "agreed-period", existing_min_places: WholeNumber = 0,
           existing_before: Date | None = None, population_date: Date | None = None,
           map_mergers: bool = False, counting_types: Sequence[str] = ("azc", "amv"),
           count_above_agreement: bool = False, scenario: Scenario | None = None,
           runs: int = 1000, seed: int = 0, housing_national: WholeNumber | None = None,
           housing_period: str | None = None, previous_balance: KeyedTable | None = None,
           realised: KeyedTable | None = None,
           history: Table | None = None) -> pathlib.Path:
    """Write the letter to every municipality as a static HTML site in ``out``.

    ``out/index.html`` holds the nation (task, counted places, gap, a map of
    all municipalities coloured by their gap as a share of the task, the
    provinces and the municipalities that fall short);
    ``out/provinces/PVxx.html`` each province and
    ``out/municipalities/GMxxxx.html`` each municipality, with its task and
    where it comes from, every location and whether its places count, its gap
    and what the letter of 26 March 2026 asks it to explain.  Every number is
    that of :func:`places` for the same inputs (``opvang report`` on the
    command line writes the same pages).  The pages are self-contained, work
    from ``file://`` and print on A4.

    Parameters are those of :func:`places` for one ``date``; a task
    (``tasks`` or ``total``) is required.  ``out`` must not exist, be empty or
    hold an earlier report, which is replaced only once the new one is
    complete; nothing is written when an input is refused.  With
    ``scenario`` (as for :func:`project`) the index adds the shortfall
    projection: a chart of occupancy, capacity and shortage and a table, with
    the Monte Carlo band P5-P95 of ``runs`` runs from ``seed`` when the
    scenario has a monte_carlo section.  With ``housing_national`` and
    ``housing_period`` every municipality's page adds its status-holder
    housing task of that half-year as :func:`housing_task` computes it (on
    the population of 1 January of the year before, or of
    ``municipalities``), the balance with ``previous_balance`` and
    ``realised`` (as for :func:`housing_task`), and the stage of the
    province's supervision with ``history`` (as for :func:`supervision`).

    Returns
    -------
    pathlib.Path
        ``out/index.html``.
    """
    if tasks is None and total is None:
        raise Error("the report needs a task: tasks or total", EINVAL)
    _check_task_args(tasks, total, amv, ses, existing_min_places, existing_before)
    out_dir = output_path(out, "out")
    register = open_register(municipalities, population_date, map_mergers)
    source, text = _locations_table(locations)
    table = _opvang.opv_locations(register.handle, source, text)
    task_handle = _tasks(register, tasks, total, amv, ses)
    scenario_handle, scenario_name = None, ""
    if scenario is not None:
        from ._projection import _scenario_document
        scenario_source, scenario_text = _scenario_document(scenario)
        scenario_handle = _opvang.opv_scenario(register.handle, scenario_source, scenario_text, "")
        scenario_name = scenario_source if not scenario_text else "<dict>"
    if (housing_national is None) != (housing_period is None):
        raise Error("housing_national and housing_period go together", EINVAL)
    if housing_period is None and any(t is not None for t in (previous_balance, realised,
                                                               history)):
        raise Error("previous_balance, realised and history go with housing_national and "
                    "housing_period", EINVAL)
    previous = keyed_table(previous_balance, "previous_balance", "balance")
    housed = keyed_table(realised, "realised", "realised")
    balances = NO_TABLE if history is None else frame_table(
        history, "history", ("code", "period", "balance"), integer=("balance",))
    tasks_name = ""
    if tasks is not None:
        tasks_name = (input_file(tasks, "tasks") if isinstance(tasks, (str, bytes, os.PathLike))
                      else "<DataFrame>")
    _opvang.opv_swig_report(out_dir, register.handle, table, task_handle,
                            date_text(date, "date"),
                            _rules(min_years, durability, existing_min_places, existing_before,
                                   counting_types, count_above_agreement),
                            source if not text else "<DataFrame>", tasks_name,
                            scenario_handle, scenario_name, float(whole_number(runs, "runs")),
                            float(whole_number(seed, "seed")),
                            _housing_options(housing_national, housing_period),
                            municipalities is not None, *previous, *housed, *balances)
    return pathlib.Path(out_dir) / "index.html"


def _tasks(register, tasks, total, amv, ses):
    """The library's tasks object for ``tasks`` or the key of ``total``, or None."""
    if tasks is not None:
        if isinstance(tasks, pd.DataFrame):
            columns = [c for c in _TASK_COLUMNS if c in tasks.columns]
            source, text = frame_table(tasks, "tasks", columns,
                                       integer=[c for c in ("task", "task_amv") if c in columns])
        else:
            source, text = keyed_table(tasks, "tasks", "task")
        return _opvang.opv_tasks(register.handle, source, text, "", "", 0.0, 0.0)
    if total is not None:
        ses_source, ses_text = _ses_table(ses)
        return _opvang.opv_tasks(register.handle, "", "", ses_source, ses_text,
                                 float(whole_number(total, "total")),
                                 float(whole_number(amv, "amv")))
    return None


def _ses_table(ses):
    """SES-WOA scores as a ``code,ses`` table (source, text) for the library."""
    if ses is None:
        return NO_TABLE
    if isinstance(ses, (pd.Series, dict)):
        pairs = list(ses.items())
        frame = pd.DataFrame({"code": [str(code) for code, _ in pairs],
                              "ses": [score for _, score in pairs]})
        return frame_table(frame, "ses", ("code", "ses"), source="<ses>")
    return frame_table(ses, "ses", ("code", "ses"))


def _days(start, end, every):
    if not isinstance(every, str):
        raise TypeError(f"every must be 'week' or 'month', not {type(every).__name__}")
    every = string(every, "every")
    count = _opvang.opv_swig_date_series(np.empty(0, dtype=np.int64), start, end, every)
    if count == 0:
        raise Error(f"there is no 1st of a month from {start} to {end}", EINVAL)
    numbers = np.empty(count, dtype=np.int64)
    _opvang.opv_swig_date_series(numbers, start, end, every)
    return [_opvang.opv_swig_date_text(int(d)) for d in numbers]


def _column(result, level, name, rows):
    values = np.empty(rows, dtype=np.int64)
    _opvang.opv_swig_compliance_column(values, result, level, name)
    return values


def _level_frame(register, result, by, with_task, task_handle):
    rows = _opvang.opv_swig_compliance_rows(result, by)
    no_task = np.full(rows, not with_task)
    if by == "municipality":
        frame = {name: register.text[name].copy() for name in _REGISTER_COLUMNS}
        source = _task_source(task_handle) if with_task else None
        frame["task_source"] = np.full(rows, source, dtype=object)
    elif by == "province":
        frame = {name: register.provinces[name].copy() for name in ("province_code", "province")}
    else:
        frame = {"province_code": np.array(["NL"], dtype=object),
                 "province": np.array(["Nederland"], dtype=object)}
    if by != "municipality":
        frame["municipalities"] = _column(result, by, "municipalities", rows)
    names = _PLACES + (("municipalities_short",) if by != "municipality" else ())
    for name in names:
        values = _column(result, by, name, rows) if with_task or name not in _NEEDS_TASK \
            else np.zeros(rows, dtype=np.int64)
        if name == "met":
            frame[name] = pd.arrays.BooleanArray(values != 0, no_task.copy())
        elif name in _NEEDS_TASK:
            frame[name] = pd.arrays.IntegerArray(values, no_task.copy())
        else:
            frame[name] = values
    return pd.DataFrame(frame, copy=False)


def _notes(register, result, attrs, day, with_task):
    """The notes and warnings the command line prints, for the same input."""
    notes, warnings = [], []
    if not with_task:
        return notes, warnings
    notes.append(f"task source: {attrs['task_source']} ({attrs['task_origin']})")
    if attrs["task_source"] != "tasks-file":
        notes.append(f"population of {register.reference_date or 'unknown date'} "
                     f"({register.source})")
    if attrs["task_source"] == "key-population":
        warnings.append("the task is the key by population alone, not the legal key, which "
                        "weighs SES-WOA (give ses, or tasks with the decided tasks)")
    rows = register.count
    met = _column(result, "municipality", "met", rows)
    gap = _column(result, "municipality", "gap", rows)
    gap_amv = _column(result, "municipality", "gap_amv", rows)
    notes.append(f"on {day} {int((met == 0).sum())} of {rows} municipalities have not met their "
                 f"task; together they lack {int(gap[gap > 0].sum())} places, "
                 f"{int(gap_amv[gap_amv > 0].sum())} of them AMV places")
    return notes, warnings


def capacity(locations: Table, start: Date, end: Date, by: str | None = None,
             municipalities: RegisterSource = None) -> pd.DataFrame:
    """Reception capacity week by week, from the locations open on each week's first day.

    Parameters
    ----------
    locations : str, os.PathLike or pandas.DataFrame
        As for :func:`places`.
    start, end : str or datetime.date
        Week k starts on ``start + 7k``; the last week starts on or before
        ``end``.
    by : {None, "type", "province"}
        One column per location type (the default), in the order azc, amv,
        nood, spoednood, crisis, hotel, doorstroom; or one per province
        (named by province, in register order).
    municipalities : str or os.PathLike, optional
        A register CSV file; the embedded register without it.

    Returns
    -------
    pandas.DataFrame
        ``week_start`` (datetime64[ns]), one int64 column per type or
        province, and ``total``.  ``df.attrs`` holds ``start``, ``end`` and
        ``by``.

    Raises
    ------
    opvang.Error
        For a date that does not exist, ``end`` before ``start``, an unknown
        breakdown, or a locations table that is not valid (as
        :func:`places`).
    FileNotFoundError, PermissionError, IsADirectoryError
        For a file that is not there or cannot be read (an ``OSError``
        with ``errno`` and ``filename``).
    """
    start = date_text(start, "start")
    end = date_text(end, "end")
    by = "type" if by is None else by
    if not isinstance(by, str):
        raise TypeError(f"by must be None, 'type' or 'province', not {type(by).__name__}")
    by = string(by, "by")
    source, text = _locations_table(locations)
    register = open_register(municipalities)
    table = _opvang.opv_locations(register.handle, source, text)

    weeks = _opvang.opv_swig_capacity_weeks(start, end)
    ncolumns = _opvang.opv_swig_capacity_columns(register.handle, by)
    values = np.empty(weeks * ncolumns, dtype=np.int64)
    _opvang.opv_swig_capacity(values, register.handle, table, start, end, by)
    values = values.reshape(weeks, ncolumns)

    if by == "type":
        names = [_opvang.opv_location_type_name(k) for k in range(ncolumns)]
    else:
        names = list(register.provinces["province"])
    frame = {"week_start": weekly_column(_opvang.opv_swig_date_days(start), weeks)}
    for k, name in enumerate(names):
        frame[name] = values[:, k].copy()
    frame["total"] = values.sum(axis=1)
    frame = pd.DataFrame(frame, copy=False)
    frame.attrs.update({"start": start, "end": end, "by": by})
    return frame


def _locations_table(locations):
    return frame_table(locations, "locations", _LOCATION_COLUMNS,
                       integer=("agreed_capacity", "capacity"), dates=("opens", "closes"))


def _task_source(task_handle):
    """Where the tasks come from: "tasks-file", "key-ses" or "key-population"."""
    return _opvang.opv_task_source_name(_opvang.opv_tasks_source(task_handle))


def _housing_options(national, period):
    """The housing task's options for the report, or None for no housing section."""
    if period is None:
        return None
    options = _opvang.opv_housing_options()
    options.national = whole_number(national, "housing_national")
    options.set_period(string(period, "housing_period"))
    return options
