# SPDX-License-Identifier: EUPL-1.2
"""Every public function is annotated, and the annotations resolve (PEP 561: py.typed)."""
import inspect
import typing
from pathlib import Path

import pandas as pd
import pytest

import opvang
from opvang import errors

PUBLIC = [getattr(opvang, name) for name in opvang.__all__
          if inspect.isfunction(getattr(opvang, name))]
PUBLIC += [opvang.MonteCarlo.merge, opvang.MonteCarlo.weeks, opvang.MonteCarlo.peak_shortage,
           opvang.MonteCarlo.runs.fget, errors.from_library, errors.Error.__init__]
PUBLIC += list(typing.get_overloads(opvang.apportion))


@pytest.mark.parametrize("function", PUBLIC, ids=lambda f: f.__qualname__)
def test_every_parameter_and_the_result_are_annotated(function):
    hints = typing.get_type_hints(function)  # raises if a name does not resolve
    parameters = [name for name in inspect.signature(function).parameters if name != "self"]
    assert [name for name in parameters if name not in hints] == []
    assert "return" in hints


def test_the_package_says_it_is_typed():
    assert (Path(opvang.__file__).parent / "py.typed").is_file()


def test_apportion_says_what_comes_back():
    series, sequence = typing.get_overloads(opvang.apportion)
    assert typing.get_type_hints(series)["return"] is pd.Series
    assert typing.get_type_hints(sequence)["return"].__name__ == "ndarray"


def test_a_register_argument_takes_a_file_a_frame_or_none():
    hint = typing.get_type_hints(opvang.municipalities)["path"]
    assert {pd.DataFrame, type(None), str} <= set(typing.get_args(hint))
    assert typing.get_type_hints(opvang.distribute)["municipalities"] == hint
