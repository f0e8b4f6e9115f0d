# SPDX-License-Identifier: EUPL-1.2
"""The bad-input matrix through Python: every function that reads a file, given broken files.

The same cases as tests/test_bad_input.c, through the public functions.  Each
case asserts the error class, its status code, and that the message names
the place: the file and line, or for a scenario the file and the field.
"""

import errno
import json
import os
from typing import Callable, NamedTuple

import pytest

import opvang
from opvang.errors import EDUPLICATE, EINVAL, EIO, ENOTFOUND, EPARSE, ERANGE

BOM = b"\xef\xbb\xbf"
LINE_LIMIT = 1 << 20   # longest line the CSV reader takes
FIELD_LIMIT = 1 << 16  # longest field


class Loader(NamedTuple):
    header: str
    row: str        # a correct data row
    other_row: str  # another correct row, written first in the field cases
    call: Callable


LOCATIONS_HEADER = "id,code,name,type,agreed_capacity,capacity,opens,closes\n"

LOADERS = {
    "municipalities": Loader(
        "code,name,province_code,province,population\n", "GM0001,A,PV20,P,10\n",
        "GM0002,B,PV20,P,20\n", lambda path: opvang.municipalities(path)),
    "distribute(ses)": Loader(
        "code,ses\n", "GM0363,0.1\n", "GM0088,1\n",
        lambda path: opvang.distribute(96000, ses=path)),
    "compare(published)": Loader(
        "code,places\n", "GM0363,4479\n", "GM0088,5\n",
        lambda path: opvang.compare(path, 96000)),
    "housing_task(previous_balance)": Loader(
        "code,balance\n", "GM0363,12\n", "GM0088,1\n",
        lambda path: opvang.housing_task(13000, "2025-H2", previous_balance=path)),
    "housing_task(realised)": Loader(
        "code,realised\n", "GM0363,12\n", "GM0088,1\n",
        lambda path: opvang.housing_task(13000, "2025-H2", realised=path)),
    "housing_task(swaps)": Loader(
        "agreement,code,delta\n", "A,GM0363,5\n", "A,GM0088,-5\n",
        lambda path: opvang.housing_task(13000, "2025-H2", swaps=path)),
    "supervision(history)": Loader(
        "code,period,balance\n", "GM0363,2025-H1,5\n", "GM0088,2025-H1,1\n",
        lambda path: opvang.supervision(path, as_of="2026-03-01")),
    "places(locations)": Loader(
        LOCATIONS_HEADER, "L1,GM0363,a,azc,10,10,2026-01-01,\n",
        "L0,GM0088,b,azc,1,1,2026-01-01,\n",
        lambda path: opvang.places(path, date="2026-07-01")),
    "capacity(locations)": Loader(
        LOCATIONS_HEADER, "L1,GM0363,a,azc,10,10,2026-01-01,\n",
        "L0,GM0088,b,azc,1,1,2026-01-01,\n",
        lambda path: opvang.capacity(path, "2026-01-05", "2026-03-02")),
}


def expect_error(call, path, code, needle, line=None, names_file=True):
    """`call(path)` raises opvang.Error with `code`, a message holding
    `needle` and naming the file (at `line`, when given)."""
    with pytest.raises(opvang.Error) as info:
        call(str(path))
    message = str(info.value)
    assert info.value.code == code, message
    assert needle in message
    if names_file:
        place = f"{path}:{line}:" if line else f"{path}:"
        assert message.startswith(place), f"{message!r} does not start with {place!r}"
    return message


# ---- broken files: the same for every CSV reader ------------------------------------------


def too_many_fields(h, r):
    return h + r[:-1] + b",extra\n"


def with_nul(h, r):
    return h + r[:1] + b"\0" + r[2:]


