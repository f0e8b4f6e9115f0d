# SPDX-License-Identifier: EUPL-1.2
"""Tests of `opvang distribute`: the Spreidingswet distribution key on the command line.

Expected values never come from the program: they are worked out by hand in
the comments, taken from the published indicative distribution of 31 January
2024, or recomputed from the formula in exact rational arithmetic
(tests/oracle/apportion_oracle.py) over the CBS file in data/, read with the
csv module.
"""

import csv
import io
import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from apportion_oracle import amv_share, hamilton
from cliutil import json_rows

SOURCE_ROOT = Path(__file__).resolve().parents[2]
CBS_REGISTER = SOURCE_ROOT / "data" / "gemeenten_2024.csv"

MUNICIPALITY_COLUMNS = ["code", "name", "province_code", "province", "population", "ses",
                        "weight", "quota", "places", "amv", "regular"]
EXPLAIN_COLUMNS = ["floor", "remainder", "rank"]
PROVINCE_COLUMNS = ["province_code", "province", "municipalities", "population", "places", "amv",
                    "regular"]
COMPARISON_COLUMNS = ["code", "name", "computed", "published", "difference", "computed_amv",
                      "published_amv", "amv_difference"]

# The indicative distribution of 31 January 2024: C = 96,000 places of which
# A = 8,140 for unaccompanied minors, and the municipal AMV pairs published
# with it (places -> AMV places).
C_2024 = 96_000
A_2024 = 8_140
PUBLISHED_AMV_PAIRS = {
    "Bloemendaal": (169, 14),
    "Zaanstad": (818, 69),
    "Wormerland": (98, 8),
    "Oostzaan": (62, 5),
}

# Five municipalities, 10,000 inhabitants in all, in two provinces.
FIVE = [
    ("GM0001", "A", "PV20", "North", 5200),
    ("GM0002", "B", "PV20", "North", 2900),
    ("GM0003", "C", "PV21", "South", 1500),
    ("GM0004", "D", "PV21", "South", 300),
    ("GM0005", "E", "PV21", "South", 100),
]
FIVE_SES = {"GM0001": "0.1", "GM0002": "-0.2", "GM0003": "0.3", "GM0004": "0", "GM0005": "0.05"}


# ---- running the program -----------------------------------------------------------


def program():
    path = os.environ.get("OPVANG_CLI")
    if not path:
        pytest.fail("OPVANG_CLI must name the built opvang program")
    return path


def run(*args):
    return subprocess.run([program(), *map(str, args)], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, check=False)


def distribute(*args):
    """Runs `opvang distribute ARGS`, which must succeed; returns (stdout, stderr lines)."""
    result = run("distribute", *args)
    assert result.returncode == 0, result.stderr.decode()
    lines = result.stderr.decode("utf-8").splitlines()
    return result.stdout.decode("utf-8"), [x for x in lines if not x.startswith("opvang: population of ")]


def records(text):
    """CSV output as a list of dicts keyed by the header."""
    return list(csv.DictReader(io.StringIO(text, newline="")))


def header(text):
    return next(csv.reader(io.StringIO(text, newline="")))


def write_register(path, rows, ses=None):
    """A register CSV; `ses` maps code to the text of a score (absent: empty cell)."""
    lines = ["code,name,province_code,province,population" + (",ses" if ses is not None else "")]
    for code, name, province_code, province, population in rows:
        line = f"{code},{name},{province_code},{province},{population}"
        if ses is not None:
            line += "," + ses.get(code, "")
        lines.append(line)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_table(path, header_line, rows):
    path.write_text(header_line + "\n" + "".join(",".join(map(str, r)) + "\n" for r in rows),
                    encoding="utf-8")
    return path


@pytest.fixture
def five_register(tmp_path):
    return write_register(tmp_path / "five.csv", FIVE)


# ---- the CBS file, read independently ----------------------------------------------


def read_cbs():
    with open(CBS_REGISTER, newline="", encoding="utf-8") as f:
        return [(r["gemeentecode"], r["gemeentenaam"], r["provinciecode"], r["provincienaam"],
                 int(r["inwoners"])) for r in csv.DictReader(f)]


def expected_by_province(municipalities, values):
    sums = {}
    for m, value in zip(municipalities, values):
        sums[m[2]] = sums.get(m[2], 0) + value
    return sums


