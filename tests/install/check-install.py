#!/usr/bin/python3
# SPDX-License-Identifier: EUPL-1.2
"""Installs a meson build of opvang into a temporary directory and uses it the
way the README tells a user to: the C example built with pkg-config, the
`opvang` command, the Python package and the R package built from the
installed opvang.pc, with the examples of examples/ run against them.

usage: check-install.py --source-root DIR --build-root DIR --meson MESON
                        --version X.Y.Z [--python PYTHON] [--r R]

`meson install --destdir` keeps the configured prefix inside the staging
directory, and so does opvang.pc.  pkg-config's --define-prefix guesses the
prefix from a libdir of one level (lib/) and gets a multiarch one
(lib/x86_64-linux-gnu/) wrong, so PKG_CONFIG_SYSROOT_DIR maps the paths of
the .pc file into the staging directory instead.  LD_LIBRARY_PATH finds the
library, whose installed RUNPATH (if any) names the configured prefix.

Expected values come from elsewhere than the code under test: the CBS file in
data/ read with the csv module, and the published seats of the 2019 European
Parliament election in Austria.  Every check is one JUnit test case in
BUILD_ROOT/test-results/install.xml.  Exits 1 when a check fails.  Nothing is
written to the source tree; the temporary directory is removed at the end.
"""

import argparse
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

EXAMPLE = "largest_municipalities"

# European Parliament election 2019, Austria: 18 seats by D'Hondt.
# Votes and seats as published by the Austrian Ministry of the Interior.
AUSTRIA_2019 = [
    ("OVP", 1305956, 7),
    ("SPO", 903151, 5),
    ("FPO", 650114, 3),
    ("Greens", 532193, 2),
    ("NEOS", 319024, 1),
]

# CBS StatLine 85984NED: the largest municipality on 1 January 2024.
AMSTERDAM = ("GM0363", "Amsterdam", 931298)


class CheckFailed(Exception):
    pass


class NotRun(Exception):
    """A check that cannot say anything because what it needs is missing."""


def require(condition, message):
    if not condition:
        raise CheckFailed(message)


class Report:
    """Runs checks one by one and records each as a JUnit test case.

    A check names the checks it needs; when one of those failed it is
    counted as failed too (it proves nothing), and when one was skipped it is
    skipped.
    """

    def __init__(self):
        self.cases = []
        self.outcomes = {}

    def check(self, key, name, function, *args, needs=()):
        started = time.monotonic()
        outcome, detail = "passed", ""
        failed = [n for n in needs if self.outcomes[n] == "failed"]
        skipped = [n for n in needs if self.outcomes[n] == "skipped"]
        if failed:
            outcome, detail = "failed", "not run: needs " + ", ".join(failed)
        elif skipped:
            outcome, detail = "skipped", "needs " + ", ".join(skipped)
        else:
            try:
                function(*args)
            except CheckFailed as e:
                outcome, detail = "failed", str(e)
            except NotRun as e:
                outcome, detail = "skipped", str(e)
            except Exception as e:  # a crash in one check must not hide the others
                outcome, detail = "failed", f"{type(e).__name__}: {e}"
        self.outcomes[key] = outcome
        self.cases.append((name, outcome, detail, time.monotonic() - started))
        print(f"{outcome:7}  {name}")
        if detail:
            print("         " + detail.replace("\n", "\n         "))

    def count(self, outcome):
        return sum(1 for case in self.cases if case[1] == outcome)

    def write_junit(self, path):
        suite = ET.Element("testsuite", name="install", tests=str(len(self.cases)),
                           failures=str(self.count("failed")),
                           skipped=str(self.count("skipped")), errors="0")
        for name, outcome, detail, seconds in self.cases:
            case = ET.SubElement(suite, "testcase", classname="install", name=name,
                                 time=f"{seconds:.3f}")
            if outcome == "failed":
                ET.SubElement(case, "failure", message=detail.split("\n")[0]).text = detail
            elif outcome == "skipped":
                ET.SubElement(case, "skipped", message=detail)
        root = ET.Element("testsuites")
        root.append(suite)
        path.parent.mkdir(parents=True, exist_ok=True)
        ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)