BROKEN_FILES = [
    # (case, contents from header and row, status, what the message says, line)
    ("empty", lambda h, r: b"", EPARSE, "file is empty", None),
    ("byte order mark only", lambda h, r: BOM, EPARSE, "file is empty", None),
    ("blank lines", lambda h, r: b"\n\n", EPARSE, "no header row", None),
    ("wrong header", lambda h, r: b"these,are,not,the,right,columns,at,all\n1,2,3,4,5,6,7,8\n",
     EPARSE, "missing column", 1),
    ("a field too few", lambda h, r: h + r + b"X\n", EPARSE, "row has 1 field but the header has",
     3),
    ("a field too many", too_many_fields, EPARSE, "but the header has", 2),
    ("invalid UTF-8", lambda h, r: h + b"\xff\xfe" + r, EPARSE, "invalid UTF-8 (byte 0xFF)", 2),
    ("a NUL byte", with_nul, EPARSE, "NUL byte", 2),
    ("a 10 MB field", lambda h, r: h + b"x" * (10 << 20) + b"\n", ERANGE,
     f"line is longer than {LINE_LIMIT} bytes", 2),
    ("a very long line of short fields", lambda h, r: h + b"x," * (5 << 20) + b"\n", ERANGE,
     f"line is longer than {LINE_LIMIT} bytes", 2),
    ("a 70 kB field on a short line", lambda h, r: h + b"y" * 70000 + b"\n", ERANGE,
     f"field 1 is longer than {FIELD_LIMIT} bytes", 2),
    ("an unterminated quote", lambda h, r: h + b'"unterminated,' + r, EPARSE, "malformed CSV", 2),
]


@pytest.mark.parametrize("case, contents, code, needle, line", BROKEN_FILES,
                         ids=[case[0] for case in BROKEN_FILES])
@pytest.mark.parametrize("loader", LOADERS)
def test_every_reader_refuses_the_same_broken_files(loader, case, contents, code, needle, line,
                                                    tmp_path):
    spec = LOADERS[loader]
    path = tmp_path / "bad.csv"
    path.write_bytes(contents(spec.header.encode(), spec.row.encode()))
    expect_error(spec.call, path, code, needle, line)


# A header alone is refused where a table must name something (a register, a
# history of balances, a publication to compare with) and is a table of no
# rows where rows left out count as zero (scores, balances, realised counts,
# swaps, locations).
HEADER_ONLY_REFUSED = {"municipalities", "compare(published)", "supervision(history)"}


@pytest.mark.parametrize("loader", LOADERS)
def test_a_header_alone(loader, tmp_path):
    spec = LOADERS[loader]
    path = tmp_path / "header.csv"
    path.write_text(spec.header, encoding="utf-8")
    if loader in HEADER_ONLY_REFUSED:
        expect_error(spec.call, path, EPARSE, "(header only)")
    elif loader == "distribute(ses)":
        # Read as no scores at all, which the linear transform cannot do without.
        with pytest.raises(opvang.Error, match=r"GM0014 \(Groningen\) has no SES score"):
            spec.call(str(path))
    else:
        assert len(spec.call(str(path))) > 0


def test_a_header_alone_counts_as_zero_for_every_municipality(tmp_path):
    realised = tmp_path / "realised.csv"
    realised.write_text("code,realised\n", encoding="utf-8")
    task = opvang.housing_task(13000, "2025-H2", realised=str(realised))
    assert (task["realised"] == 0).all() and (task["balance"] == task["task"]).all()
    locations = tmp_path / "locations.csv"
    locations.write_text(LOCATIONS_HEADER, encoding="utf-8")
    assert (opvang.places(str(locations), date="2026-07-01")["places_total"] == 0).all()


# ---- one bad field, on line 3 after a good row -------------------------------------------------