# ---- the embedded register ------------------------------------------------------------


@pytest.mark.parametrize("total", [0, 1, 96_000, 10**9])
def test_places_add_up_to_the_total_per_municipality_and_per_province(total):
    cbs = read_cbs()
    expected = hamilton([m[4] for m in cbs], total)

    rows = records(distribute("--total", total)[0])
    assert [r["code"] for r in rows] == [m[0] for m in cbs]
    places = [int(r["places"]) for r in rows]
    assert sum(places) == total
    assert places == expected

    provinces = records(distribute("--total", total, "--by", "province")[0])
    assert len(provinces) == 12
    assert sum(int(p["places"]) for p in provinces) == total
    want = expected_by_province(cbs, expected)
    assert {p["province_code"]: int(p["places"]) for p in provinces} == want


def test_one_place_goes_to_the_largest_municipality():
    # C = 1: every floor is 0 and the largest remainder is the largest quota.
    rows = records(distribute("--total", "1")[0])
    assert [r["code"] for r in rows if r["places"] == "1"] == ["GM0363"]
    provinces = records(distribute("--total", "1", "--by", "province")[0])
    assert [p["province"] for p in provinces if p["places"] == "1"] == ["Noord-Holland"]


def test_main_job_columns_and_amv_by_rounding():
    text, notes = distribute("--total", C_2024, "--amv", A_2024)
    assert header(text) == MUNICIPALITY_COLUMNS
    cbs = read_cbs()
    rows = records(text)
    population = sum(m[4] for m in cbs)
    assert population == 17_942_942
    for m, r in zip(cbs, rows):
        places = int(r["places"])
        assert [r["code"], r["name"], r["province_code"], r["province"]] == list(m[:4])
        assert int(r["population"]) == m[4]
        assert r["ses"] == ""  # the embedded register has no scores
        assert float(r["weight"]) == m[4]
        assert float(r["quota"]) == pytest.approx(C_2024 * m[4] / population, rel=1e-12)
        assert int(r["amv"]) == amv_share(places, A_2024, C_2024)
        assert int(r["regular"]) == places - int(r["amv"])
    amsterdam = next(r for r in rows if r["code"] == "GM0363")
    # quota 96,000 * 931,298 / 17,942,942 = 4982.8...: the floor 4982 or one more
    assert int(amsterdam["places"]) in (4982, 4983)

    amv_sum = sum(int(r["amv"]) for r in rows)
    assert notes[0] == "opvang: SES transform: none"
    if amv_sum != A_2024:
        assert len(notes) == 2
        assert str(amv_sum) in notes[1] and str(A_2024) in notes[1]
    else:
        assert len(notes) == 1

    provinces = records(distribute("--total", C_2024, "--amv", A_2024, "--by", "province")[0])
    by_code = expected_by_province(cbs, [int(r["amv"]) for r in rows])
    assert {p["province_code"]: int(p["amv"]) for p in provinces} == by_code
    for p in provinces:
        assert int(p["regular"]) == int(p["places"]) - int(p["amv"])


def test_province_rows_describe_the_provinces():
    cbs = read_cbs()
    provinces = records(distribute("--total", "1000", "--by", "province")[0])
    assert list(provinces[0]) == PROVINCE_COLUMNS
    # Province order: first appearance in the register (Groningen, Almere, ...).
    order = list(dict.fromkeys(m[2] for m in cbs))
    assert [p["province_code"] for p in provinces] == order
    counts = {code: sum(1 for m in cbs if m[2] == code) for code in order}
    # Per-province municipality counts published with the CBS file.
    assert [counts[c] for c in ("PV20", "PV21", "PV22", "PV23", "PV24", "PV25",
                                "PV26", "PV27", "PV28", "PV29", "PV30", "PV31")] == \
        [10, 18, 12, 25, 6, 51, 26, 44, 50, 13, 56, 31]
    for p in provinces:
        assert int(p["municipalities"]) == counts[p["province_code"]]
        assert int(p["population"]) == sum(m[4] for m in cbs if m[2] == p["province_code"])
        assert p["province"] == next(m[3] for m in cbs if m[2] == p["province_code"])


# ---- hand-computed cases -----------------------------------------------------------------


