# SPDX-License-Identifier: EUPL-1.2
"""Tests of `opvang project`: the weekly shortfall projection on the command line.

The scenarios are small enough to follow by hand; every expected number is
worked out in the comments from the step in docs/scenario.md.
"""

import json

import pytest

from cliutil import (data_error, header, help_text, json_rows, records, run, succeed, usage_error,
                     write)

COLUMNS = ["week", "date", "in_procedure", "status_holders", "other", "occupancy", "capacity",
           "shortage", "planning_shortage", "inflow", "decided", "granted", "housed", "departed",
           "capacity_regular", "capacity_emergency", "capacity_hotel", "capacity_unspecified",
           "capacity_above_agreement", "transit_capacity", "in_transit", "to_transit",
           "left_transit", "housing_due"]
MONTE_CARLO_COLUMNS = ["occupancy_p05", "occupancy_p50", "occupancy_p95", "shortage_p05",
                       "shortage_p50", "shortage_p95", "p_shortage"]

# 27,000 in procedure, 500 arrivals a week and nothing leaves.
TOY = {
    "start": "2026-01-05", "weeks": 12,
    "initial": {"in_procedure": 27000, "status_holders": 0, "other": 0},
    "inflow_per_week": 500, "decision_rate": 0, "grant_rate": 0, "housing_per_week": 0,
    "departure_rate": 0, "capacity": {"initial": 30000},
}

# Flows small enough to follow by hand (see test_the_flows_by_hand).
FLOWS = {
    "start": "2026-06-03", "weeks": 4,
    "initial": {"in_procedure": 1000, "status_holders": 20, "other": 0},
    "inflow_per_week": 100, "decision_rate": 0.1, "grant_rate": 0.5, "housing_per_week": 30,
    "departure_rate": 0.1,
    "capacity": {"initial": 1100, "changes": [{"date": "2026-06-24", "delta": -50},
                                              {"date": "2026-06-25", "delta": 10}]},
}

NOISY = dict(TOY, weeks=20, decision_rate=0.05, grant_rate=0.6, housing_per_week=300,
             departure_rate=0.02,
             monte_carlo={"inflow_cv": 0.3, "inflow_autocorrelation": 0.5, "housing_cv": 0.2,
                          "capacity_delay_probability": 0.5, "capacity_delay_weeks": 3},
             capacity={"initial": 27200, "changes": [{"date": "2026-02-02", "delta": 1500}]})


def scenario_file(tmp_path, scenario, name="scenario.json"):
    return write(tmp_path / name, json.dumps(scenario))


def project(tmp_path, scenario, *args):
    text, notes = succeed("project", "--scenario", scenario_file(tmp_path, scenario), *args)
    return text, records(text), notes


def column(rows, name):
    return [int(r[name]) for r in rows]


# ---- the deterministic projection ------------------------------------------------------


def test_toy_golden_33000_in_row_12(tmp_path):
    text, rows, notes = project(tmp_path, TOY)
    assert header(text) == COLUMNS
    assert column(rows, "week") == list(range(13))
    assert rows[12]["date"] == "2026-03-30"  # 5 January + 84 days
    assert column(rows, "occupancy") == [27000 + 500 * k for k in range(13)]
    assert rows[12]["occupancy"] == "33000" and rows[12]["in_procedure"] == "33000"
    assert column(rows, "inflow") == [0] + [500] * 12  # row 0 has no flows
    assert column(rows, "housed") == [0] * 13
    # Capacity 30,000: short from row 7 (30,500) to 3,000 in row 12.
    assert column(rows, "shortage") == [max(0, 27000 + 500 * k - 30000) for k in range(13)]
    # Planning shortage, row 1: ceil(27,500 / 0.91) = ceil(30,219.78) = 30,220 places needed.
    assert rows[1]["planning_shortage"] == "220"
    assert notes == ["opvang: peak shortage 3000 places in week 12 (2026-03-30)"]


def test_87360_at_target_091_needs_96000_places(tmp_path):
    scenario = dict(TOY, weeks=1, inflow_per_week=0,
                    initial={"in_procedure": 87360, "status_holders": 0, "other": 0},
                    capacity={"initial": 90000})
    _, rows, notes = project(tmp_path, scenario)
    # 87,360 / 0.91 = 96,000 exactly: 6,000 more than the 90,000 there are; none short yet.
    assert column(rows, "planning_shortage") == [6000, 6000]
    assert column(rows, "shortage") == [0, 0]
    assert notes == ["opvang: no shortage in any week"]
    # Another target: 87,360 / 0.96 = 91,000.
    _, rows, _ = project(tmp_path, dict(scenario, target_occupancy=0.96))
    assert column(rows, "planning_shortage") == [1000, 1000]


