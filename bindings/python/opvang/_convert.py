# SPDX-License-Identifier: EUPL-1.2
"""Turning Python values into the exact types the low-level module takes.

Every argument of a public function passes through here on its way to the
library, and what cannot reach it faithfully is refused with
:class:`opvang.Error`, named by its argument (and an element by its
position):

- complex numbers, whose imaginary part NumPy would drop;
- masked arrays, whose masked values would be read as their fill data;
- true and false where a number is expected (a bool is not a count);
- missing values (None, pandas.NA, NaT, a NaN in an object array) where
  numbers are expected;
- whole numbers above 2^53 that a double would round;
- text holding a NUL character, which C would read only up to it.

Ranges, signs and whether a number is whole are the library's to check.
"""

import decimal
import math
import numbers
import operator

import numpy as np
import pandas as pd

from .errors import EINVAL, ERANGE, Error

# Whole numbers up to 2^53 pass through a double unchanged.
_EXACT_LIMIT = 2 ** 53


def string(value, name):
    """``value``, a str, as C can read it: without a NUL character."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string, not {type(value).__name__}")
    if "\0" in value:
        raise Error(f"{name} must not contain a NUL character, where C would cut the text "
                    f"short: {value!r}", EINVAL)
    return value


def strings(values, name):
    """Each of ``values`` through :func:`string`, named ``name[k]``."""
    return [string(value, f"{name}[{k}]") for k, value in enumerate(values)]


def frame_column(frame, name, argument):
    """The column ``name`` of the DataFrame ``frame`` (the argument
    ``argument``) as a one-dimensional array; two columns of that name are
    two-dimensional, and refused."""
    values = frame[name]
    if isinstance(values, pd.DataFrame):
        raise Error(f"the {argument} DataFrame has {values.shape[1]} columns named {name!r}; "
                    f"it needs one", EINVAL)
    return values.to_numpy()


def not_masked(values, name):
    """``values`` unless it is a masked array, which NumPy would read without its mask."""
    if isinstance(values, np.ma.MaskedArray) or values is np.ma.masked:
        raise Error(f"{name} is a masked array, whose masked values would be read as their fill "
                    f"data; fill it (.filled()) or drop them (.compressed()) first", EINVAL)
    return values


def _not_complex(value, name):
    if isinstance(value, numbers.Complex) and not isinstance(value, numbers.Real):
        raise Error(f"{name} must be a real number, not complex ({value!r})", EINVAL)


def _check_real(value, name):
    not_masked(value, name)
    _not_complex(value, name)
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number, not {type(value).__name__}")


def no_complex(values, name, what="real numbers", labels=None):
    """Refuses a complex number in the column ``values``, naming the first by
    its row (0-based) or by its label in ``labels``."""
    found = [k for k, value in enumerate(values)
             if isinstance(value, numbers.Complex) and not isinstance(value, numbers.Real)]
    if found:
        # The first with an imaginary part, if any: in a complex column even 5 is 5+0j.
        k = next((k for k in found if values[k].imag != 0), found[0])
        at = f"row {k}" if labels is None else labels[k]
        raise Error(f"{name} must be {what}, not complex ({values[k]!r} in {at})", EINVAL)


def real(value, name):
    """``value`` as a float: a real number, not a bool, not complex."""
    _check_real(value, name)
    return float(value)


def whole_number(value, name):
    """``value`` as a float that represents it exactly.

    The binding's whole-number typemaps refuse a fraction and the library
    checks the range; this refuses the integers that a float would round
    into range (2^53 + 1) on the way.
    """
    _check_real(value, name)
    if isinstance(value, numbers.Integral) and abs(int(value)) > _EXACT_LIMIT:
        raise Error(f"{name} must be a whole number from 0 to 2^53, got {int(value)}", ERANGE)
    return float(value)


def integer(value, name):
    """``value`` as a Python int, for a C integer that holds any of them
    exactly (a count of runs, a seed): not a bool, not complex, not 2.5."""
    not_masked(value, name)
    _not_complex(value, name)
    if isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be a whole number, not bool")
    try:
        return operator.index(value)
    except TypeError:
        raise TypeError(f"{name} must be a whole number, not {type(value).__name__}") from None


def _missing(value):
    """Whether ``value`` is one of the ways Python and pandas spell "no value"."""
    if isinstance(value, decimal.Decimal):
        return value.is_nan()
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # an array inside an array
        return False


def _element(value, name, exact):
    """One element of an object array, checked as :func:`vector` takes it."""
    if isinstance(value, (bool, np.bool_)):
        raise Error(f"{name} must be a number, not {value!r} (true or false is not a count)",
                    EINVAL)
    if value is np.ma.masked:
        raise Error(f"{name} is masked; fill or drop the masked values first", EINVAL)
    _not_complex(value, name)
    if _missing(value):
        raise Error(f"{name} is missing ({value!r}); give a number", EINVAL)
    if not isinstance(value, (numbers.Real, decimal.Decimal)):
        raise Error(f"{name} must be a number, not {type(value).__name__}", EINVAL)
    if exact and isinstance(value, numbers.Integral):
        _exact_in_double(int(value), name)
    return value


def _exact_in_double(value, name):
    """Refuses the whole number ``value`` when a double would round it (2^53 + 1)."""
    if abs(value) > _EXACT_LIMIT and (abs(value) >= 2 ** 1024 or int(float(value)) != value):
        raise Error(f"{name} is {value}, above 2^53, where a double cannot hold every whole "
                    f"number: it would be rounded", ERANGE)


def _one_dimensional(values, name):
    """``values`` as a one-dimensional array of real numbers, not yet converted."""
    not_masked(values, name)
    if isinstance(values, (list, tuple)):
        # NumPy would make [3, True] the integers [3, 1].
        for k, value in enumerate(values):
            if isinstance(value, (bool, np.bool_)):
                raise Error(f"{name}[{k}] must be a number, not {value!r} (true or false is "
                            f"not a count)", EINVAL)
    try:
        array = np.asarray(values)
    except (TypeError, ValueError) as exc:
        raise Error(f"{name} must be numbers: {exc}", EINVAL) from None
    # Checked before any conversion: ascontiguousarray turns a scalar into one element.
    if array.ndim != 1:
        raise Error(f"{name} must be one-dimensional, got shape {array.shape}", EINVAL)
    if array.dtype.kind == "c":
        raise Error(f"{name} must be real numbers, not complex ({array.dtype})", EINVAL)
    return array


def vector(values, name, dtype):
    """``values`` as a contiguous one-dimensional array of ``dtype``.

    Integer arrays must hold their values exactly: a bound of 2.5 is an
    error, not 2.  So must float64 arrays: a whole number that a double
    would round (2^53 + 1) is an error.
    """
    original = _one_dimensional(values, name)
    kind = original.dtype.kind
    to_float = np.dtype(dtype).kind == "f"
    if kind == "b":
        raise Error(f"{name} must be numbers, not true or false (a bool is not a count)",
                    EINVAL)
    if kind == "O":
        original = np.array([_element(value, f"{name}[{k}]", to_float)
                             for k, value in enumerate(original)], dtype=object)
    elif kind in "iu" and to_float and original.size:
        # Compared as integers: as a double, 2^53 + 1 is 2^53.
        for k in np.flatnonzero((original > _EXACT_LIMIT) | (original < -_EXACT_LIMIT)):
            _exact_in_double(int(original[k]), f"{name}[{k}]")
    try:
        if kind in "SUV":
            raise TypeError(f"got {original.dtype} data")
        with np.errstate(invalid="ignore"):
            array = np.ascontiguousarray(original, dtype=dtype)
    except (TypeError, ValueError, OverflowError) as exc:
        raise Error(f"{name} must be numbers: {exc}", EINVAL) from None
    if array.dtype.kind == "i" and not np.array_equal(array, original):
        raise Error(f"{name} must be whole numbers that fit in 64 bits", EINVAL)
    return array


def optional_reals(values, name, labels):
    """``values`` as float64, NaN for a missing value (None, pandas.NA, NaT,
    a NaN); true or false, complex numbers and masked values are refused,
    each named by its label in ``labels`` (a municipality code)."""
    not_masked(values, name)
    array = values if isinstance(values, np.ndarray) else np.asarray(values, dtype=object)
    if array.ndim != 1:
        raise Error(f"{name} must be one number per code, got shape {array.shape}", EINVAL)
    if array.dtype.kind in "fiu":
        return array.astype(np.float64)
    out = np.empty(len(array), dtype=np.float64)
    for k, value in enumerate(array):
        where = f"the {name} of {labels[k]}"
        if isinstance(value, (bool, np.bool_)):
            raise Error(f"{where} must be a number, not {value!r}", EINVAL)
        if value is np.ma.masked:
            raise Error(f"{where} is masked; fill or drop the masked values first", EINVAL)
        _not_complex(value, where)
        if _missing(value):
            out[k] = np.nan
            continue
        try:
            out[k] = float(value)
        except (TypeError, ValueError):
            raise Error(f"{name} must be numbers: {where} is {value!r}", EINVAL) from None
    return out


def whole_numbers(values, name):
    """``values`` as one-dimensional int64 whole numbers of at most 2^53, each
    checked by :func:`whole_number` as ``name[k]``."""
    raw = _one_dimensional(values, name)
    out = []
    for k, value in enumerate(raw.tolist()):
        where = f"{name}[{k}]"
        if isinstance(value, bool) or _missing(value):
            _element(value, where, True)
        number = whole_number(value, where)
        if not math.isfinite(number) or number != int(number):
            raise Error(f"{where} must be a whole number, got {number!r}", EINVAL)
        out.append(number)
    return np.array(out, dtype=np.int64)  # exact: whole_number keeps them below 2^53
