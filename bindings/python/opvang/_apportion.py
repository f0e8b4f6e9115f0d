# SPDX-License-Identifier: EUPL-1.2
"""Integer apportionment: whole seats (or people, or places) in proportion to weights."""

import collections.abc
from collections.abc import Hashable, Mapping, Sequence
from typing import overload

import numpy as np
import pandas as pd

from . import _opvang
from ._convert import real, string, vector, whole_number
from ._types import Bounds, Number, Weights, WholeNumber
from .errors import EINVAL, Error

__all__ = ["apportion"]

_FLOAT64 = np.dtype(np.float64)
_EXACT_LIMIT = 2 ** 53
# "No bounds": one empty array for every call, never written to.
_NO_BOUNDS = np.empty(0, dtype=np.int64)
_NO_BOUNDS.flags.writeable = False


@overload
def apportion(weights: "pd.Series | Mapping[Hashable, Number]", total: WholeNumber,
              method: str = ..., lower: Bounds = ..., upper: Bounds = ...,
              threads: int = ...) -> pd.Series: ...


@overload
def apportion(weights: "Sequence[Number] | np.ndarray", total: WholeNumber, method: str = ...,
              lower: Bounds = ..., upper: Bounds = ..., threads: int = ...) -> np.ndarray: ...


def apportion(weights: Weights, total: WholeNumber, method: str = "hamilton",
              lower: Bounds = None, upper: Bounds = None,
              threads: int = 1) -> "np.ndarray | pd.Series":
    """Split the whole number ``total`` over units in proportion to ``weights``.

    Parameters
    ----------
    weights : sequence, array, pandas Series or mapping of numbers
        One finite, non-negative weight per unit (votes, inhabitants).  A
        Series or a mapping (dict) names each unit by its index or key.
    total : int
        The whole number to split, from 0 to 2**53.
    method : str
        ``"hamilton"`` (largest remainder; also ``"largest-remainder"``,
        ``"hare"``), ``"jefferson"`` (``"dhondt"``, ``"d'hondt"``),
        ``"webster"`` (``"sainte-lague"``, ``"saint-lague"``), ``"adams"`` or
        ``"huntington-hill"`` (``"hill"``); case does not matter.
    lower, upper : sequence, array, Series or mapping of int, optional
        Per-unit minimum and maximum, one per weight.  With weights that
        name their units, a Series or mapping of bounds is matched to them
        by label and must name the same units; a sequence goes by position.
    threads : int
        Most threads to use, 1 to 256.  Only an apportionment without
        bounds uses more than one, from 2**17 units per thread; the result is the same
        for any value.

    Returns
    -------
    numpy.ndarray of int64, or pandas.Series of int64
        The share of each unit; the shares add up to ``total``.  A tie for
        the last unit goes to the unit that comes first.  For a Series, a
        Series with its index and name; for a mapping, a Series indexed by
        its keys in their order; otherwise an array.

    Raises
    ------
    opvang.Error
        For a negative, NaN or infinite weight, all weights zero while the
        total is positive, an unknown method, a total out of range, or bounds
        of the wrong length or that cannot add up to the total; and for what
        cannot reach the library as given: complex numbers, a masked array,
        true or false, a missing value, a whole-number weight that a double
        would round (2**53 + 1) or a method with a NUL character.  The
        message says which.
    TypeError
        When ``total`` or ``method`` is not a number or a string at all.

    Examples
    --------
    >>> apportion([1305956, 903151, 650114, 532193, 319024], 18, "dhondt")
    array([7, 5, 3, 2, 1])
    >>> apportion({"A": 5, "B": 3, "C": 2}, 7).to_dict()
    {'A': 4, 'B': 2, 'C': 1}
    """
    labels = None
    if isinstance(weights, pd.Series):
        labels, name = weights.index, weights.name
        weights = weights.to_numpy()
    elif isinstance(weights, collections.abc.Mapping):
        labels, name = pd.Index(list(weights.keys()), tupleize_cols=False), None
        weights = list(weights.values())
    if labels is not None:
        if lower is not None:
            lower = _by_label(lower, labels, "lower")
        if upper is not None:
            upper = _by_label(upper, labels, "upper")
        seats = _apportion(weights, total, method, lower, upper, threads)
        return pd.Series(seats, index=labels, name=name, copy=False)
    return _apportion(weights, total, method, lower, upper, threads)


# The library's options for each method name given so far: made once, read
# by every call after (the library never writes them).
_OPTIONS = {}


def _method_options(method):
    """The library's apportionment options for a method name."""
    options = _OPTIONS.get(method)
    if options is None:
        options = _opvang.opv_apportion_options()
        options.set_method(method)  # an unknown name raises here, and is not kept
        if len(_OPTIONS) < 64:
            _OPTIONS[method] = options
    return options


def _apportion(weights, total, method, lower, upper, threads):
    """The array of seats: :func:`apportion` for weights without labels."""
    # The common call (a contiguous float64 array, int total and threads, str
    # method, no bounds) goes straight to the library, which checks the
    # weights, the total's range and the method itself; anything else takes
    # the conversions of _convert, which refuse what cannot reach it as given.
    if (type(weights) is np.ndarray and weights.dtype == _FLOAT64 and weights.ndim == 1
            and weights.flags.c_contiguous):
        n = weights.size
    else:
        weights = vector(weights, "weights", np.float64)
        n = weights.size
    # An int crosses as it is: the binding's typemaps take it exactly.
    if not (type(total) is int and -_EXACT_LIMIT <= total <= _EXACT_LIMIT):
        total = whole_number(total, "total")
    if type(method) is not str or "\0" in method:
        method = string(method, "method")
    if not (type(threads) is int and 1 <= threads <= 256):
        threads = real(threads, "threads")
    return _opvang.opv_swig_apportion(n, weights, total, _method_options(method),
                                      _NO_BOUNDS if lower is None else _bounds(lower, "lower", n),
                                      _NO_BOUNDS if upper is None else _bounds(upper, "upper", n),
                                      threads)


def _by_label(bounds, labels, name):
    """Bounds given as a Series or mapping, in the order of the weights'
    ``labels``; other bounds as they are, to go by position."""
    if isinstance(bounds, collections.abc.Mapping):
        bounds = pd.Series(list(bounds.values()), index=pd.Index(list(bounds.keys()), tupleize_cols=False),
                           dtype=object)
    if not isinstance(bounds, pd.Series):
        return bounds
    if not bounds.index.is_unique:
        raise Error(f"{name} names a unit twice: {bounds.index[bounds.index.duplicated()][0]!r}",
                    EINVAL)
    missing = labels.difference(bounds.index, sort=False)
    if len(missing):
        raise Error(f"{name} has no bound for {missing[0]!r}, which the weights name", EINVAL)
    extra = bounds.index.difference(labels, sort=False)
    if len(extra):
        raise Error(f"{name} names {extra[0]!r}, which is not among the weights", EINVAL)
    return bounds.reindex(labels).to_numpy()


def _bounds(values, name, n):
    """One bound per unit as int64, or the empty array that means "none"."""
    if values is None:
        return np.empty(0, dtype=np.int64)
    bounds = vector(values, name, np.int64)
    # The library reads an empty array as "no bounds", so an empty list for a
    # non-empty problem has to be caught here rather than ignored there.
    if bounds.size != n:
        raise Error(f"{name} must have one value per weight ({n} weights), got {bounds.size}",
                    EINVAL)
    return bounds