def test_the_flows_by_hand(tmp_path):
    _, rows, notes = project(tmp_path, FLOWS)
    # Week 0: decided round(0.1 * 1000) = 100, granted 50, housed min(30, 20) = 20,
    #         departed round(0.1 * 0) = 0:  P 1000 + 100 - 100, S 20 + 50 - 20, O 0 + 50.
    # Week 1: housed 30, departed round(0.1 * 50) = 5:  S 50 + 50 - 30 = 70, O 50 + 50 - 5 = 95.
    # Week 2: departed round(9.5) = 10 (half up):  S 90, O 95 + 50 - 10 = 135.
    # Week 3: departed round(13.5) = 14:  S 110, O 135 + 50 - 14 = 171.
    assert column(rows, "in_procedure") == [1000] * 5
    assert column(rows, "status_holders") == [20, 50, 70, 90, 110]
    assert column(rows, "other") == [0, 50, 95, 135, 171]
    assert column(rows, "occupancy") == [1020, 1100, 1165, 1225, 1281]
    assert column(rows, "housed") == [0, 20, 30, 30, 30]
    # The mass balance: occupancy changes by inflow - housed - departed.
    departed = [0, 0, 5, 10, 14]
    occupancy = column(rows, "occupancy")
    for k in range(1, 5):
        assert occupancy[k] - occupancy[k - 1] == 100 - column(rows, "housed")[k] - departed[k]
    # Capacity changes on the change date itself (24 June is row 3), not before;
    # the change of 25 June shows from the next row.
    assert [r["date"] for r in rows] == ["2026-06-03", "2026-06-10", "2026-06-17", "2026-06-24",
                                         "2026-07-01"]
    assert column(rows, "capacity") == [1100, 1100, 1100, 1050, 1060]
    assert column(rows, "shortage") == [0, 0, 65, 175, 221]
    assert notes == ["opvang: peak shortage 221 places in week 4 (2026-07-01)"]


def test_zero_flows_keep_the_stocks(tmp_path):
    scenario = dict(TOY, inflow_per_week=0,
                    initial={"in_procedure": 500, "status_holders": 300, "other": 200})
    _, rows, _ = project(tmp_path, scenario)
    assert {(r["in_procedure"], r["status_holders"], r["other"]) for r in rows} == {("500", "300", "200")}


def test_json_and_table(tmp_path):
    path = scenario_file(tmp_path, TOY)
    rows = json_rows(succeed("project", "-s", path, "-f", "json")[0])
    assert list(rows[12]) == COLUMNS
    assert rows[12]["occupancy"] == 33000 and type(rows[12]["week"]) is int
    lines = succeed("project", "-s", path, "-f", "table")[0].splitlines()
    assert lines[0].split() == COLUMNS and len(lines) == 2 + 13


def test_a_locations_file_against_another_register(tmp_path):
    register = write(tmp_path / "register.csv",
                     "code,name,province_code,province,population\nGM0001,Een,PV01,Noord,100\n")
    write(tmp_path / "locations.csv",
          "id,code,name,type,agreed_capacity,capacity,opens,closes\n"
          "A,GM0001,Tent,nood,400,400,2026-01-12,2026-01-26\n")
    scenario = dict(TOY, weeks=3, capacity={"initial": 27000, "locations": "locations.csv"})
    path = scenario_file(tmp_path, scenario)
    rows = records(succeed("project", "-s", path, "--register", register)[0])
    # Open on 12 and 19 January, closed again on the 26th.
    assert column(rows, "capacity") == [27000, 27400, 27400, 27000]
    # The embedded register has no GM0001.
    assert "GM0001" in data_error(run("project", "-s", path))


# ---- Monte Carlo ---------------------------------------------------------------------


