# SPDX-License-Identifier: EUPL-1.2
"""Tests of the `opvang` command: run the built program, read what it prints.

Expected values come from elsewhere: the CBS file in data/ read here with the
csv module, published election results, and apportionment recomputed in exact
rational arithmetic by tests/oracle/apportion_oracle.py.  OPVANG_CLI names the
program to run.
"""

import csv
import io
import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from apportion_oracle import divisor, hamilton
from cliutil import json_rows

SOURCE_ROOT = Path(__file__).resolve().parents[2]
CBS_REGISTER = SOURCE_ROOT / "data" / "gemeenten_2024.csv"

REGISTER_HEADER = ["code", "name", "province_code", "province", "population"]

# European Parliament election 2019, Austria: the five parties that won seats.
AUSTRIA_2019 = [
    ("ÖVP", 1305956),
    ("SPÖ", 903151),
    ("FPÖ", 650114),
    ("Grüne", 532193),
    ("NEOS", 319024),
]
AUSTRIA_2019_SEATS = 18
AUSTRIA_2019_DHONDT = [7, 5, 3, 2, 1]  # the published result


def program():
    path = os.environ.get("OPVANG_CLI")
    if not path:
        pytest.fail("OPVANG_CLI must name the built opvang program")
    return path


def run(*args, stdin=None):
    return subprocess.run(
        [program(), *args],
        input=stdin.encode("utf-8") if isinstance(stdin, str) else stdin,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        check=False,
    )


def ok(*args, stdin=None):
    result = run(*args, stdin=stdin)
    assert result.returncode == 0, result.stderr.decode()
    # Only the note that names the population a result rests on.
    notes = [line for line in result.stderr.decode().splitlines()
             if not line.startswith("opvang: population of ")]
    assert notes == []
    return result.stdout.decode("utf-8")


def csv_rows(text):
    return list(csv.reader(io.StringIO(text, newline="")))


def weights_csv(pairs):
    return "name,weight\n" + "".join(f"{name},{weight}\n" for name, weight in pairs)


def expected_real_text(value):
    """The shortest round-trip text, as Python's repr writes it (without '.0')."""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def read_cbs_register():
    with open(CBS_REGISTER, newline="", encoding="utf-8") as f:
        return [
            [r["gemeentecode"], r["gemeentenaam"], r["provinciecode"], r["provincienaam"], r["inwoners"]]
            for r in csv.DictReader(f)
        ]


# ---- municipalities --------------------------------------------------------------


def test_municipalities_csv_is_the_cbs_register():
    rows = csv_rows(ok("municipalities"))
    assert rows[0] == REGISTER_HEADER
    assert len(rows) - 1 == 342
    assert rows[1:] == read_cbs_register()
    assert sum(int(r[4]) for r in rows[1:]) == 17_942_942


def test_municipalities_known_rows():
    by_code = {r[0]: r for r in csv_rows(ok("municipalities"))[1:]}
    assert by_code["GM0363"] == ["GM0363", "Amsterdam", "PV27", "Noord-Holland", "931298"]
    assert by_code["GM0088"][1:] == ["Schiermonnikoog", "PV21", "Fryslân", "972"]
    assert len({r[2] for r in by_code.values()}) == 12


def test_municipalities_csv_quotes_a_name_with_a_comma():
    text = ok("municipalities", "--format", "csv")
    lines = text.splitlines()
    assert 'GM0820,"Nuenen, Gerwen en Nederwetten",PV30,Noord-Brabant,24231' in lines
    # and quotes nothing that does not need it
    assert "GM0363,Amsterdam,PV27,Noord-Holland,931298" in lines
    assert text.endswith("\n") and "\r" not in text


