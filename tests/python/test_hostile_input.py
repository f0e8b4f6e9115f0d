# SPDX-License-Identifier: EUPL-1.2
"""What the package cannot hand to the library as given, it refuses by name.

Each public function is called with good arguments but one, which is of a
kind that would not reach the C library faithfully: a complex number (NumPy
drops the imaginary part), a masked array (the masked values would be read
as their fill data), a missing value or true/false where a number is
expected, text with a NUL character (C reads it only up to the NUL), a whole
number that a double would round (2^53 + 1), or two dimensions where one is
expected.  Every case asserts opvang.Error, its status code and that the
message names the argument (and, for an element, its position or code).
The good calls themselves are tested to succeed, so that a refusal comes
from the one bad argument.
"""

import decimal

import numpy as np
import pandas as pd
import pytest

import opvang
from opvang.errors import EINVAL, EIO, EPARSE, ERANGE

BEYOND = 2 ** 53 + 1  # the first whole number a double cannot hold

SCENARIO = {
    "start": "2026-01-05", "weeks": 4,
    "initial": {"in_procedure": 1000, "status_holders": 200, "other": 0},
    "inflow_per_week": 100, "decision_rate": 0, "grant_rate": 0, "housing_per_week": 0,
    "departure_rate": 0, "capacity": {"initial": 1000},
}

LOCATIONS = pd.DataFrame({
    "id": ["L1", "L2"], "code": ["GM0363", "GM0088"], "name": ["a", "b"], "type": ["azc", "amv"],
    "agreed_capacity": [10, 5], "capacity": [10, 5], "opens": ["2026-01-01", "2026-01-01"],
    "closes": [None, None],
})

HISTORY = pd.DataFrame({"code": ["GM0363", "GM0088"], "period": ["2025-H2", "2025-H2"],
                        "balance": [5, -1]})

PUBLISHED = pd.DataFrame({"code": ["GM0363", "GM0088"], "places": [4479, 5]})

REALISED_LOG = pd.DataFrame({"code": ["GM0363"], "date": ["2025-08-01"], "count": [3]})


def scenario(**changes):
    return {**SCENARIO, **changes}


# A small result of the package, for the functions that take one.
KEY = opvang.distribute(100)

# Each public function with good arguments; a case replaces one of them.
CALLS = {
    "apportion": lambda **kw: opvang.apportion(**{"weights": [3, 2, 1], "total": 6, **kw}),
    "distribute": lambda **kw: opvang.distribute(**{"total": 96000, **kw}),
    "distribute_many": lambda **kw: opvang.distribute_many(**{"totals": [96000, 100], **kw}),
    "compare": lambda **kw: opvang.compare(**{"published": PUBLISHED, "total": 96000, **kw}),
    "municipalities": lambda **kw: opvang.municipalities(**kw),
    "housing_task": lambda **kw: opvang.housing_task(
        **{"national": 13000, "period": "2025-H2", **kw}),
    "supervision": lambda **kw: opvang.supervision(
        **{"history": HISTORY, "as_of": "2026-03-01", **kw}),
    "places": lambda **kw: opvang.places(**{"locations": LOCATIONS, "date": "2026-07-01", **kw}),
    "capacity": lambda **kw: opvang.capacity(
        **{"locations": LOCATIONS, "start": "2026-01-05", "end": "2026-03-02", **kw}),
    "project": lambda **kw: opvang.project(**{"scenario": SCENARIO, **kw}),
    "monte_carlo": lambda **kw: opvang.monte_carlo(**{"scenario": SCENARIO, "runs": 2, **kw}),
    "MonteCarlo.peak_shortage": lambda **kw: opvang.monte_carlo(SCENARIO, runs=2).peak_shortage(
        **{"p": 0.5, **kw}),
    "sensitivity": lambda **kw: opvang.sensitivity(**{"scenario": SCENARIO, **kw}),
    # "out" is added by call() below: a directory under the test's tmp_path.
    "report": lambda **kw: opvang.report(
        **{"locations": LOCATIONS, "date": "2026-07-01", "total": 96000, **kw}),
    # These read a frame the package made; they take no value to be hostile with.
    "with_provenance": lambda **kw: opvang.with_provenance(**{"frame": KEY, **kw}),
    "provenance": lambda **kw: opvang.provenance(**{"frame": KEY, **kw}),
}


def call(function, tmp_path, **arguments):
    if function == "report" and "out" not in arguments:
        arguments["out"] = tmp_path / "site"
    return CALLS[function](**arguments)