def test_the_same_seed_gives_the_same_output_on_1_and_2_threads(tmp_path):
    path = scenario_file(tmp_path, NOISY)
    one = run("project", "-s", path, "--runs", 64, "--seed", 11, "--threads", 1)
    two = run("project", "-s", path, "--runs", 64, "--seed", 11, "--threads", 2)
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout and one.stderr == two.stderr
    text = one.stdout.decode()
    assert header(text) == COLUMNS + MONTE_CARLO_COLUMNS
    rows = records(text)
    for r in rows:
        assert float(r["occupancy_p05"]) <= float(r["occupancy_p50"]) <= float(r["occupancy_p95"])
        assert float(r["shortage_p05"]) <= float(r["shortage_p50"]) <= float(r["shortage_p95"])
        assert 0 <= float(r["p_shortage"]) <= 1
        # A fraction of 64 runs.
        assert float(r["p_shortage"]) * 64 == round(float(r["p_shortage"]) * 64)
    # The noise does something: the band is not a line after week 0.
    assert float(rows[-1]["occupancy_p95"]) > float(rows[-1]["occupancy_p05"])
    # Row 0 is the initial state in every run.
    assert float(rows[0]["occupancy_p05"]) == float(rows[0]["occupancy_p95"]) == 27000
    notes = one.stderr.decode().splitlines()
    assert notes[0].startswith("opvang: peak shortage ")
    assert notes[1].startswith("opvang: median peak shortage over 64 runs: ")
    other_seed = run("project", "-s", path, "--runs", 64, "--seed", 12)
    assert other_seed.stdout != one.stdout


@pytest.mark.parametrize("monte_carlo", [
    None,
    {"inflow_cv": 0, "inflow_autocorrelation": 0, "housing_cv": 0,
     "capacity_delay_probability": 0, "capacity_delay_weeks": 0},
])
def test_without_variation_every_run_is_the_deterministic_one(tmp_path, monte_carlo):
    scenario = dict(TOY) if monte_carlo is None else dict(TOY, monte_carlo=monte_carlo)
    _, rows, notes = project(tmp_path, scenario, "--runs", 10)
    for r in rows:
        for name in ("occupancy_p05", "occupancy_p50", "occupancy_p95"):
            assert float(r[name]) == int(r["occupancy"])
        for name in ("shortage_p05", "shortage_p50", "shortage_p95"):
            assert float(r[name]) == int(r["shortage"])
        assert float(r["p_shortage"]) == (1.0 if int(r["shortage"]) > 0 else 0.0)
    expected = ["opvang: peak shortage 3000 places in week 12 (2026-03-30)"]
    if monte_carlo is None:
        expected.append("opvang: the scenario has no monte_carlo section, so every run equals "
                        "the projection without noise")
    expected.append("opvang: median peak shortage over 10 runs: 3000 places")
    assert notes == expected


def test_one_run_is_the_deterministic_projection(tmp_path):
    text, _, notes = project(tmp_path, NOISY, "--runs", 1, "--seed", 5)
    assert header(text) == COLUMNS
    assert len(notes) == 1


# ---- errors ----------------------------------------------------------------------


@pytest.mark.parametrize("args, needle", [
    ([], "--scenario"),
    (["--runs", "0"], "--runs"),
    (["--runs", "10000001"], "--runs"),
    (["--runs", "many"], "many"),
    (["--threads", "0"], "--threads"),
    (["--threads", "257"], "--threads"),
    (["--seed", "-1"], "-1"),
    (["--seed", "seven"], "seven"),
    (["--seed", "18446744073709551616"], "18446744073709551616"),
    (["--format", "xml"], "xml"),
    (["--nope"], "--nope"),
    (["stray"], "stray"),
])
def test_usage_errors_exit_2(tmp_path, args, needle):
    full = args if args == [] else ["--scenario", scenario_file(tmp_path, TOY), *args]
    assert needle in usage_error(run("project", *full), "project")


def test_the_largest_seed_is_accepted(tmp_path):
    project(tmp_path, TOY, "--seed", str(2**64 - 1), "--runs", 2)


def without(key):
    return {k: v for k, v in TOY.items() if k != key}


