# SPDX-License-Identifier: EUPL-1.2
"""Files that cannot be opened, read or written raise Python's own OSError.

A missing input is FileNotFoundError, a directory IsADirectoryError, with
the errno, the file name and the library's EIO as ``code``, whether the
package finds the problem before the call or the library reports it (a
scenario's locations file, an output it cannot write).  The readers of every
table are held to this in test_bad_input.py.
"""
import errno
import json
import os
import pickle

import pytest

import opvang
from opvang import errors

SMALL = {
    "start": "2026-01-05", "weeks": 4,
    "initial": {"in_procedure": 1000, "status_holders": 200, "other": 0},
    "inflow_per_week": 100, "decision_rate": 0, "grant_rate": 0, "housing_per_week": 0,
    "departure_rate": 0, "capacity": {"initial": 1000},
}


def test_a_missing_file_is_not_a_value_error(tmp_path):
    missing = tmp_path / "absent.csv"
    with pytest.raises(FileNotFoundError) as info:
        opvang.municipalities(missing)
    error = info.value
    assert not isinstance(error, (ValueError, opvang.Error))
    assert (error.errno, error.filename, error.code) == (errno.ENOENT, str(missing), errors.EIO)
    # The argument is named beside the system's reason.
    assert error.strerror == "path: " + os.strerror(errno.ENOENT)


def test_a_chart_in_a_directory_that_is_not_there(tmp_path):
    chart = tmp_path / "no" / "t.svg"
    with pytest.raises(FileNotFoundError) as info:
        opvang.sensitivity(SMALL, chart=chart)
    assert info.value.filename == str(chart.parent)
    assert not chart.parent.exists()


def test_a_report_under_a_file(tmp_path):
    plain = tmp_path / "plain.txt"
    plain.write_text("not a directory\n", encoding="utf-8")
    with pytest.raises(NotADirectoryError) as info:
        opvang.report(plain / "site", tmp_path / "locations.csv", "2026-07-01", total=96000)
    assert info.value.errno == errno.ENOTDIR
    assert info.value.filename == str(plain)


def test_the_library_cannot_write_the_chart(tmp_path):
    # The directory is there, so the package lets the library try: fopen()
    # of a directory fails with EISDIR, and its report becomes that OSError.
    chart = tmp_path / "chart.svg"
    chart.mkdir()
    with pytest.raises(IsADirectoryError) as info:
        opvang.sensitivity(SMALL, chart=chart)
    assert (info.value.errno, info.value.filename) == (errno.EISDIR, str(chart))
    assert info.value.code == errors.EIO
    assert "cannot write" in str(info.value)


@pytest.mark.parametrize("message, kind, number, filename, strerror", [
    ("/d/x.csv: cannot open: No such file or directory", FileNotFoundError, errno.ENOENT,
     "/d/x.csv", "cannot open: No such file or directory"),
    ("cannot write /d/site/index.html: Permission denied", PermissionError, errno.EACCES,
     "/d/site/index.html", "cannot write: Permission denied"),
    ("a: b.csv: cannot open: Not a directory", NotADirectoryError, errno.ENOTDIR,
     "a: b.csv", "cannot open: Not a directory"),
    ("x: cannot open: something else", None, None, None, None),
])
def test_what_the_library_reports_about_files(message, kind, number, filename, strerror):
    error = errors.from_library(message, errors.EIO)
    if kind is None:
        # No system error at the end: the library's own report, an opvang.Error.
        assert type(error) is opvang.Error and str(error) == message
        return
    assert type(error) is kind
    assert (error.errno, error.filename, error.strerror) == (number, filename, strerror)
    assert error.code == errors.EIO


def test_other_failures_stay_value_errors():
    error = errors.from_library("weights[2] is negative", errors.EINVAL)
    assert type(error) is opvang.Error and error.code == errors.EINVAL
    again = pickle.loads(pickle.dumps(error))
    assert (str(again), again.code) == ("weights[2] is negative", errors.EINVAL)


def test_a_scenario_dict_whose_locations_file_is_not_there(tmp_path):
    scenario = {**SMALL, "capacity": {"initial": 1000,
                                      "locations": str(tmp_path / "absent.csv")}}
    with pytest.raises(FileNotFoundError) as info:
        opvang.project(scenario)
    assert (info.value.errno, info.value.filename) == (errno.ENOENT, str(tmp_path / "absent.csv"))
    assert info.value.strerror == ("<dict>: field 'capacity.locations': "
                                   + os.strerror(errno.ENOENT))
    assert info.value.code == errors.EIO


def test_a_long_scenario_path_still_gives_file_not_found(tmp_path):
    # The library's message about the locations file would pass 512 bytes
    # and be cut short before the system's reason: the package looks first.
    deep = tmp_path / ("d" * 200) / ("e" * 200) / ("f" * 200)
    deep.mkdir(parents=True)
    scenario = deep / "scenario.json"
    scenario.write_text(json.dumps({**SMALL, "capacity": {"initial": 1000,
                                                          "locations": "absent.csv"}}),
                        encoding="utf-8")
    expected = f"{deep}/absent.csv"  # relative to the scenario file's directory
    assert len(expected) > 512
    for call in (lambda: opvang.project(scenario),
                 lambda: opvang.sensitivity(scenario),
                 lambda: opvang.monte_carlo(scenario, runs=1)):
        with pytest.raises(FileNotFoundError) as info:
            call()
        assert (info.value.errno, info.value.filename) == (errno.ENOENT, expected)