def refused(function, arguments, tmp_path, code, *needles):
    """The call raises opvang.Error with ``code`` and a message holding every needle."""
    with pytest.raises(opvang.Error) as info:
        call(function, tmp_path, **arguments)
    message = str(info.value)
    assert info.value.code == code, message
    for needle in needles:
        assert needle in message, f"{needle!r} not in {message!r}"
    return message


def cases(*rows):
    """pytest params from (function, label, arguments, code, needles...)."""
    return [pytest.param(function, arguments, code, needles, id=f"{function}-{label}")
            for function, label, arguments, code, *needles in rows]


@pytest.mark.parametrize("function", CALLS)
def test_the_good_calls_succeed(function, tmp_path):
    # Without this, a case could pass because the rest of its call was wrong.
    assert call(function, tmp_path) is not None


# ---- 1. complex numbers ----------------------------------------------------------------------

COMPLEX = cases(
    ("apportion", "weights-array", {"weights": np.array([3, 2 + 1j, 1])}, EINVAL, "weights",
     "complex"),
    ("apportion", "weights-zero-imaginary", {"weights": np.array([3, 2, 1], dtype=complex)},
     EINVAL, "weights", "complex"),
    ("apportion", "weights-list", {"weights": [3, 2j, 1]}, EINVAL, "weights", "complex"),
    ("apportion", "weights-series", {"weights": pd.Series([3, 2, 1 + 0j])}, EINVAL, "weights",
     "complex"),
    ("apportion", "weights-object", {"weights": np.array([3, 2j, 1], dtype=object)}, EINVAL,
     "weights[1]", "complex"),
    ("apportion", "total", {"total": 6 + 0j}, EINVAL, "total", "complex"),
    ("apportion", "total-numpy", {"total": np.complex128(6)}, EINVAL, "total", "complex"),
    ("apportion", "lower", {"lower": np.zeros(3, dtype=complex)}, EINVAL, "lower", "complex"),
    ("apportion", "upper", {"upper": [6, 6, 6j]}, EINVAL, "upper", "complex"),
    ("apportion", "threads", {"threads": 1 + 0j}, EINVAL, "threads", "complex"),
    ("distribute", "total", {"total": 96000 + 0j}, EINVAL, "total", "complex"),
    ("distribute", "amv", {"amv": 10j}, EINVAL, "amv", "complex"),
    ("distribute", "ses-dict", {"ses": {"GM0363": 0.1 + 1j}}, EINVAL, "ses", "GM0363", "complex"),
    ("distribute", "ses-series", {"ses": pd.Series([0.1j], index=["GM0363"])}, EINVAL, "ses",
     "GM0363", "complex"),
    ("distribute_many", "totals", {"totals": np.array([96000, 100 + 0j])}, EINVAL, "totals",
     "complex"),
    ("distribute_many", "totals-object", {"totals": np.array([96000, 1j], dtype=object)},
     EINVAL, "totals[1]", "complex"),
    ("distribute_many", "amv", {"amv": 1j}, EINVAL, "amv", "complex"),
    ("compare", "total", {"total": 96000 + 0j}, EINVAL, "total", "complex"),
    ("compare", "published-places", {"published": PUBLISHED.assign(places=[4479 + 0j, 5])},
     EINVAL, "published", "'places'", "row 0", "complex"),
    ("housing_task", "national", {"national": 13000 + 0j}, EINVAL, "national", "complex"),
    ("housing_task", "realised", {"realised": {"GM0363": 3 + 0j}}, EINVAL, "realised",
     "row 0", "complex"),
    ("housing_task", "previous_balance",
     {"previous_balance": pd.Series([1, 2j], index=["GM0363", "GM0088"])}, EINVAL,
     "previous_balance", "row 1 (GM0088)", "complex"),
    ("housing_task", "merged_population", {"period": "2026-H2",
                                           "merged_population": {"GM1992": 50000 + 0j}},
     EINVAL, "merged_population['GM1992']", "complex"),
    ("supervision", "tolerance", {"tolerance": 5 + 0j}, EINVAL, "tolerance", "complex"),
    ("supervision", "thresholds", {"thresholds": (1, 2, 3 + 0j, 4)}, EINVAL, "thresholds[2]",
     "complex"),
    ("supervision", "warning_term", {"warning_term": 13j}, EINVAL, "warning_term", "complex"),
    ("supervision", "history-balance", {"history": HISTORY.assign(balance=[5, 1j])}, EINVAL,
     "history", "'balance'", "row 1", "complex"),
    ("places", "min_years", {"min_years": 5 + 0j}, EINVAL, "min_years", "complex"),
    ("places", "existing_min_places", {"existing_min_places": 1j}, EINVAL,
     "existing_min_places", "complex"),
    ("places", "total", {"total": 96000 + 0j}, EINVAL, "total", "complex"),
    ("places", "tasks", {"tasks": {"GM0363": 10 + 0j}}, EINVAL, "tasks", "row 0", "complex"),
    ("places", "locations-capacity", {"locations": LOCATIONS.assign(capacity=[10, 5 + 1j])},
     EINVAL, "locations", "'capacity'", "row 1 (GM0088)", "complex"),
    ("capacity", "locations-agreed",
     {"locations": LOCATIONS.assign(agreed_capacity=[10j, 5])}, EINVAL, "locations",
     "'agreed_capacity'", "row 0", "complex"),
    ("project", "runs", {"runs": 2 + 0j}, EINVAL, "runs", "complex"),
    ("project", "seed", {"seed": 1j}, EINVAL, "seed", "complex"),
    ("project", "threads", {"threads": 1 + 0j}, EINVAL, "threads", "complex"),
    ("project", "scenario-field", {"scenario": scenario(inflow_per_week=100 + 0j)}, EINVAL,
     "inflow_per_week", "complex"),
    ("project", "scenario-array",
     {"scenario": scenario(inflow_per_week=np.array([100, 100, 100, 100j]))}, EINVAL,
     "inflow_per_week", "complex"),
    ("monte_carlo", "runs", {"runs": 2 + 0j}, EINVAL, "runs", "complex"),
    ("monte_carlo", "first_run", {"first_run": 1j}, EINVAL, "first_run", "complex"),
    ("monte_carlo", "scenario-field",
     {"scenario": scenario(initial={"in_procedure": 1000j, "status_holders": 0, "other": 0})},
     EINVAL, "initial.in_procedure", "complex"),
    ("MonteCarlo.peak_shortage", "p", {"p": 0.5 + 0j}, EINVAL, "p ", "complex"),
    ("sensitivity", "delta", {"delta": 0.1 + 0j}, EINVAL, "delta", "complex"),
    ("sensitivity", "absolute", {"absolute": {"inflow_per_week": 10j}}, EINVAL,
     "absolute['inflow_per_week']", "complex"),
    ("report", "total", {"total": 96000 + 0j}, EINVAL, "total", "complex"),
    ("report", "runs", {"runs": 10 + 0j}, EINVAL, "runs", "complex"),
    ("report", "housing_national", {"housing_national": 13000j, "housing_period": "2025-H2"},
     EINVAL, "housing_national", "complex"),
)


