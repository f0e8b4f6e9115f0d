#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""Writes the manual page opvang(1) from the program's own help texts.

usage: make-man.py OPVANG OUTPUT

`opvang --help` gives the description and the list of commands, and
`opvang COMMAND --help` the whole of each command's section, so the page
says exactly what the program says and cannot drift from it.  The help
texts are laid out for a terminal already (aligned option lists, examples),
so each is kept as it is, in a no-fill block.  The page carries no date, so
that the same program gives the same bytes.
"""

import re
import subprocess
import sys


def helptext(program, *args):
    return subprocess.run([program, *args], stdout=subprocess.PIPE, check=True,
                          text=True).stdout


def roff(text):
    """Text as roff shows it literally: backslashes escaped, no line read as a request."""
    lines = []
    for line in text.rstrip("\n").split("\n"):
        line = line.replace("\\", "\\e").replace("-", "\\-")
        if line.startswith((".", "'")):
            line = "\\&" + line
        lines.append(line)
    return "\n".join(lines)


def main():
    program, output = sys.argv[1], sys.argv[2]
    version = helptext(program, "--version").split()[-1]
    overview = helptext(program, "--help")
    commands = re.findall(r"^  ([a-z][a-z-]*)  +(.*)$", overview.split("Commands:")[1], flags=re.M)
    intro = overview.split("\n\n", 1)[1].split("Commands:")[0].strip()
    closing = overview.split("Commands:")[1].split("\n\n", 1)[1].strip()

    page = [
        f'.TH OPVANG 1 "" "opvang {version}" "User Commands"',
        ".SH NAME",
        "opvang \\- the arithmetic of the Dutch asylum reception chain",
        ".SH SYNOPSIS",
        ".nf",
        "\\fBopvang\\fR \\fICOMMAND\\fR [\\fIoptions\\fR]",
        "\\fBopvang\\fR \\-\\-help | \\-\\-version",
        ".fi",
        ".SH DESCRIPTION",
        roff(intro).replace("\n", " "),
        ".PP",
        roff(closing).replace("\n\n", "\n.PP\n"),
        ".SH COMMANDS",
    ]
    for name, summary in commands:
        page += [f".TP\n\\fB{name}\\fR\n{roff(summary)}"]
    for name, _ in commands:
        page += [f'.SH "OPVANG {name.upper()}"', ".nf", roff(helptext(program, name, "--help")),
                 ".fi"]
    page += [
        ".SH FILES",
        "Every input is CSV (UTF\\-8, a header row, RFC 4180 quoting) or, for the projection, a JSON "
        "scenario; the columns are in each command's section above.",
        ".SH SEE ALSO",
        "The C API in \\fIopvang.h\\fR; the JSON output's shape in docs/output.md of the source.",
    ]
    with open(output, "w", encoding="utf-8") as f:
        f.write("\n".join(page) + "\n")


if __name__ == "__main__":
    main()