def test_municipalities_json():
    records = json_rows(ok("municipalities", "--format", "json"))
    assert isinstance(records, list) and len(records) == 342
    assert all(list(r) == REGISTER_HEADER for r in records)
    amsterdam = next(r for r in records if r["code"] == "GM0363")
    assert amsterdam["name"] == "Amsterdam"
    assert amsterdam["population"] == 931298
    assert type(amsterdam["population"]) is int
    nuenen = next(r for r in records if r["code"] == "GM0820")
    assert nuenen["name"] == "Nuenen, Gerwen en Nederwetten"
    assert sum(r["population"] for r in records) == 17_942_942


def test_municipalities_table_is_aligned_in_code_points():
    lines = ok("municipalities", "--format", "table").splitlines()
    header, rule, body = lines[0], lines[1], lines[2:]
    assert len(body) == 342
    assert set(rule) <= {"-", " "}
    # Column spans from the rule under the header.
    spans = [m.span() for m in re.finditer(r"-+", rule)]
    assert len(spans) == 5
    # The last column (population) is right-aligned, so every line has the
    # rule's width when widths are counted in code points (Python str).
    assert all(len(line) == len(rule) for line in [header, *body])
    cells = [[line[a:b].strip() for a, b in spans] for line in [header, *body]]
    assert cells[0] == REGISTER_HEADER
    assert cells[1:] == read_cbs_register()
    for line in body:  # numbers flush right, text flush left
        assert line[spans[4][1] - 1] != " "
        assert line[spans[1][0]] != " "


def test_municipalities_from_a_register_file_with_ses(tmp_path):
    register = tmp_path / "register.csv"
    register.write_text(
        "code,name,province_code,province,population,ses\n"
        "GM0001,Aap,PV01,Een,1000,0.1\n"
        "GM0002,\"Noot, Mies\",PV01,Een,2500,-1.25\n"
        "GM0003,Wim,PV02,Twee,0,\n"
        "GM0004,Zus,PV02,Twee,7,0.0000001\n",
        encoding="utf-8",
    )
    rows = csv_rows(ok("municipalities", "--register", str(register)))
    assert rows[0] == [*REGISTER_HEADER, "ses"]
    assert rows[1:] == [
        ["GM0001", "Aap", "PV01", "Een", "1000", expected_real_text(0.1)],
        ["GM0002", "Noot, Mies", "PV01", "Een", "2500", expected_real_text(-1.25)],
        ["GM0003", "Wim", "PV02", "Twee", "0", ""],
        ["GM0004", "Zus", "PV02", "Twee", "7", expected_real_text(1e-7)],
    ]
    assert rows[1][5] == "0.1" and rows[4][5] == "1e-07"

    records = json_rows(ok("municipalities", "-r", str(register), "-f", "json"))
    assert [r["ses"] for r in records] == [0.1, -1.25, None, 1e-7]
    assert [r["population"] for r in records] == [1000, 2500, 0, 7]


def test_municipalities_without_scores_has_no_ses_column(tmp_path):
    register = tmp_path / "register.csv"
    register.write_text(
        "gemeentecode,gemeentenaam,provinciecode,provincienaam,inwoners\nGM0001,Aap,PV01,Een,5\n",
        encoding="utf-8",
    )
    assert csv_rows(ok("municipalities", "--register", str(register))) == [
        REGISTER_HEADER,
        ["GM0001", "Aap", "PV01", "Een", "5"],
    ]


# ---- apportion -------------------------------------------------------------------


def check_austria(rows, seats):
    names = [name for name, _ in AUSTRIA_2019]
    votes = [v for _, v in AUSTRIA_2019]
    assert rows[0] == ["name", "weight", "quota", "seats"]
    assert [r[0] for r in rows[1:]] == names
    assert [r[1] for r in rows[1:]] == [str(v) for v in votes]
    for row, v in zip(rows[1:], votes):
        quota = AUSTRIA_2019_SEATS * v / sum(votes)  # int/int: correctly rounded
        assert float(row[2]) == quota
        assert row[2] == expected_real_text(quota)
    assert [int(r[3]) for r in rows[1:]] == seats


