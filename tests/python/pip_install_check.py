#!/usr/bin/python3
# SPDX-License-Identifier: EUPL-1.2
"""`pip install .` of the Python package, offline, into a fresh venv, used as a user would.

usage: pip_install_check.py --source-root DIR --python PYTHON --version X.Y.Z --junit FILE

Makes a venv with the system's site packages (NumPy, pandas, meson-python
from Debian) in a temporary directory, runs `pip install
--no-build-isolation --no-index` on the source tree, and from a working
directory outside any tree checks the installed package: where it is
imported from, its metadata, what the wheel holds (py.typed too), and a
computation worked by hand.  Every check is one JUnit case in FILE; exits 1 when one fails.

pip builds in the tree it is given, and meson-python 0.12 (Debian 12) writes
.mesonpy-native-file.ini and a .mesonpy-* working directory there.  So that
the source tree is left exactly as it was, even while other tests read it,
pip is given a copy of it: the tracked files and any others, without .git
and without meson build directories.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

# What runs in the venv: one line "name<TAB>value" per fact asked for.
PROBE = r"""
import importlib.metadata, os, sys, typing
import opvang
print("file", opvang.__file__, sep="\t")
print("version", importlib.metadata.version("opvang"), sep="\t")
print("package_version", opvang.__version__, sep="\t")
files = importlib.metadata.files("opvang")
print("files", ";".join(sorted(str(f) for f in files)), sep="\t")
with open("/proc/self/maps") as maps:
    print("libopvang", ";".join(sorted({l.split()[-1] for l in maps if "libopvang" in l})), sep="\t")
print("py_typed", os.path.isfile(os.path.join(os.path.dirname(opvang.__file__), "py.typed")),
      sep="\t")
