# SPDX-License-Identifier: EUPL-1.2
"""What a result rests on survives pd.merge as columns (opvang.with_provenance)."""
import pandas as pd
import pytest

import opvang

SMALL = {
    "start": "2026-01-05", "weeks": 2,
    "initial": {"in_procedure": 1000, "status_holders": 0, "other": 0},
    "inflow_per_week": 100, "decision_rate": 0, "grant_rate": 0, "housing_per_week": 0,
    "departure_rate": 0, "capacity": {"initial": 1050},
}


def test_merge_drops_attrs_but_not_the_provenance_columns():
    key = opvang.distribute(96000, amv=8140, population_date="2025-01-01", method="dhondt")
    register = opvang.municipalities(population_date="2025-01-01")[["code", "population"]]
    assert pd.merge(key, register, on="code").attrs == {}  # why the columns are needed
    merged = pd.merge(opvang.with_provenance(key), register, on="code")
    assert len(merged) == 342
    assert merged["population_date"].dtype == "datetime64[ns]"
    assert (merged["population_date"] == pd.Timestamp(2025, 1, 1)).all()
    assert (merged["method"] == "jefferson").all()
    assert (merged["ses_transform"] == key.attrs["ses_transform"]).all()
    assert (merged["register_source"] == key.attrs["source"]).all()
    assert opvang.provenance(merged) == {
        "population_date": pd.Timestamp(2025, 1, 1), "register_source": key.attrs["source"],
        "ses_transform": key.attrs["ses_transform"], "method": "jefferson"}


def test_the_frame_is_otherwise_unchanged():
    key = opvang.distribute(1000)
    marked = opvang.with_provenance(key)
    assert marked.columns.tolist()[:len(key.columns)] == key.columns.tolist()
    pd.testing.assert_frame_equal(marked[key.columns], key)
    assert marked.attrs == key.attrs
    assert "population_date" not in key.columns  # a copy, not the frame itself


def test_stacked_frames_of_two_dates_say_both():
    frames = [opvang.with_provenance(opvang.distribute(1000, population_date=day))
              for day in ("2023-01-01", "2024-01-01")]
    both = pd.concat(frames, ignore_index=True)
    assert opvang.provenance(both)["population_date"] == [pd.Timestamp(2023, 1, 1),
                                                         pd.Timestamp(2024, 1, 1)]


def test_places_and_projections(source_root):
    examples = source_root / "examples"
    count = opvang.places(examples / "data" / "synthetic_reception_2026.csv", date="2026-07-01",
                          tasks=examples / "data" / "synthetic_tasks.csv")
    marked = opvang.with_provenance(count)
    merged = marked.merge(opvang.municipalities()[["code", "province_code"]], on="code")
    assert (merged["task_source"] == "tasks-file").all()
    # Tasks from a file rest on no population: the date is unknown, not made up.
    assert merged["population_date"].isna().all()
    projection = opvang.with_provenance(opvang.project(SMALL))
    assert (projection["scenario"] == "<dict>").all()
    # Without the columns, provenance() reads the attrs.
    assert opvang.provenance(count)["task_source"] == "tasks-file"


def test_only_frames():
    with pytest.raises(TypeError):
        opvang.with_provenance({"code": ["GM0363"]})
    with pytest.raises(TypeError):
        opvang.provenance([1, 2])