def test_apportion_dhondt_austria_2019_from_a_file(tmp_path):
    weights = tmp_path / "votes.csv"
    weights.write_text(weights_csv(AUSTRIA_2019), encoding="utf-8")
    rows = csv_rows(ok("apportion", "--total", "18", "--method", "dhondt", "--weights", str(weights)))
    check_austria(rows, AUSTRIA_2019_DHONDT)


def test_apportion_dhondt_austria_2019_from_stdin():
    rows = csv_rows(ok("apportion", "--total", "18", "--method", "d'hondt", stdin=weights_csv(AUSTRIA_2019)))
    check_austria(rows, AUSTRIA_2019_DHONDT)
    rows = csv_rows(ok("apportion", "-t", "18", "-m", "jefferson", "-w", "-", stdin=weights_csv(AUSTRIA_2019)))
    check_austria(rows, AUSTRIA_2019_DHONDT)


def test_the_dhondt_reference_agrees_with_the_published_result():
    votes = [v for _, v in AUSTRIA_2019]
    assert divisor(votes, 18, "jefferson") == AUSTRIA_2019_DHONDT


def test_apportion_defaults_to_hamilton():
    votes = [v for _, v in AUSTRIA_2019]
    expected = hamilton(votes, 18)
    assert expected == [6, 4, 3, 3, 2]
    rows = csv_rows(ok("apportion", "--total", "18", stdin=weights_csv(AUSTRIA_2019)))
    check_austria(rows, expected)


@pytest.mark.parametrize("total", [1, 7, 18, 100, 1001])
def test_apportion_sainte_lague_matches_the_definition(total):
    votes = [v for _, v in AUSTRIA_2019]
    expected = divisor(votes, total, "webster")
    rows = csv_rows(ok("apportion", "--total", str(total), "--method", "sainte-lague",
                       stdin=weights_csv(AUSTRIA_2019)))
    assert [int(r[3]) for r in rows[1:]] == expected
    assert sum(expected) == total


def test_apportion_threads_change_nothing_but_the_time():
    # 300,000 rows: enough for two threads of 2^17.
    weights = [(f"u{i}", 1 + (i * 7919) % 1000) for i in range(300_000)]
    expected = hamilton([w for _, w in weights], 1_000_003)
    for threads in ("1", "2"):
        rows = csv_rows(ok("apportion", "--total", "1000003", "--threads", threads,
                           stdin=weights_csv(weights)))
        assert [int(r[3]) for r in rows[1:]] == expected


@pytest.mark.parametrize("value", ["0", "257", "two"])
def test_apportion_threads_out_of_range(value):
    result = run("apportion", "--total", "3", "--threads", value, stdin=weights_csv(AUSTRIA_2019))
    assert result.returncode == 2
    assert b"--threads" in result.stderr


def test_apportion_json_and_table():
    records = json_rows(ok("apportion", "-t", "18", "-m", "dhondt", "-f", "json",
                            stdin=weights_csv(AUSTRIA_2019)))
    assert [r["name"] for r in records] == [n for n, _ in AUSTRIA_2019]
    assert [r["seats"] for r in records] == AUSTRIA_2019_DHONDT
    assert all(type(r["seats"]) is int and type(r["quota"]) is float for r in records)
    assert all(type(r["weight"]) is float for r in records)  # a real column stays real
    assert [r["weight"] for r in records] == [float(v) for _, v in AUSTRIA_2019]

    lines = ok("apportion", "-t", "18", "-m", "dhondt", "-f", "table",
               stdin=weights_csv(AUSTRIA_2019)).splitlines()
    assert len(lines) == 2 + len(AUSTRIA_2019)
    assert len({len(line) for line in lines}) == 1  # "Grüne" is five wide, not six
    assert [line.split() for line in lines[2:]][3][0] == "Grüne"
    assert [int(line.split()[-1]) for line in lines[2:]] == AUSTRIA_2019_DHONDT


def test_apportion_quotes_names_in_csv():
    rows = csv_rows(ok("apportion", "-t", "3", stdin='name,weight\n"a, b",1\n"say ""c""",2\n'))
    assert rows[1:] == [["a, b", "1", "1", "1"], ['say "c"', "2", "2", "2"]]


