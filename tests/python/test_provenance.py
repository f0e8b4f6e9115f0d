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
    assert merged["opvang_population_date"].dtype == "datetime64[ns]"
    assert (merged["opvang_population_date"] == pd.Timestamp(2025, 1, 1)).all()
    assert (merged["opvang_method"] == "jefferson").all()
    assert (merged["opvang_ses_transform"] == key.attrs["ses_transform"]).all()
    assert (merged["opvang_register_source"] == key.attrs["source"]).all()
    assert opvang.provenance(merged) == {
        "population_date": pd.Timestamp(2025, 1, 1), "register_source": key.attrs["source"],
        "ses_transform": key.attrs["ses_transform"], "method": "jefferson"}


def test_the_frame_is_otherwise_unchanged():
    key = opvang.distribute(1000)
    marked = opvang.with_provenance(key)
    assert marked.columns.tolist()[:len(key.columns)] == key.columns.tolist()
    pd.testing.assert_frame_equal(marked[key.columns], key)
    assert marked.attrs == key.attrs
    assert "opvang_population_date" not in key.columns  # a copy, not the frame itself
    # Marking a marked frame again changes nothing.
    pd.testing.assert_frame_equal(opvang.with_provenance(marked), marked)


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
    assert (merged["opvang_task_source"] == "tasks-file").all()
    # Tasks from a file rest on no population: the date is unknown, not made up.
    assert merged["opvang_population_date"].isna().all()
    assert opvang.provenance(merged)["population_date"] is pd.NaT
    projection = opvang.with_provenance(opvang.project(SMALL))
    assert (projection["opvang_scenario"] == "<dict>").all()
    # Without the columns, provenance() reads the attrs.
    assert opvang.provenance(count)["task_source"] == "tasks-file"


def test_a_merge_of_two_marked_frames_says_both_sides():
    # pandas suffixes the columns both sides have: opvang_method_x and _y.
    left = opvang.with_provenance(opvang.distribute(1000, population_date="2024-01-01"))
    right = opvang.with_provenance(opvang.distribute(1000, population_date="2025-01-01"))
    merged = left.merge(right[["code", "places", "opvang_population_date", "opvang_method"]],
                        on="code")
    assert "opvang_population_date_x" in merged.columns
    assert "opvang_population_date_y" in merged.columns
    found = opvang.provenance(merged)
    # Two dates, the left side's first; one method, as both sides used hamilton.
    assert found["population_date"] == [pd.Timestamp(2024, 1, 1), pd.Timestamp(2025, 1, 1)]
    assert found["method"] == "hamilton"
    # Only the left side has the register's source and the SES transform.
    assert found["register_source"] == left.attrs["source"]
    assert found["ses_transform"] == "none"


def test_a_left_merge_leaves_out_the_unmatched_rows():
    key = opvang.with_provenance(opvang.distribute(1000, population_date="2024-01-01"))
    register = opvang.municipalities(population_date="2024-01-01")[["code"]]
    left = register.merge(key.head(3)[["code", "places", "opvang_population_date",
                                       "opvang_method"]], on="code", how="left")
    assert len(left) == 342 and left["opvang_method"].isna().sum() == 339
    assert opvang.provenance(left) == {"population_date": pd.Timestamp(2024, 1, 1),
                                       "method": "hamilton"}


def test_a_frame_without_rows_reads_its_attrs():
    key = opvang.with_provenance(opvang.distribute(1000, population_date="2023-01-01"))
    empty = key.iloc[0:0]
    assert empty.attrs == key.attrs  # a slice keeps them
    assert opvang.provenance(empty) == opvang.provenance(key)
    assert opvang.provenance(empty)["population_date"] == pd.Timestamp(2023, 1, 1)
    # Neither rows nor attrs: nothing is known, so nothing is said.
    bare = empty.copy()
    bare.attrs = {}
    assert opvang.provenance(bare) == {}


def test_a_column_of_the_users_own_is_never_taken_for_provenance():
    key = opvang.distribute(1000)
    key["method"] = "my label"  # an ordinary column of that name is the user's
    marked = opvang.with_provenance(key)
    assert (marked["method"] == "my label").all()
    assert opvang.provenance(marked)["method"] == "hamilton"
    # A column of the provenance name with another value is refused, not overwritten.
    key["opvang_method"] = "dhondt"
    with pytest.raises(ValueError, match="column 'opvang_method' is already in the frame"):
        opvang.with_provenance(key)
    assert (key["opvang_method"] == "dhondt").all()


def test_only_frames():
    with pytest.raises(TypeError):
        opvang.with_provenance({"code": ["GM0363"]})
    with pytest.raises(TypeError):
        opvang.provenance([1, 2])