FIELD_CASES = [
    # (loader, field number, value, status, what the message says)
    ("municipalities", 4, "12a", EPARSE, "'12a' is not a whole number"),
    ("municipalities", 4, "-5", ERANGE, "population is negative"),
    ("municipalities", 4, "99999999999999999999", ERANGE, "out of range for a whole number"),
    ("municipalities", 4, "nan", EPARSE, "'nan' is not a whole number"),
    ("municipalities", 0, "GM12345", EPARSE, "'GM12345' is not a municipality code"),
    ("municipalities", 0, "GM0002", EDUPLICATE, "GM0002 occurs twice (also on line 2)"),
    ("distribute(ses)", 1, "nan", ERANGE, "'nan' is not a finite number"),
    ("distribute(ses)", 1, "inf", ERANGE, "'inf' is not a finite number"),
    ("distribute(ses)", 1, "-Infinity", ERANGE, "'-Infinity' is not a finite number"),
    ("distribute(ses)", 1, "1e400", ERANGE, "'1e400' is not a finite number"),
    ("distribute(ses)", 1, "abc", EPARSE, "'abc' is not a number"),
    ("distribute(ses)", 0, "GM9999", ENOTFOUND, "'GM9999' is not in the register"),
    ("distribute(ses)", 0, "GM0088", EDUPLICATE, "'GM0088' occurs twice (also on line 2)"),
    ("compare(published)", 1, "-3", ERANGE, "cannot be negative"),
    ("compare(published)", 1, "abc", EPARSE, "'abc' is not a whole number"),
    ("compare(published)", 1, "nan", EPARSE, "'nan' is not a whole number"),
    ("compare(published)", 1, "9223372036854775808", ERANGE, "out of range for a whole number"),
    ("compare(published)", 0, "GM9999", ENOTFOUND, "'GM9999' is not in the register"),
    ("compare(published)", 0, "GM0088", EDUPLICATE, "GM0088 (Schiermonnikoog) is listed twice"),
    ("housing_task(previous_balance)", 1, "1.5", EPARSE, "'1.5' is not a whole number"),
    ("housing_task(previous_balance)", 1, "nan", EPARSE, "'nan' is not a whole number"),
    ("housing_task(previous_balance)", 1, "9223372036854775808", ERANGE, "out of range"),
    ("housing_task(previous_balance)", 0, "GM9999", ENOTFOUND, "'GM9999' is not in the register"),
    ("housing_task(previous_balance)", 0, "GM0088", EDUPLICATE, "'GM0088' occurs twice"),
    ("housing_task(realised)", 1, "1.5", EPARSE, "'1.5' is not a whole number"),
    ("housing_task(realised)", 1, "9223372036854775808", ERANGE, "out of range"),
    ("housing_task(realised)", 0, "GM9999", ENOTFOUND, "'GM9999' is not in the register"),
    ("housing_task(realised)", 0, "GM0088", EDUPLICATE, "'GM0088' occurs twice"),
    ("housing_task(swaps)", 2, "five", EPARSE, "'five' is not a whole number"),
    ("housing_task(swaps)", 2, "nan", EPARSE, "'nan' is not a whole number"),
    ("housing_task(swaps)", 2, "99999999999999999999", ERANGE, "out of range"),
    ("supervision(history)", 1, "2025-H3", EPARSE, "'2025-H3' is not a half-year"),
    ("supervision(history)", 1, "2025-2", EPARSE, "'2025-2' is not a half-year"),
    ("supervision(history)", 2, "NaN", EPARSE, "'NaN' is not a whole number"),
    ("supervision(history)", 2, "99999999999999999999", ERANGE, "out of range"),
    ("places(locations)", 6, "2026-02-30", EPARSE, "'2026-02-30' is not a date of the calendar"),
    ("places(locations)", 6, "2026/01/01", EPARSE, "'2026/01/01' is not a date"),
    ("places(locations)", 4, "-10", ERANGE, "capacity cannot be negative"),
    ("places(locations)", 5, "1e3", EPARSE, "'1e3' is not a whole number"),
    ("places(locations)", 5, "inf", EPARSE, "'inf' is not a whole number"),
    ("places(locations)", 5, "99999999999999999999", ERANGE, "out of range"),
    ("places(locations)", 1, "GM9999", ENOTFOUND, "'GM9999' is not in the register"),
    ("places(locations)", 3, "tent", ENOTFOUND, "'tent' is not a location type"),
    ("places(locations)", 0, "L0", EDUPLICATE, "location id 'L0' occurs twice (also on line 2)"),
    ("capacity(locations)", 6, "2026-02-30", EPARSE, "'2026-02-30' is not a date of the calendar"),
    ("capacity(locations)", 4, "-10", ERANGE, "capacity cannot be negative"),
    ("capacity(locations)", 1, "GM9999", ENOTFOUND, "'GM9999' is not in the register"),
    ("capacity(locations)", 0, "L0", EDUPLICATE, "location id 'L0' occurs twice"),
]

