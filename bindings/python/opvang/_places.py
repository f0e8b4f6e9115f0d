# SPDX-License-Identifier: EUPL-1.2
"""Reception places per municipality on a date, and capacity week by week."""

import datetime

import numpy as np
import pandas as pd

from . import _opvang
from ._distribution import _Distribution
from ._register import open_register
from ._tables import date_text, frame_table, keyed_table
from .errors import EINVAL, ENOTFOUND, Error

__all__ = ["capacity", "places"]

_LOCATION_COLUMNS = ("id", "code", "name", "type", "agreed_capacity", "capacity", "opens",
                     "closes")
_REGISTER_COLUMNS = ("code", "name", "province_code", "province")
_PLACES_COLUMNS = ("places_counting", "places_total", "places_above_agreement")
_LEVELS = ("municipality", "province")
_EPOCH = datetime.date(1970, 1, 1)


def places(locations, date=None, tasks=None, total=None, amv=0, ses=None, by="municipality",
           min_years=5, municipalities=None, shortfalls_only=False):
    """Reception places per municipality on a date, against the Spreidingswet task.

    A location is open on ``date`` when ``opens <= date < closes`` (the
    closing day no longer counts).  Its places count toward the task when it
    is of type ``azc`` or ``amv`` and is open-ended or runs at least
    ``min_years`` years; emergency, crisis, hotel and transit places never
    count.  ``gap = task - places_counting``; the task is met when the gap
    is 0 or less.

    Parameters
    ----------
    locations : str, os.PathLike or pandas.DataFrame
        The locations: columns ``id``, ``code``, ``name``, ``type`` (azc,
        amv, nood, spoednood, crisis, hotel, doorstroom),
        ``agreed_capacity``, ``capacity``, ``opens`` and ``closes`` (dates;
        empty or missing ``closes``: open-ended).
    date : str, datetime.date
        The day to look at.  Required: there is no sensible default ("today"
        would make the result depend on when it runs), so None raises
        :class:`opvang.Error`.
    tasks : str, os.PathLike, pandas.DataFrame, pandas.Series or dict, optional
        The task per municipality: columns ``code`` and ``task``, or a
        mapping from code to task; municipalities left out have task 0.
    total : int, optional
        Instead of ``tasks``: the national number of places, whose
        distribution (:func:`opvang.distribute` with ``amv`` and ``ses``)
        gives the tasks.
    amv, ses
        As for :func:`opvang.distribute`, with ``total``.
    by : {"municipality", "province"}
    min_years : int
        The shortest run that counts toward the task (default 5: a
        location of exactly five years counts, one day less does not).
    municipalities : str or os.PathLike, optional
        A register CSV file; the embedded register without it.
    shortfalls_only : bool
        Only the municipalities that have not met their task, largest gap
        first (ties in register order).  Needs a task; municipality level.

    Returns
    -------
    pandas.DataFrame
        By municipality, in register order: ``code``, ``name``,
        ``province_code``, ``province``, ``task``, ``places_counting``,
        ``places_total``, ``places_above_agreement``, ``gap`` and ``met``
        (``task`` and ``gap`` nullable Int64 and ``met`` nullable boolean,
        NA without a task).  By province: ``province_code``, ``province``, and
        the sums over its municipalities ``task``, ``places_counting``,
        ``places_total``, ``places_above_agreement`` and
        ``municipalities_short`` (how many have not met their task).
        ``df.attrs`` holds ``date``, ``min_years``,
        ``locations`` (rows read), ``task_from`` ("tasks", "distribution" or
        None), ``shortfalls`` and the register's ``source`` and
        ``reference_date``.

    Raises
    ------
    opvang.Error
        Without a date or for one that does not exist ("2026-02-30"); with
        both ``tasks`` and ``total``; for a locations row with an unknown
        municipality code or type, a bad date, ``closes`` on or before
        ``opens``, a negative capacity or an id that occurs twice (each named
        with its line); for an unknown code or a negative task in ``tasks``.
    """
    if date is None:
        raise Error("places needs a date (YYYY-MM-DD): the places on which day?", EINVAL)
    date = date_text(date, "date")
    if by not in _LEVELS:
        raise Error(f"unknown level {by!r} for by (known: {', '.join(_LEVELS)})", ENOTFOUND)
    if tasks is not None and total is not None:
        raise Error("give either tasks or total (whose distribution gives the tasks), not both",
                    EINVAL)
    with_task = tasks is not None or total is not None
    if shortfalls_only and (not with_task or by != "municipality"):
        raise Error("shortfalls_only needs a task (tasks or total) and by='municipality'", EINVAL)
    source, text = _locations_table(locations)

    if total is not None:
        run = _Distribution(total, amv, ses, None, "hamilton", "round", municipalities, False)
        register, task = run.register, run.places
    else:
        register = open_register(municipalities)
        task = np.empty(register.count if with_task else 0, dtype=np.int64)
    table = _opvang.opv_locations(register.handle, source, text)
    if tasks is not None:
        task_source, task_text = keyed_table(tasks, "tasks", "task")
        _opvang.opv_swig_keyed_int64(task, register.handle, task_source, task_text, "task", 1)

    n = register.count
    columns = {name: np.empty(n, dtype=np.int64) for name in _PLACES_COLUMNS}
    gap = np.zeros(n, dtype=np.int64)
    _opvang.opv_swig_places(columns["places_total"], columns["places_above_agreement"],
                            columns["places_counting"], gap if with_task else gap[:0],
                            register.handle, table, task, date, min_years)
    if not with_task:
        task = np.zeros(n, dtype=np.int64)
    short = gap > 0
    no_task = np.full(n, not with_task)

    attrs = {
        "date": date,
        "min_years": min_years,
        "locations": _opvang.opv_swig_locations_count(table),
        "task_from": "tasks" if tasks is not None else "distribution" if with_task else None,
        "shortfalls": int(short.sum()) if with_task else None,
        "source": register.source,
        "reference_date": register.reference_date,
    }

    if by == "province":
        provinces = register.provinces
        frame = {name: provinces[name].copy() for name in ("province_code", "province")}
        sums = [("task", task)] + [(name, columns[name]) for name in _PLACES_COLUMNS]
        sums.append(("municipalities_short", short.astype(np.int64)))
        for name, values in sums:
            frame[name] = np.empty(len(frame["province_code"]), dtype=np.int64)
            _opvang.opv_swig_sum_by_province(frame[name], register.handle, values)
        if not with_task:
            for name in ("task", "municipalities_short"):
                frame[name] = pd.arrays.IntegerArray(frame[name],
                                                     np.ones(len(frame[name]), dtype=bool))
        frame = pd.DataFrame(frame, copy=False)
    else:
        frame = {name: register.text[name].copy() for name in _REGISTER_COLUMNS}
        frame["task"] = pd.arrays.IntegerArray(task, no_task.copy())
        frame.update(columns)
        frame["gap"] = pd.arrays.IntegerArray(gap, no_task.copy())
        frame["met"] = pd.arrays.BooleanArray(~short, no_task)
        frame = pd.DataFrame(frame, copy=False)
        if shortfalls_only:
            order = np.empty(n, dtype=np.int64)
            count = _opvang.opv_swig_places_shortfalls(order, gap)
            frame = frame.iloc[order[:count]].reset_index(drop=True)
    frame.attrs.update(attrs)
    return frame


