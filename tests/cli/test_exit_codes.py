# SPDX-License-Identifier: EUPL-1.2
"""One exit-code policy for every command.

2: the command line is wrong (an unknown or repeated option, a value that is
malformed or out of range); the message names the option and a hint points to
the command's help.  1: everything else (bad input data, an unreadable file,
output that cannot be written).  0 only when the whole output arrived.
"""

import re
import signal
import subprocess

import pytest

from cliutil import SOURCE_ROOT, data_error, program, run, usage_error, write

LOCATIONS = SOURCE_ROOT / "examples" / "data" / "synthetic_locations.csv"
SCENARIO = SOURCE_ROOT / "examples" / "scenarios" / "march_2026.json"


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("exit")
    return {
        "weights": write(d / "weights.csv", "name,weight\nA,3\nB,2\n"),
        "bad_weights": write(d / "bad_weights.csv", "name,weight\nA,3\nB,two\n"),
        "history": write(d / "history.csv", "code,period,balance\nGM0363,2025-H1,5\n"),
        "bad_history": write(d / "bad_history.csv", "code,period,balance\nGM0363,2025-H9,5\n"),
        "bad_locations": write(d / "bad_locations.csv", "id,code\nL1,GM0363\n"),
        "bad_scenario": write(d / "bad.json", '{"weeks": "many"}'),
        "bad_register": write(d / "bad_register.csv",
                              "code,name,province_code,province,population\nGM0001,A,PV20,P,-4\n"),
        "absent": d / "absent.csv",
        "out": d / "report",
    }


# Per command: a valid command line, then one case of each kind.  A case is
# (arguments added or replacing, needle in the message).  `data` replaces the
# option that names an input file with a broken one.
COMMANDS = {
    "apportion": dict(
        base=lambda f: ["--total", "10", "--weights", f["weights"]],
        repeated=["--total", "11"],
        malformed=(["--threads", "two"], "--threads needs a whole number"),
        out_of_range=(["--total", "-1"], "--total must be 0 to 2^53, not -1"),
        data=("--weights", "bad_weights"),
        unreadable=("--weights", "absent")),
    "capacity": dict(
        base=lambda f: ["--locations", LOCATIONS, "--from", "2026-01-05", "--to", "2026-02-02"],
        repeated=["--from", "2026-01-12"],
        malformed=(["--by", "colour"], "unknown value 'colour' for --by"),
        out_of_range=(["--population-date", "2022-01-01"], "no embedded register"),
        data=("--locations", "bad_locations"),
        unreadable=("--locations", "absent")),
    "distribute": dict(
        base=lambda f: ["--total", "96000"],
        repeated=["--total", "96001"],
        malformed=(["--total", "1e5"], "--total needs a whole number, not '1e5'"),
        out_of_range=(["--amv", "96001"], "--amv 96001 is more than --total 96000"),
        data=("--register", "bad_register"),
        unreadable=("--ses", "absent")),
    "housing-task": dict(
        base=lambda f: ["--national", "13000", "--period", "2025-H2"],
        repeated=["--period", "2026-H1"],
        malformed=(["--period", "2025-H3"], "--period"),
        out_of_range=(["--national", str(2**53 + 1)], "--national must be 0 to 2^53"),
        data=("--register", "bad_register"),
        unreadable=("--previous-balance", "absent")),
    "municipalities": dict(
        base=lambda f: [],
        repeated=["--format", "csv", "--format", "json"],
        malformed=(["--format", "xml"], "unknown format 'xml'"),
        out_of_range=(["--population-date", "2099-01-01"], "no embedded register"),
        data=("--register", "bad_register"),
        unreadable=("--register", "absent")),
    "places": dict(
        base=lambda f: ["--locations", LOCATIONS, "--date", "2026-07-01", "--total", "96000"],
        repeated=["--date", "2026-07-02"],
        malformed=(["--date", "2026-02-30"], "--date"),
        out_of_range=(["--min-years", "1001"], "--min-years must be 0 to 1000, not 1001"),
        data=("--locations", "bad_locations"),
        unreadable=("--locations", "absent")),
    "project": dict(
        base=lambda f: ["--scenario", SCENARIO, "--quiet"],
        repeated=["--runs", "2", "--runs", "3"],
        malformed=(["--seed", "-1"], "--seed"),
        out_of_range=(["--runs", "0"], "--runs must be 1 to 10000000, not 0"),
        data=("--scenario", "bad_scenario"),
        unreadable=("--scenario", "absent")),
    "report": dict(
        base=lambda f: ["--locations", LOCATIONS, "--date", "2026-07-01", "--total", "96000",
                        "--out", f["out"]],
        repeated=["--date", "2026-07-02"],
        malformed=(["--runs", "many"], "--runs needs a whole number"),
        out_of_range=(["--amv", "96001"], "--amv 96001 is more than --total 96000"),
        data=("--locations", "bad_locations"),
        unreadable=("--locations", "absent")),
    "sensitivity": dict(
        base=lambda f: ["--scenario", SCENARIO],
        repeated=["--date", "2026-05-01", "--date", "2026-06-01"],
        malformed=(["--delta", "ten%"], "--delta"),
        out_of_range=(["--date", "2030-01-01"], "2030-01-01 is outside the projection"),
        data=("--scenario", "bad_scenario"),
        unreadable=("--scenario", "absent")),
    "supervision": dict(
        base=lambda f: ["--history", f["history"], "--as-of", "2025-12-01"],
        repeated=["--as-of", "2025-12-02"],
        malformed=(["--ladder", "warning=3,"], "--ladder needs STAGE=N pairs"),
        out_of_range=(["--thresholds", "2,1,3,4"], "must not decrease"),
        data=("--history", "bad_history"),
        unreadable=("--history", "absent")),
}