# Found by the model after the file was read, these name what they are about
# without the file: the municipality, the agreement, or the input line.
MODEL_CASES = [
    ("housing_task(realised)", 1, "-3", ERANGE,
     "realised count -3 of GM0363 (Amsterdam) is negative"),
    ("housing_task(swaps)", 1, "GM9999", ENOTFOUND,
     "swap agreement 'A': municipality code 'GM9999' is not in the register"),
    ("supervision(history)", 0, "GM9999", ENOTFOUND,
     "line 3: municipality code 'GM9999' is not in the register"),
    ("supervision(history)", 0, "GM0088", EDUPLICATE,
     "GM0088 has two balances for 2025-H1 (line 2 and line 3)"),
]


def file_with_field(tmp_path, spec, field, value):
    cells = spec.row.rstrip("\n").split(",")
    cells[field] = value
    path = tmp_path / "bad.csv"
    path.write_text(spec.header + spec.other_row + ",".join(cells) + "\n", encoding="utf-8")
    return path


def case_id(case):
    return f"{case[0]}-{case[2]}"


@pytest.mark.parametrize("loader, field, value, code, needle", FIELD_CASES,
                         ids=[case_id(case) for case in FIELD_CASES])
def test_a_bad_field_names_file_and_line(loader, field, value, code, needle, tmp_path):
    spec = LOADERS[loader]
    path = file_with_field(tmp_path, spec, field, value)
    expect_error(spec.call, path, code, needle, line=3)


@pytest.mark.parametrize("loader, field, value, code, needle", MODEL_CASES,
                         ids=[case_id(case) for case in MODEL_CASES])
def test_a_bad_record_names_what_it_is_about(loader, field, value, code, needle, tmp_path):
    spec = LOADERS[loader]
    path = file_with_field(tmp_path, spec, field, value)
    expect_error(spec.call, path, code, needle, names_file=False)


# ---- files that cannot be read -----------------------------------------------------------------

SCENARIO = {"start": "2026-03-30", "weeks": 4,
            "initial": {"in_procedure": 1, "status_holders": 0, "other": 0},
            "inflow_per_week": 1, "decision_rate": 0, "grant_rate": 0, "housing_per_week": 0,
            "departure_rate": 0, "capacity": {"initial": 5}}

READERS = {name: spec.call for name, spec in LOADERS.items()}
READERS["project(scenario)"] = lambda path: opvang.project(path)


def expect_os_error(call, path, kind, number):
    """`call(path)` raises the OSError `kind` Python raises for a file, with
    its errno, the file name and the library's EIO as `code`: not a ValueError."""
    with pytest.raises(kind) as info:
        call(str(path))
    assert not isinstance(info.value, ValueError)
    assert info.value.errno == number
    assert info.value.filename == str(path)
    assert info.value.code == EIO
    assert os.strerror(number) in str(info.value)


@pytest.mark.parametrize("reader", READERS)
def test_a_directory(reader, tmp_path):
    expect_os_error(READERS[reader], tmp_path, IsADirectoryError, errno.EISDIR)


@pytest.mark.parametrize("reader", READERS)
def test_a_file_that_is_not_there(reader, tmp_path):
    expect_os_error(READERS[reader], tmp_path / "missing.csv", FileNotFoundError, errno.ENOENT)


def test_an_unreadable_file(tmp_path):
    # One test for every reader, so that running as root skips it once.
    if os.geteuid() == 0:
        pytest.skip("root reads a file without read permission")
    for number, (reader, call) in enumerate(READERS.items()):
        path = tmp_path / f"secret{number}.csv"
        if reader == "project(scenario)":
            path.write_text(json.dumps(SCENARIO), encoding="utf-8")
        else:
            spec = LOADERS[reader]
            path.write_text(spec.header + spec.row, encoding="utf-8")
        path.chmod(0)
        expect_os_error(call, path, PermissionError, errno.EACCES)


@pytest.mark.parametrize("reader", READERS)
def test_names_the_library_cannot_open(reader):
    # "" would mean "no file" and a NUL would cut the name short.
    for name in ("", "bad\0.csv"):
        with pytest.raises(opvang.Error, match="not a file name") as info:
            READERS[reader](name)
        assert info.value.code == EIO


# ---- scenarios ----------------------------------------------------------------------------

# Written with one field a line: "start" is on line 2, "weeks" on line 3.
GOOD_SCENARIO = json.dumps(SCENARIO, indent=1).encode()


def scenario_with(old, new):
    assert old in GOOD_SCENARIO
    return GOOD_SCENARIO.replace(old, new, 1)


