# SPDX-License-Identifier: EUPL-1.2
"""The types the public functions take, for their annotations.

Aliases only: what a function accepts is checked at run time by _convert,
_tables and the library, whatever an annotation says.
"""

import datetime
import os
from collections.abc import Hashable, Mapping, Sequence
from typing import Any, Union

import numpy as np
import pandas as pd

__all__ = ["Bounds", "Date", "FilePath", "KeyedTable", "Number", "RegisterSource", "Scenario",
           "Scores", "Table", "Weights", "WholeNumber"]

#: A file name: text, bytes or a path object.
FilePath = Union[str, bytes, os.PathLike]
#: A day: "YYYY-MM-DD", a datetime.date (so also a datetime and a pandas
#: Timestamp) or a numpy.datetime64.
Date = Union[str, datetime.date, np.datetime64]
#: A real number, Python's or NumPy's.
Number = Union[int, float, np.integer, np.floating]
#: A whole number (a float that is whole passes too).
WholeNumber = Union[int, np.integer, float]
#: A register: None for the embedded one, a CSV file or a DataFrame with its columns.
RegisterSource = Union[FilePath, pd.DataFrame, None]
#: A table: a CSV file or a DataFrame with its columns.
Table = Union[FilePath, pd.DataFrame]
#: A table of whole numbers by municipality code: also a Series or a mapping.
KeyedTable = Union[FilePath, pd.DataFrame, pd.Series, Mapping[str, int]]
#: SES scores by municipality code.
Scores = Union[FilePath, pd.DataFrame, pd.Series, Mapping[str, float]]
#: Weights of apportionment: by position, or named by a Series' index or a mapping's keys.
Weights = Union[Sequence[Number], np.ndarray, pd.Series, Mapping[Hashable, Number]]
#: Per-unit bounds, by position or by label.
Bounds = Union[Sequence[int], np.ndarray, pd.Series, Mapping[Hashable, int], None]
#: A scenario: a JSON file (docs/scenario.md) or the same document as a mapping.
Scenario = Union[FilePath, Mapping[str, Any]]