def test_hamilton_by_hand_with_explanation(five_register):
    # C = 25 over 5200, 2900, 1500, 300, 100 (sum 10,000): quotas 13, 7.25,
    # 3.75, 0.75, 0.25; floors 13+7+3+0+0 = 23; the two places left go to the
    # largest remainders, .75 of C and .75 of D.  Remainders in order: C .75,
    # D .75, B .25, E .25, A 0 (equals by register order), so the ranks of
    # A..E are 5, 3, 1, 2, 4.
    text, notes = distribute("--total", "25", "--register", five_register, "--explain")
    assert header(text) == MUNICIPALITY_COLUMNS + EXPLAIN_COLUMNS
    rows = records(text)
    assert [int(r["places"]) for r in rows] == [13, 7, 4, 1, 0]
    assert [float(r["quota"]) for r in rows] == [13.0, 7.25, 3.75, 0.75, 0.25]
    assert [int(r["floor"]) for r in rows] == [13, 7, 3, 0, 0]
    assert [float(r["remainder"]) for r in rows] == [0.0, 0.25, 0.75, 0.75, 0.25]
    assert [int(r["rank"]) for r in rows] == [5, 3, 1, 2, 4]
    assert [int(r["amv"]) for r in rows] == [0] * 5
    assert [int(r["regular"]) for r in rows] == [13, 7, 4, 1, 0]
    assert notes == ["opvang: SES transform: none"]
    assert [int(r["places"]) for r in rows] == hamilton([m[4] for m in FIVE], 25)


def test_dhondt_by_hand_with_priorities(five_register):
    # D'Hondt, C = 25: with divisor 5200/14 = 371.43 the seats are
    # floor(14, 7.81, 4.04, 0.81, 0.27) = 14, 7, 4, 0, 0.  The last places were
    # won at priorities 5200/14 = 371.43 (A), 2900/7 = 414.29 (B) and
    # 1500/4 = 375 (C): ranks 3, 1, 2; D and E won none.
    text, _ = distribute("--total", "25", "--register", five_register, "--method", "dhondt",
                         "--explain")
    assert header(text) == MUNICIPALITY_COLUMNS + EXPLAIN_COLUMNS + ["priority"]
    rows = records(text)
    assert [int(r["places"]) for r in rows] == [14, 7, 4, 0, 0]
    assert [int(r["rank"]) for r in rows] == [3, 1, 2, 0, 0]
    assert float(rows[0]["priority"]) == pytest.approx(5200 / 14, rel=1e-12)
    assert float(rows[1]["priority"]) == pytest.approx(2900 / 7, rel=1e-12)
    assert float(rows[2]["priority"]) == pytest.approx(1500 / 4, rel=1e-12)
    assert rows[3]["priority"] == rows[4]["priority"] == ""
    # The quota columns are those of the key, whatever the method.
    assert [int(r["floor"]) for r in rows] == [13, 7, 3, 0, 0]

    plain = records(distribute("--total", "25", "-r", five_register, "-m", "jefferson")[0])
    assert [int(r["places"]) for r in plain] == [14, 7, 4, 0, 0]
    assert list(plain[0]) == MUNICIPALITY_COLUMNS


def test_five_by_province(five_register):
    # Hamilton 13, 7, 4, 1, 0: North = A + B = 20, South = C + D + E = 5.
    rows = records(distribute("--total", "25", "-r", five_register, "--by", "province")[0])
    assert [(r["province_code"], r["province"], r["municipalities"], r["population"], r["places"])
            for r in rows] == [("PV20", "North", "2", "8100", "20"), ("PV21", "South", "3", "1900", "5")]


def test_linear_ses_from_a_file_by_hand(tmp_path, five_register):
    # weights P(1 + S): 5200*1.1 = 5720, 2900*0.8 = 2320, 1500*1.3 = 1950,
    # 300*1 = 300, 100*1.05 = 105 (sum 10,395); C = 100: quotas 55.026,
    # 22.318, 18.759, 2.886, 1.010; floors 55+22+18+2+1 = 98; the two places
    # left go to the largest remainders, .886 (D) and .759 (C).
    ses = write_table(tmp_path / "ses.csv", "code,ses", FIVE_SES.items())
    text, notes = distribute("--total", "100", "--register", five_register, "--ses", ses)
    rows = records(text)
    assert [int(r["places"]) for r in rows] == [55, 22, 19, 3, 1]
    assert [float(r["weight"]) for r in rows] == pytest.approx([5720, 2320, 1950, 300, 105],
                                                                rel=1e-12)
    assert [r["ses"] for r in rows] == ["0.1", "-0.2", "0.3", "0", "0.05"]
    # --ses makes linear the default, and the program says so.
    assert notes == ["opvang: SES transform: linear"]

    # Asked for explicitly, the scores are shown but the weight is the population.
    text, notes = distribute("--total", "100", "-r", five_register, "--ses", ses,
                             "--ses-transform", "none")
    rows = records(text)
    assert [int(r["places"]) for r in rows] == [52, 29, 15, 3, 1]  # quotas 52, 29, 15, 3, 1 exactly
    assert [r["ses"] for r in rows] == ["0.1", "-0.2", "0.3", "0", "0.05"]
    assert notes == ["opvang: SES transform: none"]


