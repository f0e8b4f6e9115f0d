# SPDX-License-Identifier: EUPL-1.2
"""opvang: the arithmetic of the Dutch asylum reception chain.

The work is done by the C library libopvang; this package hands it NumPy
arrays and returns NumPy arrays and pandas DataFrames.

- :func:`municipalities` -- the municipality register (CBS, 1 January 2023,
  2024 or 2025, or a CSV file of your own).
- :func:`apportion` -- split a whole number in proportion to weights
  (Hamilton, D'Hondt, Sainte-Laguë, Adams, Huntington-Hill).
- :func:`distribute` -- the Spreidingswet distribution key: reception places
  per municipality or province.
- :func:`distribute_many` -- the places of many national totals in one call,
  for sweeps.
- :func:`compare` -- that distribution beside a published table.
- :func:`housing_task` -- each municipality's half-year share of the status
  holders to house, with carry-over and swaps.
- :func:`supervision` -- the province's supervision ladder over a history of
  balances.
- :func:`places` -- who has met the Spreidingswet task on a day: places counted
  as the law counts them, per municipality, province and the nation.
- :func:`report` -- the same as a static HTML site with maps: a page per
  province and per municipality.
- :func:`capacity` -- reception capacity week by week.
- :func:`project` -- reception occupancy against capacity week by week, with
  or without Monte Carlo runs (the shortfall projection).
- :func:`monte_carlo` -- the counts of a range of Monte Carlo runs, which
  merge with other ranges into the counts of one call (:class:`MonteCarlo`).
- :func:`sensitivity` -- which input of a scenario drives its shortage: each
  moved down and up, one at a time (a tornado).
- :func:`with_provenance`, :func:`provenance` -- what a result rests on
  (population date, register, SES transform, method, task source, scenario)
  as columns that survive ``merge``, where ``df.attrs`` does not.
- :class:`Error` -- raised with the library's message on bad input.
"""

from . import _opvang
from ._apportion import apportion
from ._distribution import compare, distribute, distribute_many
from ._housing import housing_task, supervision
from ._places import capacity, places, report
from ._projection import MonteCarlo, monte_carlo, project, sensitivity
from ._provenance import provenance, with_provenance
from ._register import municipalities
from .errors import Error

__all__ = ["Error", "MonteCarlo", "monte_carlo", "apportion", "capacity", "compare", "distribute", "distribute_many",
           "housing_task",
           "municipalities", "places", "project", "provenance", "report", "sensitivity",
           "supervision", "with_provenance", "__version__"]

#: Version of the C library this package is running on ("MAJOR.MINOR.PATCH").
__version__ = _opvang.opv_version()