@pytest.mark.parametrize("function, arguments, code, needles", COMPLEX)
def test_complex_numbers_are_refused(function, arguments, code, needles, tmp_path):
    refused(function, arguments, tmp_path, code, *needles)


# ---- 2. masked arrays -----------------------------------------------------------------------

def masked(values, mask):
    return np.ma.array(values, mask=mask)


MASKED = cases(
    ("apportion", "weights", {"weights": masked([3, 2, 1], [0, 1, 0])}, EINVAL, "weights",
     "masked", "fill"),
    ("apportion", "weights-unmasked", {"weights": masked([3, 2, 1], [0, 0, 0])}, EINVAL,
     "weights", "masked"),
    ("apportion", "lower", {"lower": masked([0, 0, 9], [0, 0, 1])}, EINVAL, "lower", "masked"),
    ("apportion", "upper", {"upper": masked([6, 6, 6], [1, 0, 0])}, EINVAL, "upper", "masked"),
    ("apportion", "total", {"total": np.ma.masked}, EINVAL, "total", "masked"),
    ("distribute", "total", {"total": np.ma.masked}, EINVAL, "total", "masked"),
    ("distribute", "ses", {"ses": {"GM0363": np.ma.masked}}, EINVAL, "ses", "GM0363",
     "masked"),
    ("distribute_many", "totals", {"totals": masked([96000, 100], [0, 1])}, EINVAL, "totals",
     "masked", "compress"),
    ("compare", "total", {"total": np.ma.masked}, EINVAL, "total", "masked"),
    ("housing_task", "national", {"national": np.ma.masked}, EINVAL, "national", "masked"),
    ("supervision", "warning_term", {"warning_term": np.ma.masked}, EINVAL, "warning_term",
     "masked"),
    ("places", "min_years", {"min_years": np.ma.masked}, EINVAL, "min_years", "masked"),
    ("project", "scenario-array",
     {"scenario": scenario(inflow_per_week=masked([100] * 4, [0, 1, 0, 0]))}, EINVAL,
     "inflow_per_week", "masked"),
    ("project", "runs", {"runs": np.ma.masked}, EINVAL, "runs", "masked"),
    ("monte_carlo", "scenario-array",
     {"scenario": scenario(inflow_per_week=masked([100] * 4, [1, 0, 0, 0]))}, EINVAL,
     "inflow_per_week", "masked"),
    ("MonteCarlo.peak_shortage", "p", {"p": np.ma.masked}, EINVAL, "p ", "masked"),
    ("sensitivity", "scenario-array",
     {"scenario": scenario(inflow_per_week=masked([100] * 4, [0, 0, 0, 1]))}, EINVAL,
     "inflow_per_week", "masked"),
    ("sensitivity", "delta", {"delta": np.ma.masked}, EINVAL, "delta", "masked"),
    ("report", "total", {"total": np.ma.masked}, EINVAL, "total", "masked"),
)