def test_linear_ses_from_the_register_itself(tmp_path):
    register = write_register(tmp_path / "r.csv", FIVE, FIVE_SES)
    text, notes = distribute("--total", "100", "-r", register, "--ses-transform", "linear")
    assert [int(r["places"]) for r in records(text)] == [55, 22, 19, 3, 1]
    assert notes == ["opvang: SES transform: linear"]
    # Without asking, the register's own scores count (the library's rule).
    text, notes = distribute("--total", "100", "-r", register)
    assert [int(r["places"]) for r in records(text)] == [55, 22, 19, 3, 1]
    assert notes == ["opvang: SES transform: linear"]
    # Population alone only when asked for.
    text, notes = distribute("--total", "100", "-r", register, "--ses-transform", "none")
    assert [int(r["places"]) for r in records(text)] == [52, 29, 15, 3, 1]
    assert notes == ["opvang: SES transform: none"]


def test_richer_never_gets_fewer_places_per_inhabitant(tmp_path):
    # Twenty municipalities of the same size with scores from -0.5 to 0.45:
    # with weight P(1 + S), a higher score means a higher quota, and no method
    # may then give fewer places.
    rows = [(f"GM{i + 1:04d}", f"M{i}", "PV01", "One", 4321) for i in range(20)]
    scores = {code: f"{(i * 7 % 20) * 0.05 - 0.5:.2f}" for i, (code, *_) in enumerate(rows)}
    register = write_register(tmp_path / "same.csv", rows)
    ses = write_table(tmp_path / "ses.csv", "code,ses", scores.items())
    for method in ("hamilton", "dhondt", "sainte-lague", "huntington-hill"):
        for total in (20, 97, 1234):
            out = records(distribute("-t", total, "-r", register, "-s", ses, "-m", method)[0])
            by_score = sorted(out, key=lambda r: float(r["ses"]))
            places = [int(r["places"]) for r in by_score]
            assert places == sorted(places), (method, total)
            assert sum(places) == total


# ---- AMV ------------------------------------------------------------------------------------


@pytest.fixture
def amv_register(tmp_path):
    # Populations equal to the published places make every quota a whole
    # number at C = 96,000, so the places are exactly those.  X has 2,400:
    # 2,400 * 8,140 / 96,000 = 203.5 exactly, a half that rounds up.  The rest
    # is 96,000 - 169 - 818 - 98 - 62 - 2,400 = 92,453.
    rows = [
        ("GM0377", "Bloemendaal", "PV27", "Noord-Holland", 169),
        ("GM0479", "Zaanstad", "PV27", "Noord-Holland", 818),
        ("GM0880", "Wormerland", "PV27", "Noord-Holland", 98),
        ("GM0431", "Oostzaan", "PV27", "Noord-Holland", 62),
        ("GM9001", "X", "PV28", "Elders", 2400),
        ("GM9002", "Rest", "PV28", "Elders", 92453),
    ]
    return write_register(tmp_path / "amv.csv", rows)


