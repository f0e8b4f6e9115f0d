# SPDX-License-Identifier: EUPL-1.2
"""The shortfall projection: reception occupancy against capacity, week by week."""

import collections.abc
from collections.abc import Mapping
import datetime
import json
import math
import numbers
import os

import numpy as np
import pandas as pd

from . import _opvang
from ._convert import integer, not_masked, real, string
from ._dates import day_column, day_timestamp, weekly_column
from ._register import date_text, input_file, open_register, output_path
from ._types import Date, FilePath, Number, RegisterSource, Scenario
from .errors import EINVAL, ERANGE, Error, readable_file

__all__ = ["MonteCarlo", "monte_carlo", "project", "sensitivity"]

_UINT64_LIMIT = 2 ** 64
_DICT_SOURCE = "<dict>"


def project(scenario: Scenario, runs: int = 1, seed: int = 0, threads: int = 1,
            municipalities: RegisterSource = None) -> pd.DataFrame:
    """Project reception occupancy against capacity week by week.

    A stock-flow model of the people in reception: in procedure, status
    holders waiting for a house, and others (rejected, awaiting departure).
    Row k holds the stocks at the start of week k, on the start date plus 7k
    days; row 0 is the initial state and the flows in row k are those of the
    week that ended there.  ``occupancy`` is the sum of the three stocks,
    ``shortage = max(0, occupancy - capacity)`` and ``planning_shortage =
    max(0, ceil(occupancy / target_occupancy) - capacity)``.  The model and
    the scenario format, field by field, are in docs/scenario.md.

    Parameters
    ----------
    scenario : str, os.PathLike or dict
        A scenario JSON file (a locations file it names is read relative to
        the file's directory), or the same document as a dict (its locations
        file relative to the current directory).  Dates in a dict may be
        ``datetime.date`` values and numbers NumPy scalars or arrays.
    runs : int
        Monte Carlo runs, 1 to 10,000,000.  With 1 (the default) only the
        projection without noise; above 1 the percentile columns are added.
    seed : int
        Any whole number from 0 to 2**64 - 1.  Run r draws its noise from a
        generator keyed by (seed, r), so the same seed gives the same
        numbers on any machine and for any ``threads``.
    threads : int
        Threads for the runs, 1 to 256; the results do not depend on it.
    municipalities : str or os.PathLike, optional
        The register that the scenario's locations belong to; the embedded
        CBS register without it.

    Returns
    -------
    pandas.DataFrame
        One row per week, ``weeks + 1`` in all: ``week``, ``date``
        (datetime64[ns]), then as int64 without noise the stocks
        ``in_procedure``, ``status_holders``, ``other``, ``occupancy``;
        ``capacity``, ``shortage``, ``planning_shortage``; the flows
        ``inflow``, ``decided``, ``granted``, ``housed``, ``departed``;
        capacity by kind ``capacity_regular``, ``capacity_emergency``,
        ``capacity_hotel``, ``capacity_unspecified`` (adding up to
        ``capacity``) and ``capacity_above_agreement`` (the part above
        locations' agreements); the transit places ``transit_capacity``,
        ``in_transit``, ``to_transit``, ``left_transit`` (not reception);
        ``housing_due``; and with ``runs > 1`` the percentiles over
        the runs ``occupancy_p05``, ``occupancy_p50``, ``occupancy_p95``,
        ``shortage_p05``, ``shortage_p50``, ``shortage_p95`` (interpolated
        between order statistics as :func:`numpy.percentile` does) and
        ``p_shortage``, the fraction of runs short of places that week.

        ``df.attrs`` holds ``scenario`` (the file name, or "<dict>"),
        ``start``, ``weeks``, ``runs``, ``seed``, ``monte_carlo`` (whether
        the scenario has a monte_carlo section; without one every run equals
        the projection without noise), ``peak_shortage`` with its
        ``peak_week`` and ``peak_date`` (the first week of the largest
        shortage without noise; None when there is no shortage), and with
        ``runs > 1`` ``peak_shortage_p50`` and ``peak_shortage_p95``, the
        median and 95th percentile over the runs of each run's largest
        shortage (None with one run).

    Raises
    ------
    opvang.Error
        For a scenario that is not valid JSON, or has an
        unknown or missing field, a value of the wrong type, a negative
        count, a rate outside [0, 1], a date that does not exist or an array
        of the wrong length (each named by its path, such as
        ``capacity.changes[1].date``); for runs, seed or threads out of
        range.
    FileNotFoundError, PermissionError, IsADirectoryError
        For a scenario or locations file that is not there or cannot be read
        (an ``OSError`` with ``errno`` and ``filename``).

    Examples
    --------
    >>> frame = project({"start": "2026-01-05", "weeks": 12,
    ...                  "initial": {"in_procedure": 27000, "status_holders": 0, "other": 0},
    ...                  "inflow_per_week": 500, "decision_rate": 0, "grant_rate": 0,
    ...                  "housing_per_week": 0, "departure_rate": 0,
    ...                  "capacity": {"initial": 30000}})
    >>> int(frame["occupancy"].iloc[12])
    33000
    """
    runs = _whole(runs, "runs", EINVAL)
    seed = _whole(seed, "seed", ERANGE)
    threads = _whole(threads, "threads", EINVAL)
    # Before anything is allocated for the runs.
    _opvang.opv_swig_check_monte_carlo(runs, threads)
    source, text = _scenario_document(scenario)

    register = open_register(municipalities)
    handle = _opvang.opv_scenario(register.handle, source, text, "")
    nrows = _opvang.opv_swig_projection_rows(handle)
    names = _column_names(0)
    values = np.empty(nrows * len(names), dtype=np.int64)
    _opvang.opv_swig_project(values, handle)
    values = values.reshape(nrows, len(names))
    column = {name: values[:, k].copy() for k, name in enumerate(names)}

    dates = day_column(column["date"])
    frame = {"week": np.arange(nrows, dtype=np.int64), "date": dates}
    frame.update((name, column[name]) for name in names if name != "date")

    peak = int(np.argmax(column["shortage"]))  # the first of equal maxima
    short = int(column["shortage"][peak]) > 0
    attrs = {
        "scenario": source,
        "start": day_timestamp(column["date"][0]),
        "weeks": nrows - 1,
        "runs": runs,
        "seed": seed,
        "monte_carlo": bool(_opvang.opv_scenario_has_monte_carlo(handle)),
        "peak_shortage": int(column["shortage"][peak]),
        "peak_week": peak if short else None,
        "peak_date": day_timestamp(column["date"][peak]) if short else None,
        "peak_shortage_p50": None,
        "peak_shortage_p95": None,
    }

    if runs > 1:
        weekly = _column_names(1)
        percentiles = np.empty(nrows * len(weekly), dtype=np.float64)
        peaks = np.empty(2, dtype=np.float64)
        # The runs are counted without the interpreter lock; Ctrl-C stops them.
        _opvang.opv_swig_project_monte_carlo(percentiles, peaks, handle, runs, seed, threads)
        percentiles = percentiles.reshape(nrows, len(weekly))
        frame.update((name, percentiles[:, k].copy()) for k, name in enumerate(weekly))
        # Interpolated between order statistics as NumPy's default does.
        attrs["peak_shortage_p50"] = float(peaks[0])
        attrs["peak_shortage_p95"] = float(peaks[1])

    frame = pd.DataFrame(frame, copy=False)
    frame.attrs.update(attrs)
    return frame