@pytest.mark.parametrize("scenario, needle", [
    (dict(TOY, decison_rate=0.1), "decison_rate"),
    (without("weeks"), "weeks"),
    (without("capacity"), "capacity"),
    (dict(TOY, weeks="twelve"), "weeks"),
    (dict(TOY, decision_rate=1.5), "decision_rate"),
    (dict(TOY, grant_rate=-0.1), "grant_rate"),
    (dict(TOY, initial={"in_procedure": -1, "status_holders": 0, "other": 0}), "initial.in_procedure"),
    (dict(TOY, initial={"in_procedure": 1, "status_holders": 0}), "initial.other"),
    (dict(TOY, inflow_per_week=[500] * 11), "inflow_per_week"),
    (dict(TOY, start="2026-02-30"), "start"),
    (dict(TOY, capacity={"initial": 10, "changes": [{"date": "2026-01-12", "delta": -11}]}), "capacity"),
    (dict(TOY, capacity={"initial": 10, "changes": [{"date": "2026-01-12"}]}), "capacity.changes[0].delta"),
    (dict(TOY, monte_carlo={"inflow_cv": 0.1, "seed": 3}), "monte_carlo.seed"),
    (dict(TOY, target_occupancy=0), "target_occupancy"),
])
def test_scenario_errors_exit_1(tmp_path, scenario, needle):
    path = scenario_file(tmp_path, scenario)
    message = data_error(run("project", "--scenario", path))
    assert needle in message and str(path) in message


def test_unreadable_or_malformed_scenarios_exit_1(tmp_path):
    broken = write(tmp_path / "broken.json", '{"start": "2026-01-05",\n "weeks": 12,,}\n')
    message = data_error(run("project", "-s", broken))
    assert str(broken) in message and ":2:" in message  # the line of the stray comma
    assert "absent.json" in data_error(run("project", "-s", tmp_path / "absent.json"))
    assert data_error(run("project", "-s", write(tmp_path / "empty.json", "")))
    scenario = dict(TOY, capacity={"initial": 1, "locations": "missing.csv"})
    assert "missing.csv" in data_error(run("project", "-s", scenario_file(tmp_path, scenario)))
    register = tmp_path / "no-register.csv"
    assert str(register) in data_error(run("project", "-s", scenario_file(tmp_path, TOY),
                                           "--register", register))


def test_a_stock_beyond_a_billion_is_an_error_not_a_wrong_number(tmp_path):
    # 10^9 - 10 in procedure plus 100 arrivals passes the model's bound in week 1.
    scenario = dict(TOY, initial={"in_procedure": 10**9 - 10, "status_holders": 0, "other": 0},
                    inflow_per_week=100)
    message = data_error(run("project", "-s", scenario_file(tmp_path, scenario)))
    assert "week" in message


def test_help():
    text = help_text("project")
    for option in ("--scenario", "--runs", "--seed", "--threads", "--register", "--format"):
        assert option in text


def test_program_help_lists_the_new_commands():
    text, _ = succeed("--help")
    for command in ("housing-task", "supervision", "places", "capacity", "project"):
        assert f"\n  {command} " in text


# ---- several scenarios, the levers ------------------------------------------------------

def test_several_scenarios_side_by_side(tmp_path):
    # TOY gains 500 a week; the second keeps 1,000 more places open.
    first = scenario_file(tmp_path, TOY, "a.json")
    second = scenario_file(tmp_path, dict(TOY, capacity={"initial": 31000}), "b.json")
    text, notes = succeed("project", "-s", first, "--scenario", second)
    rows = records(text)
    assert header(text) == ["scenario"] + COLUMNS
    assert [r["scenario"] for r in rows] == [str(first)] * 13 + [str(second)] * 13
    # week 12: 27,000 + 6,000 = 33,000 against 30,000 and 31,000 places
    assert int(rows[12]["shortage"]) == 3000 and int(rows[25]["shortage"]) == 2000
    assert notes == [f"opvang: {first}: peak shortage 3000 places in week 12 (2026-03-30)",
                     f"opvang: {second}: peak shortage 2000 places in week 12 (2026-03-30)"]


def test_one_bad_scenario_of_several_fails_the_command(tmp_path):
    first = scenario_file(tmp_path, TOY, "a.json")
    second = scenario_file(tmp_path, dict(TOY, extend=[{"id": "nope", "weeks": 2}]), "b.json")
    message = data_error(run("project", "-s", first, "-s", second))
    assert "field 'extend[0].id': no location or capacity change with id 'nope'" in message


