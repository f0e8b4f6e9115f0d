# SPDX-License-Identifier: EUPL-1.2
"""Registers loaded from CSV files: the format's corners and its errors."""

import errno
import re

import numpy as np
import pytest

import opvang

# Status codes from opvang/core.h (stable values).
EINVAL, EIO, EPARSE, ERANGE, EDUPLICATE = -1, -3, -4, -5, -7

HEADER = "code,name,province_code,province,population"


def test_bom_crlf_quotes_and_utf8(write_csv):
    path = write_csv(
        HEADER + "\r\n"
        'GM0820,"Nuenen, Gerwen en Nederwetten",PV30,Noord-Brabant,23904\r\n'
        "GM1900,Súdwest-Fryslân,PV21,Fryslân,92000\r\n"
        "GM0088,Schiermonnikoog,PV21,Fryslân,972\r\n",
        bom=True)
    frame = opvang.municipalities(path)
    assert list(frame.columns) == ["code", "name", "province_code", "province", "population"]
    assert frame["code"].tolist() == ["GM0820", "GM1900", "GM0088"]
    assert frame["name"].tolist() == ["Nuenen, Gerwen en Nederwetten", "Súdwest-Fryslân",
                                      "Schiermonnikoog"]
    assert frame["province"].tolist() == ["Noord-Brabant", "Fryslân", "Fryslân"]
    assert frame["population"].dtype == np.int64
    assert frame["population"].tolist() == [23904, 92000, 972]
    assert frame.attrs["source"].endswith("register.csv")
    assert frame.attrs["reference_date"] == ""


def test_path_may_be_str_or_pathlike(write_csv):
    path = write_csv(HEADER + "\nGM0088,Schiermonnikoog,PV21,Fryslân,972\n")
    assert opvang.municipalities(str(path)).equals(opvang.municipalities(path))


def test_dutch_column_names_any_order_extra_columns(write_csv):
    path = write_csv(
        "inwoners,gemeentenaam,oppervlakte,gemeentecode,provincienaam,provinciecode\n"
        "374238,Utrecht,9940,GM0344,Utrecht,PV26\n"
        "972,Schiermonnikoog,19992,GM0088,Fryslân,PV21")  # no final newline
    frame = opvang.municipalities(path)
    assert list(frame.columns) == ["code", "name", "province_code", "province", "population"]
    assert frame.iloc[0].tolist() == ["GM0344", "Utrecht", "PV26", "Utrecht", 374238]
    assert frame.iloc[1].tolist() == ["GM0088", "Schiermonnikoog", "PV21", "Fryslân", 972]


def test_doubled_quotes_inside_a_quoted_name(write_csv):
    path = write_csv(HEADER + '\nGM0001,"Het ""Oude"" Dorp",PV20,Groningen,10\n')
    assert opvang.municipalities(path)["name"][0] == 'Het "Oude" Dorp'


def test_ses_scores_with_a_missing_one(write_csv):
    path = write_csv(
        HEADER + ",ses\n"
        "GM0344,Utrecht,PV26,Utrecht,374238,0.125\n"
        "GM0088,Schiermonnikoog,PV21,Fryslân,972,-0.5\n"
        "GM0096,Vlieland,PV21,Fryslân,1255,\n")
    frame = opvang.municipalities(path)
    assert list(frame.columns)[-1] == "ses"
    assert frame["ses"].dtype == np.float64
    assert frame["ses"][0] == 0.125 and frame["ses"][1] == -0.5
    assert np.isnan(frame["ses"][2])


def test_population_beyond_32_bits_stays_exact(write_csv):
    path = write_csv(HEADER + "\nGM0001,Groot,PV20,Groningen,9007199254740991\n")  # 2^53 - 1
    assert opvang.municipalities(path)["population"][0] == 2 ** 53 - 1


def error_from(path):
    with pytest.raises(opvang.Error) as caught:
        opvang.municipalities(path)
    return caught.value