print("hamilton", list(opvang.apportion([5, 3, 2], 7)), sep="\t")
print("dhondt", list(opvang.apportion([100, 80, 30], 5, "dhondt")), sep="\t")
"""


class CheckFailed(Exception):
    pass


def require(condition, message):
    if not condition:
        raise CheckFailed(message)


def run(command, cwd, env, timeout):
    result = subprocess.run(command, cwd=cwd, env=env, timeout=timeout,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if result.returncode != 0:
        raise CheckFailed(f"{' '.join(map(str, command))} exited with {result.returncode}:\n"
                          + result.stdout[-6000:])
    return result.stdout


def ignored(directory, names):
    """What of ``directory`` is not source: .git, caches, meson build directories."""
    return [name for name in names
            if name in (".git", "__pycache__", ".pytest_cache")
            or name.startswith(".mesonpy")
            or (Path(directory, name) / "meson-private").is_dir()]


def clean_environment():
    env = dict(os.environ)
    # Nothing of the build tree or the test run may reach the venv's Python.
    for name in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "LD_LIBRARY_PATH"):
        env.pop(name, None)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    env["PIP_NO_CACHE_DIR"] = "1"
    return env


class Report:
    def __init__(self):
        self.cases = []
        self.failed = set()

    def check(self, name, function, *args, needs=()):
        started = time.monotonic()
        blocked = [n for n in needs if n in self.failed]
        detail = ""
        if blocked:
            outcome, detail = "failed", "not run: needs " + ", ".join(blocked)
        else:
            try:
                function(*args)
                outcome = "passed"
            except CheckFailed as exc:
                outcome, detail = "failed", str(exc)
            except Exception as exc:  # one crash must not hide the other checks
                outcome, detail = "failed", f"{type(exc).__name__}: {exc}"
        if outcome == "failed":
            self.failed.add(name)
        self.cases.append((name, outcome, detail, time.monotonic() - started))
        print(f"{outcome:7}  {name}")
        if detail:
            print("         " + detail.replace("\n", "\n         "))

    def write_junit(self, path):
        failures = sum(1 for case in self.cases if case[1] == "failed")
        suite = ET.Element("testsuite", name="pip-install", tests=str(len(self.cases)),
                           failures=str(failures), skipped="0", errors="0")
        for name, outcome, detail, seconds in self.cases:
            case = ET.SubElement(suite, "testcase", classname="pip-install", name=name,
                                 time=f"{seconds:.3f}")
            if outcome == "failed":
                ET.SubElement(case, "failure", message=detail.split("\n")[0]).text = detail
        root = ET.Element("testsuites")
        root.append(suite)
        path.parent.mkdir(parents=True, exist_ok=True)
        ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)


class PipInstall:
    def __init__(self, args, workdir):
        self.args = args
        self.source = workdir / "source"
        self.venv = workdir / "venv"
        self.elsewhere = workdir / "elsewhere"
        self.elsewhere.mkdir()
        self.env = clean_environment()
        self.facts = {}

    def venv_python(self):
        return self.venv / "bin" / "python"

    def copy_source(self):
        shutil.copytree(self.args.source_root, self.source, symlinks=True, ignore=ignored)
        require((self.source / "pyproject.toml").is_file(), "the source tree has no pyproject.toml")

    def make_venv(self):
        run([self.args.python, "-m", "venv", "--system-site-packages", self.venv],
            cwd=self.elsewhere, env=self.env, timeout=300)
        require(self.venv_python().exists(), f"no {self.venv_python()}")

    def pip_install(self):
        run([self.venv_python(), "-m", "pip", "install", "--no-build-isolation", "--no-index",
             "--no-cache-dir", self.source], cwd=self.elsewhere, env=self.env, timeout=1500)

    def probe(self):
        out = run([self.venv_python(), "-c", PROBE], cwd=self.elsewhere, env=self.env, timeout=120)
        for line in out.splitlines():
            name, _, value = line.partition("\t")
            self.facts[name] = value

    def site_packages(self):
        return Path(self.facts["file"]).resolve().parent.parent

    def imported_from_venv(self):
        package = Path(self.facts["file"]).resolve()
        require(package.is_relative_to(self.venv.resolve()),
                f"opvang was imported from {package}, not from the venv {self.venv}")
        require(package.parent.parent.name == "site-packages",
                f"opvang is in {package.parent.parent}, not a site-packages directory")
        for tree in (self.args.source_root.resolve(), self.source.resolve()):
            require(not package.is_relative_to(tree), f"opvang was imported from the tree {tree}")

    def metadata_version(self):
        require(self.facts["version"] == self.args.version,
                f"importlib.metadata.version('opvang') is {self.facts['version']!r}, "
                f"meson.build says {self.args.version!r}")
        require(self.facts["package_version"] == self.args.version,
                f"opvang.__version__ is {self.facts['package_version']!r}, "
                f"meson.build says {self.args.version!r}")

    def wheel_holds_the_package_only(self):
        files = self.facts["files"].split(";")
        others = [f for f in files
                  if not (f.startswith("opvang/") or f.startswith("opvang-") and ".dist-info/" in f)]
        require(not others, f"the wheel installs more than the package: {others}")
        extension = [f for f in files if f.startswith("opvang/_opvang.") and f.endswith(".so")]
        require(len(extension) == 1, f"the wheel holds {extension}, not one extension")
        for module in ("__init__.py", "_apportion.py", "errors.py"):
            require(f"opvang/{module}" in files, f"the wheel has no opvang/{module}")

    def typed(self):
        require("opvang/py.typed" in self.facts["files"].split(";"),
                "the wheel has no opvang/py.typed")
        require(self.facts["py_typed"] == "True", "opvang/py.typed is not beside the package")

    def extension_stands_alone(self):
        # libopvang is linked in: no libopvang.so is loaded, none is needed.
        require(self.facts["libopvang"] == "",
                f"the installed package loaded {self.facts['libopvang']}")
        extension = next(self.site_packages().glob("opvang/_opvang.*.so"))
        needed = run(["readelf", "-d", extension], cwd=self.elsewhere, env=self.env, timeout=60)
        require("libopvang" not in needed, f"{extension.name} needs libopvang:\n{needed}")
        require("RPATH" not in needed and "RUNPATH" not in needed,
                f"{extension.name} has a run path:\n{needed}")

    def computes(self):
        # Hamilton, 7 over 5:3:2: quotas 3.5, 2.1, 1.4; floors 3, 2, 1 leave
        # one seat, which the largest remainder (.5) takes.
        require(self.facts["hamilton"] == "[4, 2, 1]",
                f"apportion([5, 3, 2], 7) is {self.facts['hamilton']}, not [4, 2, 1]")
        # D'Hondt, 5 over 100:80:30: the quotients 100, 80, 50, 40, 33.3
        # (A, B, A, B, A) win; C's best, 30, comes sixth.
        require(self.facts["dhondt"] == "[3, 2, 0]",
                f"apportion([100, 80, 30], 5, 'dhondt') is {self.facts['dhondt']}, "
                f"not [3, 2, 0]")

    def source_untouched(self, before):
        after = sorted(os.listdir(self.args.source_root))
        require(after == before, "the source root changed: "
                f"new {sorted(set(after) - set(before))}, gone {sorted(set(before) - set(after))}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source-root", type=Path, required=True)
    parser.add_argument("--python", required=True, help="the Python with NumPy to make the venv")
    parser.add_argument("--version", required=True, help="meson.build's project version")
    parser.add_argument("--junit", type=Path, required=True)
    args = parser.parse_args()

    report = Report()
    before = sorted(os.listdir(args.source_root))
    with tempfile.TemporaryDirectory(prefix="opvang-pip-") as workdir:
        inst = PipInstall(args, Path(workdir))
        report.check("copy of the source tree", inst.copy_source)
        report.check("venv with the system site packages", inst.make_venv)
        report.check("pip install --no-build-isolation --no-index", inst.pip_install,
                     needs=["copy of the source tree", "venv with the system site packages"])
        report.check("import opvang outside the tree", inst.probe,
                     needs=["pip install --no-build-isolation --no-index"])
        probed = ["import opvang outside the tree"]
        report.check("imported from the venv's site-packages", inst.imported_from_venv,
                     needs=probed)
        report.check("importlib.metadata version is meson.build's", inst.metadata_version,
                     needs=probed)
        report.check("the wheel installs the package and nothing else",
                     inst.wheel_holds_the_package_only, needs=probed)
        report.check("py.typed is installed", inst.typed, needs=probed)
        report.check("the extension needs no libopvang.so", inst.extension_stands_alone,
                     needs=probed)
        report.check("apportion as worked by hand", inst.computes, needs=probed)
        report.check("the source root is left as it was", inst.source_untouched, before)
    report.write_junit(args.junit)
    sys.exit(1 if report.failed else 0)


if __name__ == "__main__":
    main()
