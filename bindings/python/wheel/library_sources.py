#!/usr/bin/python3
# SPDX-License-Identifier: EUPL-1.2
"""Prints the C sources of libopvang, one a line, as lib/meson.build lists them.

usage: library_sources.py LIB_MESON_BUILD

Reads the `opvang_sources = files(...)` list; the paths printed are absolute.
Exits 1, naming the file, when the list is not there or names a file that
does not exist, so that a change of lib/meson.build cannot silently leave a
source out of the wheel.
"""
import re
import sys
from pathlib import Path


def main():
    build_file = Path(sys.argv[1])
    text = build_file.read_text(encoding="utf-8")
    block = re.search(r"^opvang_sources\s*=\s*files\((.*?)\)", text, re.MULTILINE | re.DOTALL)
    if not block:
        sys.exit(f"{build_file}: no `opvang_sources = files(...)` list")
    names = re.findall(r"'([^']+)'", block.group(1))
    if not names:
        sys.exit(f"{build_file}: the opvang_sources list is empty")
    for name in names:
        path = build_file.parent / name
        if not path.is_file():
            sys.exit(f"{build_file}: opvang_sources names {name}, which does not exist")
        print(path.resolve())


if __name__ == "__main__":
    main()