def without_path(error, path):
    """The message with the file name taken out, so its digits cannot pass for a line number."""
    message = str(error)
    assert str(path) in message
    return message.replace(str(path), "FILE")


def test_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError) as caught:
        opvang.municipalities(tmp_path / "nowhere.csv")
    assert caught.value.errno == errno.ENOENT
    assert caught.value.filename == str(tmp_path / "nowhere.csv")
    assert caught.value.code == EIO
    assert "nowhere.csv" in str(caught.value)


def test_empty_name_is_not_the_default():
    with pytest.raises(opvang.Error) as caught:
        opvang.municipalities("")
    assert caught.value.code == EIO


def test_name_is_not_cut_short_at_a_nul(write_csv):
    # C would read "register.csv" and succeed; the name asked for does not exist.
    path = write_csv(HEADER + "\nGM0088,Schiermonnikoog,PV21,Fryslân,972\n")
    with pytest.raises(opvang.Error) as caught:
        opvang.municipalities(str(path) + "\0.txt")
    assert caught.value.code == EIO


def test_directory_is_not_a_register(tmp_path):
    with pytest.raises(IsADirectoryError) as caught:
        opvang.municipalities(tmp_path)
    assert caught.value.errno == errno.EISDIR
    assert caught.value.code == EIO


def test_duplicate_code_names_the_code_and_line(write_csv):
    path = write_csv(
        HEADER + "\n"
        "GM0344,Utrecht,PV26,Utrecht,374238\n"
        "GM0344,Utrecht again,PV26,Utrecht,1\n")
    error = error_from(path)
    assert error.code == EDUPLICATE
    message = without_path(error, path)
    assert "GM0344" in message
    assert re.search(r"\b3\b", message), message  # the header is line 1


def test_error_is_catchable_as_value_error(write_csv):
    with pytest.raises(ValueError):
        opvang.municipalities(write_csv(HEADER + "\n"))


# Each bad data row is line 2; `named` is what else the message must mention.
@pytest.mark.parametrize("row, code, named", [
    ("GM0001,Stad,PV20,Groningen,-5", ERANGE, "population"),
    ("GM0001,Stad,PV20,Groningen,12.5", EPARSE, "12.5"),
    ("GM0001,Stad,PV20,Groningen,veel", EPARSE, "veel"),
    ("GM0001,Stad,PV20,Groningen,9007199254740992", ERANGE, "population"),  # 2^53
    ("GX0001,Stad,PV20,Groningen,5", EPARSE, "code"),
    ("GM0001,Stad,P20,Groningen,5", EPARSE, "province_code"),
    ("GM0001,,PV20,Groningen,5", EPARSE, "name"),
    ("GM0001,Stad,PV20,Groningen", EPARSE, ""),
    ("GM0001,Stad,PV20,Groningen,5,6", EPARSE, ""),
])
def test_bad_row(write_csv, row, code, named):
    path = write_csv(HEADER + "\n" + row + "\n")
    error = error_from(path)
    assert error.code == code, str(error)
    message = without_path(error, path)
    assert re.search(r"\b2\b", message), message
    assert named in message


def test_missing_required_column(write_csv):
    error = error_from(write_csv("code,name,province_code,province\nGM0001,Stad,PV20,Groningen\n"))
    assert error.code == EPARSE
    assert "population" in str(error) or "inwoners" in str(error)


def test_header_without_rows(write_csv):
    assert error_from(write_csv(HEADER + "\n")).code == EPARSE


def test_one_province_code_with_two_names(write_csv):
    error = error_from(write_csv(
        HEADER + "\n"
        "GM0001,Stad,PV20,Groningen,5\n"
        "GM0002,Dorp,PV20,Friesland,5\n"))
    assert error.code == EINVAL
    assert "PV20" in str(error)


def test_invalid_utf8(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes((HEADER + "\nGM0001,Frysl\xe2n,PV21,Frysl\xe2n,5\n").encode("latin-1"))
    assert error_from(path).code == EPARSE