SCENARIO_CASES = [
    # (case, file contents, status, place in the message after the file name, what it says)
    ("empty", b"", EPARSE, "", "empty scenario"),
    ("blank lines", b"\n\n", EPARSE, "3:", "'[' or '{' expected"),
    ("not closed", b"{", EPARSE, "1:1:", "expected near end of file"),
    ("not an object", b"[]", EPARSE, "", "a scenario is a JSON object"),
    ("invalid UTF-8", scenario_with(b'"2026-03-30"', b'"\xff"'), EPARSE, "2:",
     "unable to decode byte 0xff"),
    ("a NUL byte", scenario_with(b'"2026-03-30"', b'"2026\x00-03-30"'), EPARSE, "2:",
     "control character 0x0"),
    ("a date that does not exist", scenario_with(b"2026-03-30", b"2026-02-30"), EPARSE,
     "field 'start'", "'2026-02-30' is not a date of the calendar"),
    ("a half-year for a date", scenario_with(b"2026-03-30", b"2025-H3"), EPARSE,
     "field 'start'", "'2025-H3' is not a date"),
    ("a 10 MB field", scenario_with(b'"2026-03-30"', b'"' + b"x" * (10 << 20) + b'"'), EPARSE,
     "field 'start'", "is not a date"),
    ("a number past int64", scenario_with(b'"weeks": 4', b'"weeks": 99999999999999999999'),
     EPARSE, "3:", "too big integer"),
    ("NaN", scenario_with(b'"weeks": 4', b'"weeks": NaN'), EPARSE, "3:", "invalid token"),
    ("infinity", scenario_with(b'"decision_rate": 0', b'"decision_rate": 1e400'), EPARSE, "10:",
     "real number overflow"),
    ("a negative count", scenario_with(b'"other": 0', b'"other": -1'), ERANGE,
     "field 'initial.other'", "must not be negative"),
    ("a rate that is not a number", scenario_with(b'"decision_rate": 0', b'"decision_rate": "x"'),
     EPARSE, "field 'decision_rate'", "must be a number"),
    ("a duplicate field", scenario_with(b'"weeks": 4', b'"weeks": 4, "weeks": 4'), EPARSE, "3:",
     "duplicate object key"),
    ("an unknown field", scenario_with(b'"weeks": 4', b'"weeks": 4, "weekz": 4'), EINVAL,
     "field 'weekz'", "unknown field"),
    ("a missing field", scenario_with(b'"weeks": 4,', b""), EINVAL, "field 'weeks'", "missing"),
]


@pytest.mark.parametrize("case, contents, code, place, needle", SCENARIO_CASES,
                         ids=[case[0] for case in SCENARIO_CASES])
def test_a_broken_scenario(case, contents, code, place, needle, tmp_path):
    path = tmp_path / "bad.json"
    path.write_bytes(contents)
    message = expect_error(READERS["project(scenario)"], path, code, needle)
    assert message.startswith(f"{path}:{place}" if place.endswith(":") else f"{path}: {place}")


def test_a_broken_locations_file_of_a_scenario(tmp_path):
    (tmp_path / "locations.csv").write_text(
        LOCATIONS_HEADER + "L1,GM0363,a,azc,10,10,2026-02-30,\n", encoding="utf-8")
    scenario = dict(SCENARIO, capacity={"initial": 5, "locations": "locations.csv"})
    (tmp_path / "s.json").write_text(json.dumps(scenario), encoding="utf-8")
    # The message names the locations file, resolved beside the scenario.
    with pytest.raises(opvang.Error) as info:
        opvang.project(str(tmp_path / "s.json"))
    assert info.value.code == EPARSE
    assert str(info.value).startswith(f"{tmp_path / 'locations.csv'}:2: ")
    assert "'2026-02-30' is not a date" in str(info.value)


# ---- nothing is left behind ------------------------------------------------------------------


def test_the_shared_register_is_unchanged_after_the_errors():
    # The embedded register is loaded once and shared by every call above.
    frame = opvang.municipalities()
    assert len(frame) == 342
    assert int(frame["population"].sum()) == 17_942_942
    assert int(frame.loc[frame["code"] == "GM0363", "population"].iloc[0]) == 931_298