@pytest.mark.parametrize("function, arguments, code, needles", MASKED)
def test_masked_arrays_are_refused(function, arguments, code, needles, tmp_path):
    refused(function, arguments, tmp_path, code, *needles)


# ---- 3. missing values and true/false where numbers are expected ----------------------------

NAN_LIKE = {"None": None, "pd.NA": pd.NA, "NaT": pd.NaT, "nan": float("nan"),
            "Decimal-NaN": decimal.Decimal("NaN")}


def with_missing(values, k, missing):
    values = np.array(values, dtype=object)
    values[k] = missing
    return values


MISSING = cases(
    *[("apportion", f"weights-{label}", {"weights": with_missing([3, 2, 1], 1, value)},
       EINVAL, "weights[1]", "missing") for label, value in NAN_LIKE.items()],
    *[("apportion", f"lower-{label}", {"lower": with_missing([0, 0, 0], 2, value)},
       EINVAL, "lower[2]", "missing") for label, value in NAN_LIKE.items()],
    *[("apportion", f"upper-{label}", {"upper": with_missing([6, 6, 6], 0, value)},
       EINVAL, "upper[0]", "missing") for label, value in NAN_LIKE.items()],
    ("apportion", "weights-list-None", {"weights": [3, None, 1]}, EINVAL, "weights[1]",
     "missing"),
    ("apportion", "weights-nullable-NA", {"weights": pd.array([3, None, 1], dtype="Int64")},
     EINVAL, "weights[1]", "missing"),
    *[("distribute_many", f"totals-{label}", {"totals": with_missing([96000, 100], 1, value)},
       EINVAL, "totals[1]", "missing") for label, value in NAN_LIKE.items()],
    ("distribute_many", "totals-list-None", {"totals": [96000, None]}, EINVAL, "totals[1]",
     "missing"),
)

BOOLEANS = cases(
    ("apportion", "weights", {"weights": np.array([True, False, True])}, EINVAL, "weights",
     "true or false"),
    ("apportion", "weights-list", {"weights": [True, True, False]}, EINVAL, "weights",
     "true or false"),
    ("apportion", "weights-object", {"weights": with_missing([3, 2, 1], 2, True)}, EINVAL,
     "weights[2]", "True"),
    ("apportion", "lower", {"lower": [False, False, True]}, EINVAL, "lower", "true or false"),
    ("apportion", "upper", {"upper": pd.Series([True, True, True])}, EINVAL, "upper",
     "true or false"),
    ("distribute", "ses", {"ses": {"GM0363": True}}, EINVAL, "ses", "GM0363", "True"),
    ("distribute_many", "totals", {"totals": [96000, True]}, EINVAL, "totals[1]", "True"),
    ("distribute_many", "totals-array", {"totals": np.array([True, False])}, EINVAL,
     "totals[0]", "True"),
    ("compare", "published-places", {"published": PUBLISHED.assign(places=[True, False])},
     EPARSE, "published", "'places'", "true or false"),
    ("housing_task", "realised", {"realised": {"GM0363": True}}, EPARSE, "realised",
     "true or false"),
    ("places", "locations-capacity", {"locations": LOCATIONS.assign(capacity=[True, True])},
     EPARSE, "locations", "'capacity'", "true or false"),
    ("supervision", "history-balance", {"history": HISTORY.assign(balance=[True, False])},
     EPARSE, "history", "'balance'", "true or false"),
)