def capacity(locations, start, end, by=None, municipalities=None):
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
        ``week_start`` (datetime.date), one int64 column per type or
        province, and ``total``.  ``df.attrs`` holds ``start``, ``end`` and
        ``by``.

    Raises
    ------
    opvang.Error
        For a date that does not exist, ``end`` before ``start``, an unknown
        breakdown, or a locations table that cannot be read (as
        :func:`places`).
    """
    start = date_text(start, "start")
    end = date_text(end, "end")
    by = "type" if by is None else by
    if not isinstance(by, str):
        raise TypeError(f"by must be None, 'type' or 'province', not {type(by).__name__}")
    source, text = _locations_table(locations)
    register = open_register(municipalities)
    table = _opvang.opv_locations(register.handle, source, text)

    weeks = _opvang.opv_swig_capacity_weeks(start, end)
    ncolumns = _opvang.opv_swig_capacity_columns(register.handle, by)
    values = np.empty(weeks * ncolumns, dtype=np.int64)
    _opvang.opv_swig_capacity(values, register.handle, table, start, end, by)
    values = values.reshape(weeks, ncolumns)

    if by == "type":
        names = [_opvang.opv_swig_location_type_name(k) for k in range(ncolumns)]
    else:
        names = list(register.provinces["province"])
    first = _EPOCH + datetime.timedelta(days=_opvang.opv_swig_date_days(start))
    frame = {"week_start": np.array([first + datetime.timedelta(weeks=k) for k in range(weeks)],
                                    dtype=object)}
    for k, name in enumerate(names):
        frame[name] = values[:, k].copy()
    frame["total"] = values.sum(axis=1)
    frame = pd.DataFrame(frame, copy=False)
    frame.attrs.update({"start": start, "end": end, "by": by})
    return frame


def _locations_table(locations):
    return frame_table(locations, "locations", _LOCATION_COLUMNS,
                       integer=("agreed_capacity", "capacity"), dates=("opens", "closes"))