class MonteCarlo:
    """The counts of a range of Monte Carlo runs of a scenario.

    Run r draws its noise from a generator keyed by (seed, r), so runs can be
    computed apart, in ranges, and their counts merged: the result is that of
    one call over all the runs, bit for bit.  Memory does not grow with the
    number of runs: each week's occupancy and shortage are counted.

    >>> whole = monte_carlo(doc, runs=2000, seed=1)                     # doctest: +SKIP
    >>> half = monte_carlo(doc, runs=1000, seed=1)                      # doctest: +SKIP
    >>> half.merge(monte_carlo(doc, runs=1000, seed=1, first_run=1000)) # doctest: +SKIP
    >>> half.weeks().equals(whole.weeks())                              # doctest: +SKIP
    True
    """

    def __init__(self, handle, start, rows, seed, first_run):
        self._handle = handle
        self._start = start
        self._rows = rows
        self.seed = seed
        self.first_run = first_run

    @property
    def runs(self) -> int:
        """How many runs are counted."""
        return int(_opvang.opv_monte_carlo_runs(self._handle))

    def merge(self, other: "MonteCarlo") -> "MonteCarlo":
        """Adds the counts of ``other``: the same scenario and seed, runs that do
        not overlap.  Raises opvang.Error otherwise, and changes nothing."""
        if not isinstance(other, MonteCarlo):
            raise TypeError(f"can merge a MonteCarlo, not {type(other).__name__}")
        _opvang.opv_monte_carlo_merge(self._handle, other._handle)
        return self

    def weeks(self) -> pd.DataFrame:
        """The distribution of every week, as the percentile columns of
        :func:`project`: ``week``, ``date``, ``occupancy_p05`` ...
        ``p_shortage``."""
        weekly = _column_names(1)
        values = np.empty(self._rows * len(weekly), dtype=np.float64)
        _opvang.opv_swig_monte_carlo_weeks(values, self._handle, self._rows)
        values = values.reshape(self._rows, len(weekly))
        frame = {"week": np.arange(self._rows, dtype=np.int64),
                 "date": weekly_column(self._start, self._rows)}
        frame.update((name, values[:, k].copy()) for k, name in enumerate(weekly))
        return pd.DataFrame(frame, copy=False)

    def peak_shortage(self, p: Number = 0.5) -> float:
        """The percentile ``p`` (0 to 1) of the runs' peak shortages."""
        return float(_opvang.opv_monte_carlo_peak_percentile(self._handle, real(p, "p")))