@pytest.mark.parametrize("function, arguments, code, needles", MISSING)
def test_missing_values_are_refused(function, arguments, code, needles, tmp_path):
    refused(function, arguments, tmp_path, code, *needles)


@pytest.mark.parametrize("function, arguments, code, needles", BOOLEANS)
def test_true_and_false_are_not_numbers(function, arguments, code, needles, tmp_path):
    refused(function, arguments, tmp_path, code, *needles)


# ---- 4. text with a NUL character -----------------------------------------------------------

NUL = "\0x"

TEXT = cases(
    ("apportion", "method", {"method": "hamilton" + NUL}, EINVAL, "method", "NUL"),
    ("distribute", "method", {"method": "hamilton" + NUL}, EINVAL, "method", "NUL"),
    ("distribute", "amv_mode", {"amv_mode": "round" + NUL}, EINVAL, "amv_mode", "NUL"),
    ("distribute", "ses_transform", {"ses_transform": "none" + NUL}, EINVAL, "ses_transform",
     "NUL"),
    ("distribute", "population_date", {"population_date": "2024-01-01" + NUL}, EINVAL,
     "population_date", "NUL"),
    ("distribute", "municipalities", {"municipalities": "register.csv" + NUL}, EIO,
     "municipalities", "NUL"),
    ("distribute", "ses-file", {"ses": "ses.csv" + NUL}, EIO, "ses", "NUL"),
    ("distribute_many", "method", {"method": "dhondt" + NUL}, EINVAL, "method", "NUL"),
    ("distribute_many", "amv_mode", {"amv_mode": "apportion" + NUL}, EINVAL, "amv_mode", "NUL"),
    ("compare", "published-file", {"published": "published.csv" + NUL}, EIO, "published",
     "NUL"),
    ("compare", "published-code", {"published": PUBLISHED.assign(code=["GM0363" + NUL, "GM0088"])},
     EINVAL, "published", "'code'", "row 0", "NUL"),
    ("compare", "method", {"method": "webster" + NUL}, EINVAL, "method", "NUL"),
    ("municipalities", "path", {"path": "register.csv" + NUL}, EIO, "path", "NUL"),
    ("municipalities", "population_date", {"population_date": "2025-01-01" + NUL}, EINVAL,
     "population_date", "NUL"),
    ("housing_task", "period", {"period": "2025-H2" + NUL}, EINVAL, "period", "NUL"),
    ("housing_task", "population_date", {"population_date": "2024-01-01" + NUL}, EINVAL,
     "population_date", "NUL"),
    ("housing_task", "realised-code", {"realised": {"GM0363" + NUL: 3}}, EINVAL, "realised",
     "'code'", "row 0", "NUL"),
    ("housing_task", "previous_balance-file", {"previous_balance": "balance.csv" + NUL}, EIO,
     "previous_balance", "NUL"),
    ("housing_task", "swaps-agreement",
     {"swaps": pd.DataFrame({"agreement": ["A", "A" + NUL], "code": ["GM0363", "GM0088"],
                             "delta": [5, -5]})},
     EINVAL, "swaps", "'agreement'", "row 1", "NUL"),
    ("housing_task", "merged_population-code",
     {"period": "2026-H2", "merged_population": {"GM1992" + NUL: 50000}}, EINVAL,
     "merged_population", "NUL"),
    ("housing_task", "count",
     {"realised_log": REALISED_LOG, "as_of": "2025-09-01", "count": ("woning", "nareis" + NUL)},
     EINVAL, "count[1]", "NUL"),
    ("housing_task", "as_of", {"realised_log": REALISED_LOG, "as_of": "2025-09-01" + NUL},
     EINVAL, "as_of", "NUL"),
    ("housing_task", "realised_log-date",
     {"realised_log": REALISED_LOG.assign(date=["2025-08-01" + NUL]), "as_of": "2025-09-01"},
     EINVAL, "realised_log", "'date'", "row 0", "NUL"),
    ("supervision", "as_of", {"as_of": "2026-03-01" + NUL}, EINVAL, "as_of", "NUL"),
    ("supervision", "tolerance", {"tolerance": "5%" + NUL}, EINVAL, "tolerance", "NUL"),
    ("supervision", "history-period",
     {"history": HISTORY.assign(period=["2025-H2", "2025-H2" + NUL])}, EINVAL, "history",
     "'period'", "row 1", "NUL"),
    ("supervision", "history-file", {"history": "history.csv" + NUL}, EIO, "history", "NUL"),
    ("places", "date", {"date": "2026-07-01" + NUL}, EINVAL, "date", "NUL"),
    ("places", "start", {"date": None, "start": "2026-01-01" + NUL, "end": "2026-03-01"},
     EINVAL, "start", "NUL"),
    ("places", "end", {"date": None, "start": "2026-01-01", "end": "2026-03-01" + NUL},
     EINVAL, "end", "NUL"),
    ("places", "every", {"date": None, "start": "2026-01-01", "end": "2026-03-01",
                         "every": "month" + NUL}, EINVAL, "every", "NUL"),
    ("places", "durability", {"durability": "remaining" + NUL}, EINVAL, "durability", "NUL"),
    ("places", "counting_types", {"counting_types": ("azc", "amv" + NUL)}, EINVAL,
     "counting_types[1]", "NUL"),
    ("places", "existing_before", {"existing_min_places": 5, "existing_before": "2024-02-01" + NUL},
     EINVAL, "existing_before", "NUL"),
    ("places", "locations-code", {"locations": LOCATIONS.assign(code=["GM0363" + NUL, "GM0088"])},
     EINVAL, "locations", "'code'", "row 0", "NUL"),
    ("places", "locations-opens",
     {"locations": LOCATIONS.assign(opens=["2026-01-01", "2026-01-01" + NUL])}, EINVAL,
     "locations", "'opens'", "row 1", "NUL"),
    ("places", "tasks-code", {"tasks": {"GM0363" + NUL: 10}}, EINVAL, "tasks", "'code'", "NUL"),
    ("places", "tasks-file", {"tasks": "tasks.csv" + NUL}, EIO, "tasks", "NUL"),
    ("places", "ses-code", {"total": 96000, "ses": {"GM0363" + NUL: 0.1}}, EINVAL, "ses",
     "'code'", "NUL"),
    ("capacity", "start", {"start": "2026-01-05" + NUL}, EINVAL, "start", "NUL"),
    ("capacity", "end", {"end": "2026-03-02" + NUL}, EINVAL, "end", "NUL"),
    ("capacity", "by", {"by": "type" + NUL}, EINVAL, "by", "NUL"),
    ("capacity", "locations-file", {"locations": "locations.csv" + NUL}, EIO, "locations",
     "NUL"),
    ("capacity", "locations-name", {"locations": LOCATIONS.assign(name=["a", "b" + NUL])},
     EINVAL, "locations", "'name'", "row 1", "NUL"),
    ("project", "scenario-file", {"scenario": "scenario.json" + NUL}, EIO, "scenario", "NUL"),
    ("project", "scenario-start", {"scenario": scenario(start="2026-01-05" + NUL)}, EINVAL,
     "'start'", "NUL"),
    ("project", "scenario-key", {"scenario": {**SCENARIO, "weeks" + NUL: 4}}, EINVAL, "key",
     "NUL"),
    ("project", "municipalities", {"municipalities": "register.csv" + NUL}, EIO,
     "municipalities", "NUL"),
    ("monte_carlo", "scenario-nested",
     {"scenario": scenario(capacity={"initial": 1000, "locations": "l.csv" + NUL})}, EINVAL,
     "capacity.locations", "NUL"),
    ("sensitivity", "date", {"date": "2026-01-19" + NUL}, EINVAL, "date", "NUL"),
    ("sensitivity", "absolute", {"absolute": {"inflow_per_week" + NUL: 10}}, EINVAL,
     "absolute", "NUL"),
    ("sensitivity", "chart", {"chart": "chart.svg" + NUL}, EIO, "chart", "NUL"),
    ("report", "out", {"out": "site" + NUL}, EIO, "out", "NUL"),
    ("report", "housing_period", {"housing_national": 13000, "housing_period": "2025-H2" + NUL},
     EINVAL, "housing_period", "NUL"),
    ("report", "date", {"date": "2026-07-01" + NUL}, EINVAL, "date", "NUL"),
)


