# SPDX-License-Identifier: EUPL-1.2
import doctest
import pickle
import re
import sys

import opvang
from opvang import _opvang


def test_version_is_the_projects_version(source_root):
    # The version the build was configured with, read from meson.build itself.
    project = (source_root / "meson.build").read_text(encoding="utf-8")
    declared = re.search(r"project\([^)]*?version\s*:\s*'([^']+)'", project, re.S).group(1)
    assert opvang.__version__ == declared


def test_version_is_the_c_librarys():
    assert opvang.__version__ == _opvang.opv_version()
    assert re.fullmatch(r"\d+\.\d+\.\d+", opvang.__version__)


def test_error_is_a_value_error():
    assert issubclass(opvang.Error, ValueError)
    error = opvang.Error("what went wrong", -4)
    assert str(error) == "what went wrong"
    assert error.code == -4


def test_error_survives_pickling():
    # What a process pool does with an exception raised in a worker.
    copy = pickle.loads(pickle.dumps(opvang.Error("bad line 3", -4)))
    assert type(copy) is opvang.Error
    assert (str(copy), copy.code) == ("bad line 3", -4)


def test_public_functions_have_docstrings():
    for name in opvang.__all__:
        if name != "__version__":
            assert getattr(opvang, name).__doc__, name


def test_docstring_examples_run():
    for module in ("opvang._apportion", "opvang._register", "opvang._provenance"):
        result = doctest.testmod(sys.modules[module])
        assert result.failed == 0, module
    assert doctest.testmod(sys.modules["opvang._apportion"]).attempted > 0