def run(command, env=None, cwd=None, timeout=300):
    """Runs a command; a non-zero exit fails the check with its output."""
    result = subprocess.run(command, env=env, cwd=cwd, timeout=timeout,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, errors="replace")
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip().splitlines()
        raise CheckFailed(f"{' '.join(map(str, command))} exited with {result.returncode}:\n"
                          + "\n".join(output[-30:]))
    return result.stdout


def largest_municipalities(source_root, how_many=5):
    """(code, name, population) of the largest municipalities in the CBS file."""
    with open(source_root / "data" / "gemeenten_2024.csv", encoding="utf-8", newline="") as f:
        rows = [(r["gemeentecode"], r["gemeentenaam"], int(r["inwoners"]))
                for r in csv.DictReader(f)]
    rows.sort(key=lambda row: row[2], reverse=True)
    return rows[:how_many]


class Installation:
    """The staged install and the environment that makes it usable."""

    def __init__(self, args, workdir):
        self.source_root = args.source_root
        self.build_root = args.build_root
        self.meson = args.meson
        self.version = args.version
        self.workdir = workdir
        self.stage = workdir / "stage"
        self.paths = {}           # prefix, bindir, libdir, includedir as configured
        self.python_site = None   # where meson installs the Python package
        self.c_example = workdir / EXAMPLE
        self.r_library = workdir / "rlib"

    def staged(self, installed_path):
        """Where a file meant for an absolute path lies under DESTDIR."""
        return self.stage / Path(installed_path).relative_to("/")

    def environment(self, **extra):
        env = dict(os.environ)
        # Nothing from the caller may point at another copy of opvang.
        for name in ("PYTHONPATH", "R_LIBS", "R_LIBS_USER", "PKG_CONFIG_SYSROOT_DIR"):
            env.pop(name, None)
        env.update({
            "LD_LIBRARY_PATH": str(self.staged(self.paths["libdir"])),
            "PKG_CONFIG_PATH": str(self.staged(self.paths["libdir"]) / "pkgconfig"),
            "PKG_CONFIG_SYSROOT_DIR": str(self.stage),
            "PYTHONDONTWRITEBYTECODE": "1",
            "LC_ALL": "C.UTF-8",
        })
        env.update(extra)
        return env

    # ---- the install itself --------------------------------------------

    def install(self):
        run([self.meson, "install", "-C", str(self.build_root), "--destdir", str(self.stage)],
            timeout=600)
        options = json.loads(run([self.meson, "introspect", "--buildoptions",
                                  str(self.build_root)]))
        values = {o["name"]: o["value"] for o in options}
        prefix = Path(values["prefix"])
        for name in ("bindir", "libdir", "includedir", "mandir"):
            self.paths[name] = prefix / values[name]  # an absolute value stays as it is
        self.paths["prefix"] = prefix
        installed = json.loads(run([self.meson, "introspect", "--installed",
                                    str(self.build_root)]))
        for destination in installed.values():
            if destination.endswith("/opvang/__init__.py"):
                self.python_site = Path(destination).parent.parent

    def check_file(self, kind, installed_path):
        path = self.staged(installed_path)
        require(path.is_file(), f"{kind} {installed_path} is not installed ({path} missing)")

    def check_shared_library(self):
        path = self.staged(self.paths["libdir"]) / "libopvang.so.1"
        require(path.is_file(), f"{path} missing")
        dynamic = run(["readelf", "--dynamic", str(path)])
        require(re.search(r"\(SONAME\)\s+Library soname: \[libopvang\.so\.1\]", dynamic),
                f"{path} does not have the SONAME libopvang.so.1:\n{dynamic}")

    def check_pkg_config(self):
        pc = self.staged(self.paths["libdir"]) / "pkgconfig" / "opvang.pc"
        require(pc.is_file(), f"{pc} missing")
        version = run(["pkg-config", "--modversion", "opvang"], env=self.environment()).strip()
        require(version == self.version, f"pkg-config says opvang {version}, expected {self.version}")
        flags = run(["pkg-config", "--cflags", "--libs", "opvang"], env=self.environment())
        require(f"-I{self.staged(self.paths['includedir'])}" in flags.split(),
                f"pkg-config --cflags does not name the installed headers: {flags}")

    def check_command(self):
        program = self.staged(self.paths["bindir"]) / "opvang"
        require(os.access(program, os.X_OK), f"{program} missing or not executable")
        printed = run([str(program), "--version"], env=self.environment()).strip()
        require(self.version in printed.split(),
                f"`opvang --version` printed {printed!r}, expected version {self.version}")

    def check_man_page(self):
        """`man opvang` finds the installed page through MANPATH and renders
        every command's section."""
        mandir = self.staged(self.paths["mandir"])
        page = mandir / "man1" / "opvang.1"
        require(page.is_file(), f"{page} missing")
        if shutil.which("man") is None:
            raise NotRun("man is not installed (Debian: man-db)")
        env = {k: v for k, v in os.environ.items() if k != "MAN_KEEP_FORMATTING"}
        env.update(MANPATH=str(mandir), MANWIDTH="100")
        # Bold and underline, should groff still overstrike them, are not text.
        text = re.sub(r".\x08", "", run(["man", "opvang"], env=env))
        commands = re.findall(r"^  ([a-z][a-z-]*)  ", run(
            [str(self.staged(self.paths["bindir"]) / "opvang"), "--help"],
            env=self.environment()).split("Commands:")[1], flags=re.M)
        require(commands, "opvang --help lists no commands")
        for name in commands:
            require(f"OPVANG {name.upper()}" in text, f"man opvang has no section for {name}")
        require("--output FILE" in text and "--quiet" in text,
                "man opvang does not list the common options")

    # ---- C ---------------------------------------------------------------

    def build_c_example(self):
        """Builds the example with exactly the line its comment documents,
        plus warnings that the public headers must not trigger."""
        source = self.source_root / "examples" / f"{EXAMPLE}.c"
        run(["sh", "-c",
             'cc -std=c11 -Wall -Wextra -Wpedantic -Werror "$1" '
             '$(pkg-config --cflags --libs opvang) -o "$2"',
             "sh", str(source), str(self.c_example)],
            env=self.environment(), cwd=self.workdir)

    def check_c_links_installed_library(self):
        listing = run(["ldd", str(self.c_example)], env=self.environment())
        match = re.search(r"libopvang\.so\.1 => (\S+)", listing)
        require(match, f"the example does not load libopvang.so.1:\n{listing}")
        expected = self.staged(self.paths["libdir"]) / "libopvang.so.1"
        require(Path(match.group(1)).resolve() == expected.resolve(),
                f"the example loads {match.group(1)}, not the installed {expected}")

    def run_c_example(self):
        return run([str(self.c_example)], env=self.environment(), cwd=self.workdir)

    # ---- Python ----------------------------------------------------------

    def check_python_site(self, python):
        if python is None:
            raise NotRun("the Python package was not built")
        require(self.python_site is not None, "meson installs no opvang/__init__.py")
        prefix = self.paths["prefix"]
        require(self.python_site.is_relative_to(prefix)
                and self.python_site.name in ("site-packages", "dist-packages"),
                f"the Python package goes to {self.python_site}, not a site directory "
                f"under {prefix}")
        self.check_file("Python package", self.python_site / "opvang" / "__init__.py")

    def python_environment(self):
        return self.environment(PYTHONPATH=str(self.staged(self.python_site)))

    def check_python_import(self, python):
        # The package and the libopvang it loads must both be the installed ones.
        probe = ("import opvang\n"
                 "print(opvang.__file__)\n"
                 "with open('/proc/self/maps') as maps:\n"
                 "    print(*sorted({l.split()[-1] for l in maps if 'libopvang.so' in l}))\n")
        lines = run([python, "-c", probe], env=self.python_environment(),
                    cwd=self.workdir).splitlines()
        package = self.staged(self.python_site) / "opvang" / "__init__.py"
        require(Path(lines[0]) == package, f"imported {lines[0]}, not the installed {package}")
        library = self.staged(self.paths["libdir"])
        require(len(lines) > 1 and lines[1] and all(
                    Path(p).resolve().is_relative_to(library) for p in lines[1].split()),
                f"the package loaded libopvang from {lines[1:]}, not from {library}")

    def run_python_example(self, python):
        source = self.source_root / "examples" / f"{EXAMPLE}.py"
        return run([python, str(source)], env=self.python_environment(), cwd=self.workdir)

    # ---- R ---------------------------------------------------------------

    def install_r_package(self, r):
        """The README's route: R CMD INSTALL against the installed opvang.pc.
        R builds inside the package directory, so it gets a copy of bindings/
        (the package includes ../opvang.i, which wraps the headers that
        OPVANG_INCLUDE names)."""
        if r is None:
            raise NotRun("R was not found")
        package = self.workdir / "r-package"
        package.mkdir()
        shutil.copy2(self.source_root / "bindings" / "opvang.i", package)
        shutil.copytree(self.source_root / "bindings" / "r", package / "r")
        run(["sh", "./cleanup"], cwd=package / "r")  # drop wrappers of an in-place build
        self.r_library.mkdir()
        run([r, "CMD", "INSTALL", "-l", str(self.r_library), str(package / "r")],
            env=self.environment(OPVANG_PKG_CONFIG_MODULE="opvang",
                                 OPVANG_INCLUDE=str(self.source_root / "include")),
            cwd=self.workdir,
            timeout=600)

    def r_environment(self):
        # No LD_LIBRARY_PATH: the package must find libopvang through the
        # rpath its configure script derives from opvang.pc.
        env = self.environment(R_LIBS=str(self.r_library))
        del env["LD_LIBRARY_PATH"]
        return env

    def check_r_loads_installed_library(self, r):
        probe = ("suppressMessages(library(opvang))\n"
                 "maps <- grep('libopvang.so', readLines('/proc/self/maps'), fixed = TRUE, value = TRUE)\n"
                 "cat(unique(sub('.* ', '', maps)), sep = '\\n')\n")
        loaded = run([r, "--vanilla", "--no-echo", "-e", probe], env=self.r_environment(),
                     cwd=self.workdir).split()
        library = self.staged(self.paths["libdir"])
        require(loaded and all(Path(p).resolve().is_relative_to(library) for p in loaded),
                f"the R package loaded libopvang from {loaded}, not from {library}")

    def run_r_example(self, r):
        source = self.source_root / "examples" / f"{EXAMPLE}.R"
        return run([r, "--vanilla", "--no-echo", "-f", str(source)], env=self.r_environment(),
                   cwd=self.workdir)