def test_apportion_fractional_weights_print_shortest():
    rows = csv_rows(ok("apportion", "-t", "10", stdin="name,weight\na,0.1\nb,0.2\nc,0.7\n"))
    total = 0.1 + 0.2 + 0.7  # the same left-to-right double sum
    assert [r[1] for r in rows[1:]] == ["0.1", "0.2", "0.7"]
    assert [r[2] for r in rows[1:]] == [expected_real_text(10 * w / total) for w in (0.1, 0.2, 0.7)]
    assert [int(r[3]) for r in rows[1:]] == [1, 2, 7]


# ---- errors ----------------------------------------------------------------------


def assert_usage_error(result, command):
    """Exit 2, nothing on stdout, a message and a hint on stderr; returns the message."""
    assert result.returncode == 2
    assert result.stdout == b""
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 2, lines
    assert lines[0].startswith("opvang")
    # A missing or unknown command points to the program's own help.
    hint = f"opvang {command} --help" if command else "opvang --help"
    assert lines[1] == f"try '{hint}'"
    return lines[0]


def test_unknown_command_or_program_option():
    assert "spread" in assert_usage_error(run("spread"), "")
    assert "--frobnicate" in assert_usage_error(run("--frobnicate"), "")


def test_missing_command():
    assert "command" in assert_usage_error(run(), "")


@pytest.mark.parametrize(
    "args, needle",
    [
        (["apportion", "--bogus"], "--bogus"),
        (["apportion", "-t", "5", "-x"], "-x"),
        (["apportion"], "--total"),
        (["apportion", "--total", "eighteen"], "eighteen"),
        (["apportion", "--total", "18.5"], "18.5"),
        (["apportion", "--total", ""], "--total"),
        (["apportion", "--total", "99999999999999999999"], "99999999999999999999"),
        (["apportion", "--total", "18", "--format", "xml"], "xml"),
        (["apportion", "--total", "18", "--method", "borda"], "borda"),
        (["apportion", "--total"], "--total"),
        (["apportion", "--total", "18", "stray"], "stray"),
        (["municipalities", "--format", "yaml"], "yaml"),
        (["municipalities", "--nope"], "--nope"),
        (["municipalities", "--register"], "--register"),
    ],
)
def test_usage_errors_exit_2(args, needle):
    message = assert_usage_error(run(*args, stdin=weights_csv(AUSTRIA_2019)), args[0])
    assert message.startswith(f"opvang {args[0]}: ")
    assert needle in message


def assert_data_error(result):
    assert result.returncode == 1
    assert result.stdout == b""  # never a partial table
    message = result.stderr.decode()
    assert message.startswith("opvang: ") and message.endswith("\n")
    assert message.count("\n") == 1
    return message


def test_missing_weights_file_exits_1(tmp_path):
    missing = tmp_path / "absent.csv"
    assert str(missing) in assert_data_error(run("apportion", "-t", "3", "-w", str(missing)))


def test_bad_weights_on_stdin_exit_1():
    # The bad value is on the third line, after rows that would print fine.
    message = assert_data_error(run("apportion", "-t", "3", stdin="name,weight\na,1\nb,-2\n"))
    assert "<stdin>" in message and "3" in message
    message = assert_data_error(run("apportion", "-t", "3", stdin="name,weight\na,1\nb,many\n"))
    assert "<stdin>" in message
    message = assert_data_error(run("apportion", "-t", "3", stdin="name,weight\na,1\na,2\n"))
    assert "a" in message
    assert_data_error(run("apportion", "-t", "3", stdin=""))
    assert_data_error(run("apportion", "-t", "3", stdin="name,votes\na,1\n"))