STDOUT_COMMANDS = [c for c in COMMANDS if c != "report"]


def base(command, files):
    return [str(a) for a in COMMANDS[command]["base"](files)]


def replaced(args, option, value):
    """`args` with the value of `option` replaced, or the option added."""
    args = list(args)
    if option in args:
        args[args.index(option) + 1] = str(value)
    else:
        args += [option, str(value)]
    return args


@pytest.mark.parametrize("command", COMMANDS)
def test_the_valid_command_line_succeeds(command, files, tmp_path):
    args = replaced(base(command, files), "--out", tmp_path / "r") if command == "report" \
        else base(command, files)
    assert run(command, *args).returncode == 0


@pytest.mark.parametrize("command", COMMANDS)
def test_an_unknown_option_exits_2(command, files):
    assert "unknown option '--colour'" in usage_error(
        run(command, *base(command, files), "--colour", "red"), command)


@pytest.mark.parametrize("command", COMMANDS)
def test_an_option_given_twice_exits_2(command, files):
    args = base(command, files)
    case = COMMANDS[command]["repeated"]
    # The option appears twice on the command line, whatever the base has.
    repeated = args + [str(x) for x in case]
    assert "is given twice; give it once" in usage_error(run(command, *repeated), command)


@pytest.mark.parametrize("command", COMMANDS)
def test_a_missing_value_exits_2(command, files):
    option = COMMANDS[command]["malformed"][0][0]
    assert f"option '{option}' needs a value" in usage_error(
        run(command, *base(command, files), option), command)


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("kind", ["malformed", "out_of_range"])
def test_a_wrong_option_value_exits_2(command, kind, files):
    (option, value), needle = COMMANDS[command][kind]
    args = replaced(base(command, files), option, value)
    assert needle in usage_error(run(command, *args), command)


@pytest.mark.parametrize("command", COMMANDS)
def test_bad_input_data_exits_1(command, files):
    option, name = COMMANDS[command]["data"]
    args = replaced(base(command, files), option, files[name])
    assert str(files[name]) in data_error(run(command, *args))


@pytest.mark.parametrize("command", COMMANDS)
def test_an_unreadable_file_exits_1_with_the_reason(command, files):
    option, name = COMMANDS[command]["unreadable"]
    args = replaced(base(command, files), option, files[name])
    message = data_error(run(command, *args))
    assert str(files[name]) in message and "No such file or directory" in message


@pytest.mark.parametrize("command", STDOUT_COMMANDS)
def test_output_that_cannot_be_written_exits_1(command, files):
    with open("/dev/full", "wb") as full:
        result = subprocess.run([program(), command, *base(command, files)], stdout=full,
                                stderr=subprocess.PIPE, check=False)
    assert result.returncode == 1
    assert "cannot write the output: No space left on device" in result.stderr.decode()


@pytest.mark.parametrize("command", list(COMMANDS) + [None])
def test_help_that_cannot_be_written_exits_1(command):
    args = [command, "--help"] if command else ["--help"]
    with open("/dev/full", "wb") as full:
        result = subprocess.run([program(), *args], stdout=full, stderr=subprocess.PIPE,
                                check=False)
    assert result.returncode == 1
    assert "No space left on device" in result.stderr.decode()


def test_an_unwritable_report_directory_exits_1(files):
    args = replaced(base("report", files), "--out", "/proc/opvang-report")
    assert "/proc/opvang-report" in data_error(run("report", *args))


# A long table: about 35,000 rows, far more than a pipe holds.
LONG_TABLE = ["places", "--locations", str(LOCATIONS), "--from", "2024-01-01", "--to",
              "2025-12-31", "--total", "96000"]


def closed_early(ignore_sigpipe):
    """Runs the long table into a pipe whose reader reads one line and closes."""
    def quiet():
        if ignore_sigpipe:
            signal.signal(signal.SIGPIPE, signal.SIG_IGN)
    child = subprocess.Popen([program(), *LONG_TABLE], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, preexec_fn=quiet)
    assert child.stdout.readline().startswith(b"date,code,")
    child.stdout.close()
    stderr = child.stderr.read()
    return child.wait(), stderr


def test_a_reader_that_stops_early_ends_the_program_quietly():
    status, stderr = closed_early(ignore_sigpipe=False)
    assert status == -signal.SIGPIPE
    assert b"cannot write" not in stderr


def test_a_reader_that_stops_early_is_not_success_when_sigpipe_is_ignored():
    status, stderr = closed_early(ignore_sigpipe=True)
    assert status == 1
    assert b"cannot write" not in stderr and b"Broken pipe" not in stderr


def test_a_value_repeated_inside_an_option_exits_2(files):
    # A stage twice in --ladder would silently keep the last, as an option twice would.
    assert "--ladder gives warning twice" in usage_error(
        run("supervision", *base("supervision", files), "--ladder", "warning=2,warning=3"),
        "supervision")
    assert "--merged-population gives GM0402 twice" in usage_error(
        run("housing-task", *base("housing-task", files), "--merged-population", "GM0402=1",
            "--merged-population", "GM0402=2"), "housing-task")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_short_form_the_help_names_is_known(command):
    help_text = run(command, "--help").stdout.decode()
    letters = re.findall(r"^ +(-\w), --", help_text, re.M)
    assert letters
    for letter in letters:
        result = subprocess.run([program(), command, letter], stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
        assert "unknown option" not in result.stderr.decode(), letter
