# SPDX-License-Identifier: EUPL-1.2
"""The JSON of every command has the shape docs/output.schema.json documents,
and its meta.notes are the notes the command printed on stderr.

The schema is checked by a small validator of the keywords it uses (type,
enum, const, pattern, required, properties, additionalProperties, items,
allOf, if/then), so that the test needs nothing beyond Python; the
validator's own test below shows it refuses what it must.
"""

import json
import re

import pytest

from cliutil import SOURCE_ROOT, run

SCHEMA = json.loads((SOURCE_ROOT / "docs" / "output.schema.json").read_text())

TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


def errors(value, schema, where="$"):
    """What is wrong with `value` against `schema`: a list of messages."""
    found = []
    if "type" in schema:
        kinds = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(TYPES[k](value) for k in kinds):
            return [f"{where}: {value!r} is not of type {kinds}"]
    if "enum" in schema and value not in schema["enum"]:
        found.append(f"{where}: {value!r} is not one of {schema['enum']}")
    if "const" in schema and value != schema["const"]:
        found.append(f"{where}: {value!r} is not {schema['const']!r}")
    if "pattern" in schema and isinstance(value, str) and not re.search(schema["pattern"], value):
        found.append(f"{where}: {value!r} does not match {schema['pattern']}")
    if isinstance(value, dict):
        for key in schema.get("required", []):
            if key not in value:
                found.append(f"{where}: {key!r} is missing")
        properties = schema.get("properties", {})
        for key, item in value.items():
            if key in properties:
                found += errors(item, properties[key], f"{where}.{key}")
            elif schema.get("additionalProperties") is False:
                found.append(f"{where}: {key!r} is not allowed")
            elif isinstance(schema.get("additionalProperties"), dict):
                found += errors(item, schema["additionalProperties"], f"{where}.{key}")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            found += errors(item, schema["items"], f"{where}[{i}]")
    for part in schema.get("allOf", []):
        found += errors(value, part, where)
    if "if" in schema and not errors(value, schema["if"], where) and "then" in schema:
        found += errors(value, schema["then"], where)
    return found


def test_the_validator_refuses_what_it_must():
    good = {"meta": {"version": "1.0.0", "command": "distribute", "inputs": [],
                     "population_date": "2024-01-01", "notes": [], "register_source": "x",
                     "map_mergers": False, "ses_transform": "none"},
            "rows": [{"code": "GM0014", "places": 1304, "quota": 1304.23, "ses": None}]}
    assert errors(good, SCHEMA) == []
    bad = json.loads(json.dumps(good))
    del bad["meta"]["notes"]
    bad["meta"]["version"] = "1.0"
    bad["meta"]["ses_transform"] = "rank"
    bad["rows"].append({"nested": {"no": 1}})
    bad["extra"] = 1
    assert sorted(errors(bad, SCHEMA)) == sorted([
        "$: 'extra' is not allowed",
        "$.meta: 'notes' is missing",
        "$.meta.version: '1.0' does not match ^[0-9]+\\.[0-9]+\\.[0-9]+$",
        "$.meta.ses_transform: 'rank' is not one of ['none', 'linear']",
        "$.rows[1].nested: {'no': 1} is not of type "
        "['string', 'integer', 'number', 'boolean', 'null']",
    ])
    bad = json.loads(json.dumps(good))
    bad["meta"]["command"] = "supervision"  # then its own keys are required
    assert "$.meta: 'as_of' is missing" in errors(bad, SCHEMA)


DATA = f"{SOURCE_ROOT}/examples/data/"
SCENARIO = f"{SOURCE_ROOT}/examples/scenarios/march_2026.json"
LOCATIONS = DATA + "synthetic_reception_2026.csv"
TASKS = DATA + "synthetic_tasks.csv"

# Every command that writes a table, in the layouts its options choose.
# (report writes an HTML site, not a table: it has no --format.)
COMMANDS = [
    ["municipalities"],
    ["municipalities", "--population-date", "2023-01-01"],
    ["apportion", "--total", "7", "--method", "webster", "--weights", DATA + "weights.csv"],
    ["distribute", "--total", "96000", "--amv", "8140"],
    ["distribute", "--total", "96000", "--by", "province"],
    ["distribute", "--total", "96000", "--explain", "--method", "dhondt"],
    ["distribute", "--total", "96000", "--ses", DATA + "synthetic_ses.csv"],
    ["distribute", "--total", "96000", "--amv", "8140", "--compare", DATA + "synthetic_published.csv"],
    ["housing-task", "--national", "13000", "--period", "2025-H2", "--previous-balance",
     DATA + "synthetic_balance_2025h1.csv", "--realised", DATA + "synthetic_realised_2025h2.csv"],
    ["supervision", "--history", DATA + "synthetic_balances.csv", "--as-of", "2026-03-01",
     "--tolerance", "5%"],
    ["places", "--locations", LOCATIONS, "--tasks", TASKS, "--date", "2026-07-01"],
    ["places", "--locations", LOCATIONS, "--tasks", TASKS, "--date", "2026-07-01", "--by",
     "province"],
    ["places", "--locations", LOCATIONS, "--date", "2026-07-01", "--by", "location"],
    ["places", "--locations", DATA + "synthetic_locations.csv", "--total", "96000", "--amv", "8140",
     "--from", "2026-06-01", "--to", "2026-12-01", "--every", "month", "--by", "nation"],
    ["capacity", "--locations", DATA + "synthetic_locations.csv", "--from", "2026-06-01", "--to",
     "2026-09-01", "--by", "type"],
    ["project", "--scenario", SCENARIO, "--runs", "50", "--seed", "1"],
    ["project", "-s", SCENARIO, "-s", f"{SOURCE_ROOT}/examples/scenarios/march_2026_kept_open.json"],
    ["sensitivity", "-s", SCENARIO, "--date", "2026-08-31"],
]


@pytest.mark.parametrize("args", COMMANDS,
                         ids=lambda a: " ".join(x.removeprefix(DATA) for x in a[:4]))
def test_every_command_writes_the_documented_shape(args, tmp_path):
    args = [str(tmp_path / "weights.csv") if a == DATA + "weights.csv" else a for a in args]
    (tmp_path / "weights.csv").write_text("name,weight\nA,53\nB,24\nC,15\nD,8\n")
    result = run(*args, "--format", "json")
    assert result.returncode == 0, result.stderr.decode()
    document = json.loads(result.stdout)
    assert errors(document, SCHEMA) == []
    meta = document["meta"]
    assert meta["command"] == args[0]
    assert meta["inputs"] == [*args[1:], "--format", "json"]
    assert document["rows"], "no rows"
    # the notes on stderr, word for word, are meta.notes
    stderr = [line.removeprefix("opvang: ") for line in result.stderr.decode().splitlines()]
    assert meta["notes"] == stderr


def test_report_writes_no_table():
    assert "--format" not in run("report", "--help").stdout.decode()