def monte_carlo(scenario: Scenario, runs: int, seed: int = 0, threads: int = 1,
                first_run: int = 0, municipalities: RegisterSource = None) -> "MonteCarlo":
    """Counts Monte Carlo runs ``first_run`` .. ``first_run + runs - 1`` of a
    scenario (as for :func:`project`), to be merged with other ranges.

    Returns a :class:`MonteCarlo`.  The interpreter is free while the runs
    go (other threads keep running) and Ctrl-C stops them with
    ``KeyboardInterrupt``.

    Raises
    ------
    opvang.Error
        As :func:`project`, and for ``first_run + runs`` past 2**64.
    """
    runs = _whole(runs, "runs", EINVAL)
    seed = _whole(seed, "seed", ERANGE)
    threads = _whole(threads, "threads", EINVAL)
    first_run = _whole(first_run, "first_run", EINVAL)
    _opvang.opv_swig_check_monte_carlo(runs, threads)
    source, text = _scenario_document(scenario)
    register = open_register(municipalities)
    handle = _opvang.opv_scenario(register.handle, source, text, "")
    counts = _opvang.opv_monte_carlo(handle, runs, seed, threads, first_run)
    start = int(_opvang.opv_scenario_start(handle))
    return MonteCarlo(counts, start, _opvang.opv_swig_projection_rows(handle), seed, first_run)


