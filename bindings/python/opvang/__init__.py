# SPDX-License-Identifier: EUPL-1.2
"""opvang: the arithmetic of the Dutch asylum reception chain.

The work is done by the C library libopvang; this package hands it NumPy
arrays and returns NumPy arrays and pandas DataFrames.

- :func:`municipalities` -- the municipality register (CBS, 1 January 2024,
  or a CSV file of your own).
- :func:`apportion` -- split a whole number in proportion to weights
  (Hamilton, D'Hondt, Sainte-Laguë, Adams, Huntington-Hill).
- :func:`distribute` -- the Spreidingswet distribution key: reception places
  per municipality or province.
- :func:`compare` -- that distribution beside a published table.
- :class:`Error` -- raised with the library's message on bad input.
"""

from . import _opvang
from ._apportion import apportion
from ._distribution import compare, distribute
from ._register import municipalities
from .errors import Error

__all__ = ["Error", "apportion", "compare", "distribute", "municipalities", "__version__"]

#: Version of the C library this package is running on ("MAJOR.MINOR.PATCH").
__version__ = _opvang.opv_version()