def test_capacity_by_type_and_a_type_kept_open(tmp_path):
    # 1,000 emergency places close on 2 February (week 4); kept open 4 weeks
    # longer they close on 2 March (week 8).
    scenario = dict(TOY, capacity={"initial": {"azc": 29000, "nood": 1000},
                                   "changes": [{"date": "2026-02-02", "delta": -1000,
                                                "type": "nood"}]})
    rows = project(tmp_path, scenario)[1]
    assert column(rows, "capacity_emergency") == [1000] * 4 + [0] * 9
    assert column(rows, "capacity_regular") == [29000] * 13
    kept = dict(scenario, extend=[{"type": "nood", "weeks": 4}])
    rows = project(tmp_path, kept)[1]
    assert column(rows, "capacity_emergency") == [1000] * 8 + [0] * 5
    assert column(rows, "capacity") == [30000] * 8 + [29000] * 5


# ---- opvang sensitivity -------------------------------------------------------------------

SMALL = {
    "start": "2026-01-05", "weeks": 4,
    "initial": {"in_procedure": 1000, "status_holders": 200, "other": 0},
    "inflow_per_week": 100, "decision_rate": 0, "grant_rate": 0, "housing_per_week": 0,
    "departure_rate": 0, "capacity": {"initial": 1000},
}


def test_sensitivity_by_hand(tmp_path):
    # On 2 February: 1,000 + 200 + 4 x 100 = 1,600 people, 1,000 places: 600 short.
    # 10% moves: in procedure +-100, capacity -+100, inflow +-40 over four
    # weeks, status holders +-20; housing 50 a week houses 200 of the 200.
    path = scenario_file(tmp_path, SMALL)
    chart = tmp_path / "tornado.svg"
    text, notes = succeed("sensitivity", "-s", path, "--delta", "housing_per_week=50",
                          "--chart", chart, "-f", "json")
    document = json.loads(text)
    meta = {key: value for key, value in document["meta"].items()
            if key not in ("version", "command", "inputs", "population_date", "notes")}
    assert meta == {"date": "2026-02-02", "shortage": 600}
    assert document["meta"]["command"] == "sensitivity"
    rows = {r["input"]: r for r in document["rows"]}
    got = [(r["input"], r["shortage_low"], r["shortage_high"]) for r in document["rows"]]
    assert got[:5] == [("initial.in_procedure", 500, 700), ("housing_per_week", 600, 400),
                       ("capacity.initial", 700, 500), ("inflow_per_week", 560, 640),
                       ("initial.status_holders", 580, 620)]
    assert rows["housing_per_week"]["value_high"] == 50
    assert all(r["effect"] == 0 for r in document["rows"][5:])
    svg = chart.read_text()
    assert svg.startswith("<svg") and "initial.in_procedure" in svg and "600 places" in svg


def test_sensitivity_date_and_mistakes(tmp_path):
    path = scenario_file(tmp_path, SMALL)
    rows = records(succeed("sensitivity", "-s", path, "--date", "2026-01-13", "--delta", "50%")[0])
    # row 1 (12 January): 1,300 people, 1,000 places; in procedure 500 / 1,500
    assert (rows[0]["input"], rows[0]["shortage_low"], rows[0]["shortage_high"]) == \
        ("initial.in_procedure", "0", "800")
    assert "--delta needs a percentage" in usage_error(run("sensitivity", "-s", path, "--delta", "10"),
                                                        "sensitivity")
    assert "--delta P% is given twice" in usage_error(
        run("sensitivity", "-s", path, "--delta", "10%", "--delta", "5%"), "sensitivity")
    # Options the scenario cannot take are a wrong command line: exit 2.
    message = usage_error(run("sensitivity", "-s", path, "--delta", "housing=5"), "sensitivity")
    assert "no input 'housing'; it has initial.in_procedure" in message
    message = usage_error(run("sensitivity", "-s", path, "--date", "2027-01-01"), "sensitivity")
    assert "2027-01-01 is outside the projection, 2026-01-05 to 2026-02-02" in message


def test_ctrl_c_ends_a_long_projection(tmp_path):
    # 10^7 runs take many seconds; SIGINT after one ends them at once with 130.
    import signal
    import subprocess
    import time
    from cliutil import program
    path = scenario_file(tmp_path, NOISY)
    child = subprocess.Popen([program(), "project", "-s", str(path), "--runs", "10000000"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(1.0)
    sent = time.monotonic()
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=30)
    assert time.monotonic() - sent < 1.0
    assert child.returncode == 130 and out == b""
    assert err.decode().startswith("opvang: interrupted: cancelled after ")