@pytest.mark.parametrize("function, arguments, code, needles", TEXT)
def test_text_with_a_nul_character_is_refused(function, arguments, code, needles, tmp_path):
    refused(function, arguments, tmp_path, code, *needles)


def test_the_low_level_module_refuses_a_nul_too():
    # The backstop under the package: any const char * parameter.
    with pytest.raises(opvang.Error) as info:
        opvang._opvang.opv_distribution_options().set_method("hamilton" + NUL)
    assert info.value.code == EINVAL
    assert "NUL" in str(info.value)


def test_the_low_level_module_refuses_none_for_text_an_entry_reads():
    # None reaches C as NULL; the entries that read the text say so.
    with pytest.raises(opvang.Error, match="the register text is missing") as info:
        opvang._opvang.opv_swig_register_parse(None, "<none>", False)
    assert info.value.code == EINVAL
    register = opvang._opvang.opv_register("", "", False)
    with pytest.raises(opvang.Error, match="unknown capacity breakdown ''"):
        opvang._opvang.opv_swig_capacity_columns(register, None)


def test_a_numpy_bool_is_not_a_whole_number():
    seats = np.empty(0, dtype=np.int64)
    with pytest.raises(TypeError, match="total must be a number, not numpy.bool_"):
        opvang._opvang.opv_swig_apportion(2, np.array([1.0, 1.0]), np.bool_(True), None, seats,
                                          seats, 1)


