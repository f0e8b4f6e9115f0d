# SPDX-License-Identifier: EUPL-1.2
"""Turning Python values into the exact types the low-level module takes."""

import numbers

import numpy as np

from .errors import EINVAL, ERANGE, Error

# Whole numbers up to 2^53 pass through a double unchanged.
_EXACT_LIMIT = 2 ** 53


def vector(values, name, dtype):
    """``values`` as a contiguous one-dimensional array of ``dtype``.

    Integer arrays must hold their values exactly: a bound of 2.5 is an
    error, not 2.
    """
    try:
        original = np.asarray(values)
        if original.dtype.kind in "SUV":
            raise TypeError(f"got {original.dtype} data")
        with np.errstate(invalid="ignore"):
            array = np.ascontiguousarray(original, dtype=dtype)
    except (TypeError, ValueError, OverflowError) as exc:
        raise Error(f"{name} must be numbers: {exc}", EINVAL) from None
    # Checked on the original: ascontiguousarray turns a scalar into one element.
    if original.ndim != 1:
        raise Error(f"{name} must be one-dimensional, got shape {original.shape}", EINVAL)
    if array.dtype.kind == "i" and not np.array_equal(array, original):
        raise Error(f"{name} must be whole numbers that fit in 64 bits", EINVAL)
    return array


def whole_number(value, name):
    """``value`` as a float that represents it exactly, for the C double.

    The library checks the range and that the value is whole; this only
    refuses the integers that a double would round into range (2^53 + 1).
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number, not {type(value).__name__}")
    if isinstance(value, numbers.Integral) and abs(int(value)) > _EXACT_LIMIT:
        raise Error(f"{name} must be a whole number from 0 to 2^53, got {int(value)}", ERANGE)
    return float(value)