def test_published_amv_pairs_by_rounding(amv_register):
    # round_half_up(N * 8140 / 96000): 169 -> 14.33 -> 14, 818 -> 69.36 -> 69,
    # 98 -> 8.31 -> 8, 62 -> 5.26 -> 5, 2400 -> 203.5 -> 204,
    # 92453 -> 7839.24 -> 7839.  Sum 8,139: one short of A.
    text, notes = distribute("-t", C_2024, "-a", A_2024, "-r", amv_register)
    rows = records(text)
    assert [int(r["places"]) for r in rows] == [169, 818, 98, 62, 2400, 92453]
    assert [int(r["amv"]) for r in rows] == [14, 69, 8, 5, 204, 7839]
    assert [int(r["regular"]) for r in rows] == [155, 749, 90, 57, 2196, 84614]
    for r in rows[:4]:
        assert (int(r["places"]), int(r["amv"])) == PUBLISHED_AMV_PAIRS[r["name"]]
    assert notes[0] == "opvang: SES transform: none"
    assert len(notes) == 2 and "8139" in notes[1] and "8140" in notes[1]

    provinces = records(distribute("-t", C_2024, "-a", A_2024, "-r", amv_register, "-b", "province")[0])
    assert [(int(p["places"]), int(p["amv"]), int(p["regular"])) for p in provinces] == [
        (169 + 818 + 98 + 62, 14 + 69 + 8 + 5, 155 + 749 + 90 + 57),
        (2400 + 92453, 204 + 7839, 2196 + 84614),
    ]


def test_amv_apportioned_adds_up_exactly(amv_register):
    # Largest remainder over the shares 14.330, 69.360, 8.310, 5.257, 203.5,
    # 7839.244: floors add up to 8,138, and the two places left go to the
    # remainders .5 (X) and .360 (Zaanstad).
    text, notes = distribute("-t", C_2024, "-a", A_2024, "-r", amv_register,
                             "--amv-mode", "apportion")
    rows = records(text)
    assert [int(r["amv"]) for r in rows] == [14, 70, 8, 5, 204, 7839]
    assert sum(int(r["amv"]) for r in rows) == A_2024
    assert notes == ["opvang: SES transform: none"]  # no residual to report


def test_amv_equal_to_the_total_and_zero(five_register):
    rows = records(distribute("-t", 25, "-a", 25, "-r", five_register)[0])
    assert [int(r["amv"]) for r in rows] == [13, 7, 4, 1, 0]
    assert all(r["regular"] == "0" for r in rows)
    rows = records(distribute("-t", 0, "-r", five_register)[0])
    assert all(r["places"] == r["amv"] == r["regular"] == "0" for r in rows)


# ---- comparing with a published table -----------------------------------------------------


def test_compare_with_published_figures(tmp_path):
    # Published, 31 January 2024: Schiermonnikoog 5, Amsterdam 4,479,
    # Bloemendaal 169 with 14 AMV, Zaanstad 818 with 69.  Computed here without
    # SES (which the published key used): places by largest remainder over the
    # CBS populations, AMV by rounding half up.
    published = [("GM0088", 5, ""), ("GM0363", 4479, ""), ("GM0377", 169, 14), ("GM0479", 818, 69)]
    table = write_table(tmp_path / "published.csv", "code,places,amv", published)
    cbs = read_cbs()
    places = dict(zip((m[0] for m in cbs), hamilton([m[4] for m in cbs], C_2024)))
    names = {m[0]: m[1] for m in cbs}

    text, notes = distribute("-t", C_2024, "-a", A_2024, "--compare", table)
    assert header(text) == COMPARISON_COLUMNS
    rows = records(text)
    assert [r["code"] for r in rows] == [p[0] for p in published]
    for r, (code, pub, pub_amv) in zip(rows, published):
        assert r["name"] == names[code]
        assert int(r["computed"]) == places[code]
        assert int(r["published"]) == pub
        assert int(r["difference"]) == places[code] - pub
        if pub_amv == "":
            assert r["computed_amv"] == r["published_amv"] == r["amv_difference"] == ""
        else:
            amv = amv_share(places[code], A_2024, C_2024)
            assert (int(r["computed_amv"]), int(r["published_amv"]), int(r["amv_difference"])) == \
                (amv, pub_amv, amv - pub_amv)
    assert int(rows[0]["difference"]) == 0  # Schiermonnikoog: 972 inhabitants, 5 places either way

    differences = [places[code] - pub for code, pub, _ in published]
    exact = sum(d == 0 for d in differences)
    largest = max(range(len(published)), key=lambda i: (abs(differences[i]), -i))
    code = published[largest][0]
    assert notes[0] == "opvang: SES transform: none"
    summary = notes[-1]
    assert summary.startswith(f"opvang: compared {len(published)} rows: {exact} exact")
    assert f"largest difference {differences[largest]} at {code} ({names[code]})" in summary


