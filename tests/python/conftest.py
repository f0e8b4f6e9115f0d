# SPDX-License-Identifier: EUPL-1.2
"""Shared fixtures: where the project's sources are, and writing register files."""

from pathlib import Path

import pytest

SOURCE_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def source_root():
    """The top of the source tree (for data/ and meson.build)."""
    return SOURCE_ROOT


@pytest.fixture
def write_csv(tmp_path):
    """Writes text to a file under tmp_path as exact UTF-8 bytes (no newline translation)."""
    def write(text, name="register.csv", bom=False):
        path = tmp_path / name
        path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
        return path
    return write