# ---- what every example must print --------------------------------------

def check_largest(output, expected):
    rows = [(m[1], m[2], int(m[3]))
            for m in re.finditer(r"^(GM\d{4})\s+(.+?)\s+(\d+)$", output, re.MULTILINE)]
    require(rows == expected,
            f"expected the municipalities\n{expected}\nbut the example printed\n{rows}\n"
            f"in:\n{output}")


def check_dhondt(output):
    rows = [(m[1], int(m[2]), int(m[3]))
            for m in re.finditer(r"^(\S+)\s+(\d+)\s+(\d+)$", output, re.MULTILINE)]
    require(rows == AUSTRIA_2019,
            f"expected party, votes, seats\n{AUSTRIA_2019}\nbut the example printed\n{rows}\n"
            f"in:\n{output}")


def example_checks(report, language, produce, expected_largest, needs):
    """Runs an example once, then checks both parts of what it printed."""
    key = language.lower()
    output = {}

    def run_example():
        output["text"] = produce()

    report.check(key, f"{language} example runs", run_example, needs=needs)
    report.check(key + "-largest", f"{language} example prints the five largest municipalities",
                 lambda: check_largest(output["text"], expected_largest), needs=(key,))
    report.check(key + "-dhondt", f"{language} example prints the D'Hondt seats 7 5 3 2 1",
                 lambda: check_dhondt(output["text"]), needs=(key,))