def test_compare_by_name_with_known_differences(tmp_path, five_register):
    # Hamilton at C = 25 gives 13, 7, 4, 1, 0; the "published" table says
    # A 13 (0), C 6 (-2), E 0 (0), B 8 (-1).
    table = write_table(tmp_path / "p.csv", "name,places", [("A", 13), ("C", 6), ("E", 0), ("B", 8)])
    text, notes = distribute("-t", 25, "-r", five_register, "--compare", table, "-f", "json")
    got = json_rows(text)
    assert [(r["code"], r["computed"], r["published"], r["difference"]) for r in got] == [
        ("GM0001", 13, 13, 0), ("GM0003", 4, 6, -2), ("GM0005", 0, 0, 0), ("GM0002", 7, 8, -1)]
    assert all(r["computed_amv"] is None for r in got)
    assert notes[-1] == ("opvang: compared 4 rows: 2 exact; largest difference -2 at GM0003 (C): "
                         "computed 4, published 6")


# ---- formats -------------------------------------------------------------------------------


def test_json_types(five_register):
    got = json_rows(distribute("-t", 25, "-r", five_register, "-e", "-f", "json")[0])
    assert [list(r) for r in got] == [MUNICIPALITY_COLUMNS + EXPLAIN_COLUMNS] * 5
    assert [r["places"] for r in got] == [13, 7, 4, 1, 0]
    first = got[0]
    assert first["ses"] is None
    assert type(first["population"]) is int and type(first["places"]) is int
    assert type(first["weight"]) is float and type(first["quota"]) is float
    assert type(first["rank"]) is int and type(first["remainder"]) is float

    provinces = json_rows(distribute("-t", 25, "-r", five_register, "-b", "province", "-f", "json")[0])
    assert provinces == [
        {"province_code": "PV20", "province": "North", "municipalities": 2, "population": 8100,
         "places": 20, "amv": 0, "regular": 20},
        {"province_code": "PV21", "province": "South", "municipalities": 3, "population": 1900,
         "places": 5, "amv": 0, "regular": 5},
    ]


def test_table_format():
    lines = distribute("-t", C_2024, "-a", A_2024, "-b", "province", "-f", "table")[0].splitlines()
    assert lines[0].split() == PROVINCE_COLUMNS
    assert set(lines[1]) <= {"-", " "}
    assert len(lines) == 2 + 12
    # Every line as wide as the rule, counted in code points ("Fryslân").
    assert all(len(line) == len(lines[1]) for line in lines)
    assert sum(int(line.split()[-3]) for line in lines[2:]) == C_2024


# ---- errors ------------------------------------------------------------------------------------


def assert_usage_error(result):
    assert result.returncode == 2
    assert result.stdout == b""
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 2, lines
    assert lines[0].startswith("opvang distribute: ")
    assert lines[1] == "try 'opvang distribute --help'"
    return lines[0]


def assert_data_error(result):
    assert result.returncode == 1
    assert result.stdout == b""  # never a partial table
    message = result.stderr.decode()
    assert message.startswith("opvang: ") and message.count("\n") == 1
    return message


@pytest.mark.parametrize("args, needle", [
    ([], "--total"),
    (["--amv", "5"], "--total"),
    (["--total", "lots"], "lots"),
    (["--total", "9.5"], "9.5"),
    (["--total", "99999999999999999999"], "99999999999999999999"),
    (["--total", "10", "--amv", "x"], "x"),
    (["--total", "10", "--by", "county"], "county"),
    (["--total", "10", "--ses-transform", "log"], "log"),
    (["--total", "10", "--amv-mode", "floor"], "floor"),
    (["--total", "10", "--method", "borda"], "borda"),
    (["--total", "10", "--format", "xml"], "xml"),
    (["--total", "10", "--bogus"], "--bogus"),
    (["--total", "10", "--compare"], "--compare"),
    (["--total", "10", "stray"], "stray"),
    (["--total", "10", "--by", "province", "--explain"], "--explain"),
    (["--total", "10", "--by", "province", "--compare", "p.csv"], "--compare"),
    (["--total", "10", "--explain", "--compare", "p.csv"], "--compare"),
])
def test_usage_errors_exit_2(args, needle):
    assert needle in assert_usage_error(run("distribute", *args))