def sensitivity(scenario: Scenario, date: Date | None = None, delta: Number = 0.1,
                absolute: Mapping[str, Number] | None = None, chart: FilePath | None = None,
                municipalities: RegisterSource = None) -> pd.DataFrame:
    """Which input of a scenario drives its shortage.

    Moves every numeric input that can change the shortage one at a time down
    and up and projects each without noise, as ``opvang sensitivity`` does.
    Inputs are named by their field in the scenario (docs/scenario.md), such
    as ``housing_per_week``, ``housing_task.realisation``,
    ``capacity.changes[1].delta`` or ``capacity.locations[nood]`` (the places
    of one location type).  An input v moves to ``v - |v| * delta`` and
    ``v + |v| * delta``, or by the amount ``absolute`` gives for it; whole
    numbers are rounded half up and rates kept within their ranges.

    Parameters
    ----------
    scenario : str, os.PathLike or dict
        As for :func:`project`.
    date : datetime.date or str, optional
        The day whose shortage is compared: the row on or before it; the
        last row without it.
    delta : float
        The share each input moves by, in (0, 10]; 0.1 is 10%.
    absolute : dict, optional
        ``{input: amount}``: these inputs move by an amount instead.
    chart : str or os.PathLike, optional
        Also write a tornado chart (SVG) there.
    municipalities : str or os.PathLike, optional
        As for :func:`project`.

    Returns
    -------
    pandas.DataFrame
        One row per input, the largest effect first: ``input``,
        ``value_low``, ``value``, ``value_high`` (for an array of weeks the
        mean, for ``housing_task.national`` the sum over its half-years, for
        a location type its places), ``shortage_low``, ``shortage``,
        ``shortage_high`` (int64) and ``effect``, ``|shortage_high -
        shortage_low|``.  ``df.attrs`` holds ``scenario``, ``date`` and
        ``shortage`` (every input as given) and ``delta``.

    Raises
    ------
    opvang.Error
        For a scenario that is not valid, a date outside the projection, a
        delta outside (0, 10], an absolute input the scenario does not have
        or an amount not above 0.
    FileNotFoundError, PermissionError, IsADirectoryError
        For a file that is not there or cannot be read, or a chart that cannot be written (an ``OSError``
        with ``errno`` and ``filename``).
    """
    delta = real(delta, "delta")
    inputs, amounts = [], []
    for name, amount in (absolute or {}).items():
        if not isinstance(name, str):
            raise Error(f"absolute: {name!r} is not the name of an input", EINVAL)
        inputs.append(string(name, "a name in absolute"))
        amounts.append(real(amount, f"absolute[{name!r}]"))
    day = "" if date is None else date_text(date, "date")
    source, text = _scenario_document(scenario)
    register = open_register(municipalities)
    handle = _opvang.opv_scenario(register.handle, source, text, "")
    result = _opvang.opv_sensitivity(handle, day, delta, inputs,
                                     np.array(amounts, dtype=np.float64))
    n = _opvang.opv_sensitivity_count(result)
    values = np.empty(n * 6, dtype=np.float64)
    _opvang.opv_swig_sensitivity_table(values, result)
    values = values.reshape(n, 6)
    if chart is not None:
        _opvang.opv_sensitivity_write_svg(result, output_path(chart, "chart"))
    frame = pd.DataFrame({
        "input": list(_opvang.opv_swig_sensitivity_inputs(n, result)),
        "value_low": values[:, 0], "value": values[:, 1], "value_high": values[:, 2],
        "shortage_low": values[:, 3].astype(np.int64), "shortage": values[:, 4].astype(np.int64),
        "shortage_high": values[:, 5].astype(np.int64),
    })
    frame["effect"] = (frame["shortage_high"] - frame["shortage_low"]).abs()
    frame.attrs.update({
        "scenario": source,
        "date": pd.Timestamp(_opvang.opv_swig_sensitivity_date(result)),
        "shortage": int(frame["shortage"].iloc[0]) if n else None,
        "delta": delta,
    })
    return frame


def _column_names(monte_carlo):
    names = []
    while True:
        name = _opvang.opv_swig_projection_column_name(monte_carlo, len(names))
        if name is None:
            return tuple(names)
        names.append(name)