# ---- 5. whole numbers a double would round ---------------------------------------------------

BEYOND_2_53 = cases(
    ("apportion", "total", {"total": BEYOND}, ERANGE, "total", str(BEYOND)),
    ("apportion", "total-numpy", {"total": np.int64(BEYOND)}, ERANGE, "total", str(BEYOND)),
    ("apportion", "weights-int64", {"weights": np.array([3, BEYOND, 1], dtype=np.int64)},
     ERANGE, "weights[1]", str(BEYOND)),
    ("apportion", "weights-list", {"weights": [3, 2, -BEYOND]}, ERANGE, "weights[2]",
     str(-BEYOND)),
    ("apportion", "weights-uint64", {"weights": np.array([2 ** 64 - 1, 1, 1], dtype=np.uint64)},
     ERANGE, "weights[0]", str(2 ** 64 - 1)),
    ("apportion", "weights-object", {"weights": np.array([3, 2, 2 ** 70 + 1], dtype=object)},
     ERANGE, "weights[2]", "2^53"),
    ("distribute", "total", {"total": BEYOND}, ERANGE, "total", str(BEYOND)),
    ("distribute", "amv", {"amv": np.uint64(BEYOND)}, ERANGE, "amv", str(BEYOND)),
    ("distribute_many", "totals-int64", {"totals": np.array([96000, BEYOND])}, ERANGE,
     "totals[1]", str(BEYOND)),
    ("distribute_many", "totals-list", {"totals": [BEYOND, 1]}, ERANGE, "totals[0]",
     str(BEYOND)),
    ("distribute_many", "amv", {"amv": BEYOND}, ERANGE, "amv", str(BEYOND)),
    ("compare", "total", {"total": BEYOND}, ERANGE, "total", str(BEYOND)),
    ("housing_task", "national", {"national": BEYOND}, ERANGE, "national", str(BEYOND)),
    # Reach the library exactly as text; it refuses them by name.
    ("housing_task", "realised", {"realised": {"GM0363": BEYOND}}, ERANGE, "realised",
     "2^53"),
    ("housing_task", "previous_balance", {"previous_balance": {"GM0363": -BEYOND}}, ERANGE,
     "previous_balance", "2^53"),
    ("housing_task", "merged_population",
     {"period": "2026-H2", "merged_population": {"GM1992": BEYOND}}, ERANGE, "GM1992",
     str(BEYOND)),
    ("supervision", "tolerance", {"tolerance": BEYOND}, ERANGE, "tolerance", str(BEYOND)),
    ("supervision", "warning_term", {"warning_term": BEYOND}, ERANGE, "warning_term",
     str(BEYOND)),
    ("places", "total", {"total": BEYOND}, ERANGE, "total", str(BEYOND)),
    ("places", "amv", {"total": 96000, "amv": BEYOND}, ERANGE, "amv", str(BEYOND)),
    ("places", "min_years", {"min_years": BEYOND}, ERANGE, "min_years", str(BEYOND)),
    ("places", "existing_min_places", {"existing_min_places": BEYOND}, ERANGE,
     "existing_min_places", str(BEYOND)),
    ("places", "tasks", {"tasks": {"GM0363": BEYOND}}, ERANGE, "tasks", "2^53"),
    ("report", "seed", {"seed": BEYOND}, ERANGE, "seed", str(BEYOND)),
    ("report", "housing_national", {"housing_national": BEYOND, "housing_period": "2025-H2"},
     ERANGE, "housing_national", str(BEYOND)),
)