def test_unknown_code_in_the_ses_file(tmp_path):
    ses = write_table(tmp_path / "ses.csv", "code,ses", [("GM0363", "0.1"), ("GM9998", "0.2")])
    message = assert_data_error(run("distribute", "-t", 10, "--ses", ses))
    assert "GM9998" in message and str(ses) in message and ":3:" in message


def test_missing_score_with_the_linear_transform(tmp_path, five_register):
    # The embedded register has no scores at all.
    message = assert_data_error(run("distribute", "-t", 10, "--ses-transform", "linear"))
    assert "GM0014" in message and "SES" in message
    # A score table that leaves out D.
    partial = {code: s for code, s in FIVE_SES.items() if code != "GM0004"}
    ses = write_table(tmp_path / "ses.csv", "code,ses", partial.items())
    message = assert_data_error(run("distribute", "-t", 10, "-r", five_register, "-s", ses))
    assert "GM0004" in message and "(D)" in message


@pytest.mark.parametrize("score", ["-1", "-1.5"])
def test_weight_factor_must_be_above_zero(tmp_path, five_register, score):
    ses = write_table(tmp_path / "ses.csv", "code,ses", {**FIVE_SES, "GM0002": score}.items())
    message = assert_data_error(run("distribute", "-t", 10, "-r", five_register, "-s", ses))
    assert "GM0002" in message and "1 + ses" in message


def test_amv_above_the_total_or_negative_numbers(five_register):
    # Option values out of range are a wrong command line: exit 2.
    assert "--amv 11 is more than --total 10" in assert_usage_error(
        run("distribute", "-t", 10, "-a", 11, "-r", five_register))
    assert "--total must be 0 to 2^53, not -1" in assert_usage_error(
        run("distribute", "-t", -1, "-r", five_register))
    assert "--amv must be 0 to 2^53, not -1" in assert_usage_error(
        run("distribute", "-t", 10, "-a", -1, "-r", five_register))
    assert "not 9007199254740993" in assert_usage_error(
        run("distribute", "-t", 2**53 + 1, "-r", five_register))


def test_compare_with_an_unknown_code(tmp_path):
    table = write_table(tmp_path / "p.csv", "code,places", [("GM0088", 5), ("GM9999", 3)])
    message = assert_data_error(run("distribute", "-t", C_2024, "--compare", table))
    assert "GM9999" in message and ":3:" in message


def test_compare_with_a_municipality_twice_or_a_bad_count(tmp_path):
    twice = write_table(tmp_path / "twice.csv", "code,places", [("GM0088", 5), ("GM0088", 6)])
    assert "GM0088" in assert_data_error(run("distribute", "-t", 100, "--compare", twice))
    negative = write_table(tmp_path / "neg.csv", "code,places", [("GM0088", -5)])
    assert_data_error(run("distribute", "-t", 100, "--compare", negative))


def test_unreadable_files(tmp_path, five_register):
    absent = tmp_path / "absent.csv"
    assert str(absent) in assert_data_error(run("distribute", "-t", 10, "-r", absent))
    assert str(absent) in assert_data_error(run("distribute", "-t", 10, "-s", absent))
    assert str(absent) in assert_data_error(run("distribute", "-t", 10, "-r", five_register,
                                                "--compare", absent))
    no_scores = write_table(tmp_path / "ses.csv", "code,score", [("GM0001", 1)])
    assert_data_error(run("distribute", "-t", 10, "-r", five_register, "-s", no_scores))


def test_register_without_inhabitants(tmp_path):
    empty = write_register(tmp_path / "zero.csv", [("GM0001", "A", "PV01", "One", 0)])
    assert_data_error(run("distribute", "-t", 10, "-r", empty))
    # Nothing to distribute is fine.
    assert records(distribute("-t", 0, "-r", empty)[0])[0]["places"] == "0"


# ---- help ------------------------------------------------------------------------------------


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help(flag):
    result = run("distribute", flag)
    assert result.returncode == 0 and result.stderr == b""
    text = result.stdout.decode()
    assert text.startswith("usage: opvang distribute")
    for option in ("--total", "--amv", "--register", "--ses", "--ses-transform", "--method",
                   "--amv-mode", "--by", "--explain", "--compare", "--format"):
        assert option in text
    assert "opvang distribute --total 96000 --amv 8140" in text


def test_program_help_lists_distribute():
    text = run("--help").stdout.decode()
    assert re.search(r"^  distribute ", text, re.MULTILINE)