def test_impossible_apportionment_exits_1():
    # A total outside 0..2^53 is a wrong command line (2); weights that cannot
    # take the total are wrong data (1).
    assert "--total must be 0 to 2^53, not -1" in assert_usage_error(
        run("apportion", "-t", "-1", stdin=weights_csv(AUSTRIA_2019)), "apportion")
    assert "not 9007199254740993" in assert_usage_error(
        run("apportion", "-t", str(2**53 + 1), stdin=weights_csv(AUSTRIA_2019)), "apportion")
    assert_data_error(run("apportion", "-t", "3", stdin="name,weight\na,0\nb,0\n"))
    # Adams gives every party a seat: five parties cannot share four.
    assert_data_error(run("apportion", "-t", "4", "-m", "adams", stdin=weights_csv(AUSTRIA_2019)))


def test_bad_register_exits_1(tmp_path):
    register = tmp_path / "bad.csv"
    register.write_text(
        "code,name,province_code,province,population\n"
        "GM0001,Aap,PV01,Een,10\n"
        "GM0002,Noot,PV01,Een,ten\n",
        encoding="utf-8",
    )
    assert str(register) in assert_data_error(run("municipalities", "--register", str(register)))
    assert_data_error(run("municipalities", "--register", str(tmp_path / "absent.csv")))


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_disk_is_an_error():
    with open("/dev/full", "wb") as full:
        result = subprocess.run([program(), "municipalities"], stdout=full, stderr=subprocess.PIPE, check=False)
    assert result.returncode == 1
    assert result.stderr.decode().startswith("opvang: ")


# ---- version and help ------------------------------------------------------------


def test_version_is_the_project_version():
    meson_build = (SOURCE_ROOT / "meson.build").read_text(encoding="utf-8")
    version = re.search(r"version\s*:\s*'([0-9.]+)'", meson_build).group(1)
    assert ok("--version") == f"opvang {version}\n"
    assert ok("--version") == "opvang 1.1.0\n"


def test_program_help_lists_every_command():
    text = ok("--help")
    assert text.startswith("usage: opvang COMMAND")
    for command in ("municipalities", "apportion"):
        assert re.search(rf"^  {command} ", text, re.MULTILINE)


@pytest.mark.parametrize("command, options", [
    ("municipalities", ["--register", "--format"]),
    ("apportion", ["--total", "--method", "--weights", "--format"]),
])
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_command_help(command, options, flag):
    text = ok(command, flag)
    assert text.startswith(f"usage: opvang {command}")
    for option in options:
        assert option in text


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["project", "--help"],
                                  ["supervision", "--help"], ["sensitivity", "--help"]])
def test_help_and_version_fail_when_they_cannot_be_written(args):
    # /dev/full takes nothing: the text is lost, and the program says so.
    with open("/dev/full", "wb") as full:
        result = subprocess.run([program(), *args], stdout=full, stderr=subprocess.PIPE,
                                check=False)
    assert result.returncode == 1
    assert result.stderr.decode() == "opvang: cannot write the output: No space left on device\n"


def test_a_scenario_that_cannot_be_opened_says_why(tmp_path):
    result = run("project", "-s", tmp_path / "absent.json")
    assert result.returncode == 1
    assert result.stderr.decode() == (f"opvang: {tmp_path / 'absent.json'}: cannot open: "
                                      "No such file or directory\n")


def test_control_characters_are_shown_not_sent_to_the_terminal(tmp_path):
    # A name with an escape sequence (ESC [ 3 1 m turns a terminal red) is
    # shown as \x1b in the text table, aligned as four characters.
    register = tmp_path / "r.csv"
    register.write_bytes(b"code,name,province_code,province,population\n"
                         b"GM0001,Een\x1b[31mrood,PV01,Noord,10\nGM0002,Twee,PV01,Noord,20\n")
    result = run("municipalities", "-r", str(register), "-f", "table")
    assert result.returncode == 0
    lines = result.stdout.decode().splitlines()
    assert "\x1b" not in result.stdout.decode()
    assert lines[2].startswith("GM0001  Een\\x1b[31mrood  PV01")
    assert lines[3].startswith("GM0002  Twee             PV01")