def files_under(directory):
    return {p.relative_to(directory) for p in directory.rglob("*")}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source-root", type=Path, required=True)
    parser.add_argument("--build-root", type=Path, required=True)
    parser.add_argument("--meson", required=True)
    parser.add_argument("--version", required=True, help="the version the project declares")
    parser.add_argument("--python", help="the Python the package was built for")
    parser.add_argument("--r", help="R, to build the R package and run its example")
    args = parser.parse_args()
    args.source_root = args.source_root.resolve()
    args.build_root = args.build_root.resolve()

    report = Report()
    examples_before = files_under(args.source_root / "examples")
    expected_largest = largest_municipalities(args.source_root)
    report.check("cbs", "the CBS file names Amsterdam largest, with 931298 inhabitants",
                 lambda: require(expected_largest[0] == AMSTERDAM,
                                 f"the CBS file's largest is {expected_largest[0]}"))

    workdir = Path(tempfile.mkdtemp(prefix="opvang-install-"))
    try:
        inst = Installation(args, workdir)
        report.check("install", "meson install into a staging directory", inst.install)
        # Paths that the install made known.
        header = lambda *parts: inst.paths["includedir"].joinpath(*parts)
        installed = ("install",)

        report.check("opvang.h", "include/opvang.h is installed",
                     lambda: inst.check_file("header", header("opvang.h")), needs=installed)
        report.check("version.h", "include/opvang/version.h is installed",
                     lambda: inst.check_file("header", header("opvang", "version.h")),
                     needs=installed)
        report.check("so", "libopvang.so.1 is installed with its SONAME",
                     inst.check_shared_library, needs=installed)
        report.check("pc", "pkg-config finds the installed opvang.pc",
                     inst.check_pkg_config, needs=installed)
        report.check("cli", f"bin/opvang --version prints {args.version}",
                     inst.check_command, needs=installed)
        report.check("man", "man opvang renders the installed page with every command",
                     inst.check_man_page, needs=installed)

        report.check("c-build", "C example compiles with pkg-config --cflags --libs opvang",
                     inst.build_c_example, needs=installed)
        report.check("c-ldd", "C example loads the installed libopvang.so.1",
                     inst.check_c_links_installed_library, needs=("c-build",))
        example_checks(report, "C", inst.run_c_example, expected_largest, ("c-build",))

        report.check("py-site", "Python package is in the prefix's site directory",
                     inst.check_python_site, args.python, needs=installed)
        report.check("py-import", "Python package imports from the prefix with its libopvang",
                     inst.check_python_import, args.python, needs=("py-site",))
        example_checks(report, "Python", lambda: inst.run_python_example(args.python),
                       expected_largest, ("py-import",))

        report.check("r-install", "R package installs from the installed opvang.pc",
                     inst.install_r_package, args.r, needs=installed)
        report.check("r-load", "R package loads the installed libopvang.so.1",
                     inst.check_r_loads_installed_library, args.r, needs=("r-install",))
        example_checks(report, "R", lambda: inst.run_r_example(args.r),
                       expected_largest, ("r-load",))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    report.check("source", "examples/ gains no files",
                 lambda: require(files_under(args.source_root / "examples") == examples_before,
                                 "new or removed files in examples/: "
                                 f"{files_under(args.source_root / 'examples') ^ examples_before}"))
    report.check("cleanup", "the temporary directory is removed",
                 lambda: require(not workdir.exists(), f"{workdir} is still there"))

    report.write_junit(args.build_root / "test-results" / "install.xml")
    passed, failed, skipped = (report.count(o) for o in ("passed", "failed", "skipped"))
    print(f"\ninstall: {passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