@pytest.mark.parametrize("function, arguments, code, needles", BEYOND_2_53)
def test_whole_numbers_a_double_would_round_are_refused(function, arguments, code, needles,
                                                        tmp_path):
    refused(function, arguments, tmp_path, code, *needles)


def test_whole_numbers_a_double_holds_exactly_still_pass():
    # 2^60 is a double exactly: a weight that large is not rounded, so not refused.
    assert opvang.apportion(np.array([2 ** 60, 2 ** 60]), 2).tolist() == [1, 1]
    assert opvang.apportion([1, 1], 2 ** 53).sum() == 2 ** 53
    # Bounds cross as int64, exactly, whatever their size.
    assert opvang.apportion([1, 1], 2, upper=[BEYOND, BEYOND]).tolist() == [1, 1]


# ---- 6. two dimensions where one is expected -------------------------------------------------

TWO_COLUMNS = pd.DataFrame({"a": [3, 2, 1], "b": [1, 2, 3]})

TWO_DIMENSIONAL = cases(
    ("apportion", "weights-array", {"weights": np.ones((3, 2))}, EINVAL, "weights",
     "one-dimensional"),
    ("apportion", "weights-dataframe", {"weights": TWO_COLUMNS}, EINVAL, "weights",
     "one-dimensional"),
    ("apportion", "weights-one-column", {"weights": TWO_COLUMNS[["a"]]}, EINVAL, "weights",
     "one-dimensional"),
    ("apportion", "weights-nested", {"weights": [[3, 2, 1]]}, EINVAL, "weights",
     "one-dimensional"),
    ("apportion", "lower", {"lower": np.zeros((1, 3))}, EINVAL, "lower", "one-dimensional"),
    ("apportion", "upper", {"upper": TWO_COLUMNS}, EINVAL, "upper", "one-dimensional"),
    ("distribute_many", "totals-array", {"totals": np.full((2, 2), 100)}, EINVAL, "totals",
     "one-dimensional"),
    ("distribute_many", "totals-dataframe", {"totals": TWO_COLUMNS}, EINVAL, "totals",
     "one-dimensional"),
    ("distribute", "ses-two-columns",
     {"ses": pd.concat([pd.DataFrame({"code": ["GM0363"], "ses": [0.1]}),
                        pd.DataFrame({"ses": [0.2]})], axis=1)},
     EINVAL, "ses", "2 columns named 'ses'"),
    ("distribute_many", "ses-two-codes",
     {"ses": pd.concat([pd.DataFrame({"code": ["GM0363"], "ses": [0.1]}),
                        pd.DataFrame({"code": ["GM0088"]})], axis=1)},
     EINVAL, "ses", "2 columns named 'code'"),
    ("compare", "published-two-places",
     {"published": pd.concat([PUBLISHED, PUBLISHED[["places"]]], axis=1)}, EINVAL,
     "published", "2 columns named 'places'"),
    ("housing_task", "realised-two-columns",
     {"realised": pd.DataFrame([["GM0363", 1, 2]], columns=["code", "realised", "realised"])},
     EINVAL, "realised", "2 columns named 'realised'"),
    ("supervision", "history-two-balances",
     {"history": pd.concat([HISTORY, HISTORY[["balance"]]], axis=1)}, EINVAL, "history",
     "2 columns named 'balance'"),
    ("places", "locations-two-codes",
     {"locations": pd.concat([LOCATIONS, LOCATIONS[["code"]]], axis=1)}, EINVAL, "locations",
     "2 columns named 'code'"),
    ("places", "tasks-two-tasks",
     {"tasks": pd.DataFrame([["GM0363", 1, 2]], columns=["code", "task", "task"])}, EINVAL,
     "tasks", "2 columns named 'task'"),
    ("capacity", "locations-two-capacities",
     {"locations": pd.concat([LOCATIONS, LOCATIONS[["capacity"]]], axis=1)}, EINVAL,
     "locations", "2 columns named 'capacity'"),
)


@pytest.mark.parametrize("function, arguments, code, needles", TWO_DIMENSIONAL)
def test_two_dimensional_input_is_refused(function, arguments, code, needles, tmp_path):
    refused(function, arguments, tmp_path, code, *needles)


def test_every_public_function_is_covered():
    # A new public function must be added to CALLS, and so to the cases.
    public = {name for name in opvang.__all__ if callable(getattr(opvang, name))
              and name not in ("Error", "MonteCarlo")}
    assert public <= set(CALLS), public - set(CALLS)