def _whole(value, name, code):
    """A whole number that fits the library's 64 bits; it checks its own limits."""
    value = integer(value, name)
    if value < 0:
        raise Error(f"{name} must not be negative, got {value}", code)
    if value >= _UINT64_LIMIT:
        raise Error(f"{name} must be a whole number from 0 to 2^64 - 1, got {value}", code)
    return value


def _scenario_document(scenario):
    """(source, text): a file name and no text, or a dict as JSON text."""
    if isinstance(scenario, (str, bytes, os.PathLike)):
        path = input_file(scenario, "scenario")
        _check_locations_file(_read_json(path), os.path.dirname(path), path)
        return path, ""
    if not isinstance(scenario, collections.abc.Mapping):
        raise TypeError(f"scenario must be a file name or a dict, not {type(scenario).__name__}")
    _check_locations_file(scenario, "", _DICT_SOURCE)
    # Indented, so that a message with a line number points at one field.
    return _DICT_SOURCE, json.dumps(_plain(scenario, ""), indent=1)


def _read_json(path):
    """The scenario file as Python reads it, or None: what Python cannot read
    or parse is left to the library, whose message names the place."""
    try:
        with open(path, "rb") as handle:
            return json.loads(handle.read().decode("utf-8-sig"))
    except (OSError, ValueError, RecursionError):
        return None


def _check_locations_file(document, base_dir, source):
    """Raises the OSError of opening the scenario's ``capacity.locations``
    file, if any, before the library does.

    The library's report of it ends with strerror() text, which
    errors.from_library can only match while the message is whole (it is cut
    at 512 bytes: a long path) and the locale is the one Python read at
    import; checked here, the error does not depend on either.  The file is
    found as the library finds it: relative to the scenario file's directory
    (the current one for a dict) unless it starts with "/"."""
    if not isinstance(document, collections.abc.Mapping):
        return
    capacity = document.get("capacity")
    if not isinstance(capacity, collections.abc.Mapping):
        return
    locations = capacity.get("locations")
    if not isinstance(locations, str) or not locations or "\0" in locations:
        return  # not a file name: the library says what is wrong with it
    path = locations if locations.startswith("/") or not base_dir \
        else f"{base_dir}/{locations}"
    readable_file(path, f"{source}: field 'capacity.locations'")


def _plain(value, path):
    """``value`` as what json.dumps writes as the library reads it.

    JSON has no NaN or infinity (json.dumps would write a bare NaN that no
    reader takes), so a non-finite number is refused here, named by its
    path as the library names fields.
    """
    where = f"{_DICT_SOURCE}: field '{path}'"
    if isinstance(value, collections.abc.Mapping):
        out = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"scenario keys must be strings, not {type(key).__name__} "
                                f"({key!r} in {path or 'the scenario'})")
            string(key, f"{_DICT_SOURCE}: a key in {path or 'the scenario'}")
            out[key] = _plain(item, f"{path}.{key}" if path else key)
        return out
    not_masked(value, where)
    if isinstance(value, np.ndarray):
        if value.dtype.kind == "c":
            raise Error(f"{where} must be real numbers, not complex ({value.dtype})", EINVAL)
        # tolist() would make datetime64[ns] values whole numbers of nanoseconds.
        value = list(value) if value.dtype.kind == "M" else value.tolist()
    if isinstance(value, (list, tuple)):
        return [_plain(item, f"{path}[{k}]") for k, item in enumerate(value)]
    if isinstance(value, np.datetime64) and not np.isnat(value):
        # The dates this package returns; .item() of one in ns is an int.
        return date_text(value, where)
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    if isinstance(value, float) and not math.isfinite(value):
        raise Error(f"{where}: {value} is not a finite number", ERANGE)
    if isinstance(value, complex):
        raise Error(f"{where} must be a real number, not complex ({value!r})", EINVAL)
    if isinstance(value, str):
        return string(value, where)
    if value is None or isinstance(value, (bool, numbers.Integral, float)):
        return value
    raise TypeError(f"scenario field '{path}' cannot be written as JSON: "
                    f"{type(value).__name__}")
