#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""Counts test cases across C (Check XML), Python and R (JUnit XML).

usage: count-results.py BUILDDIR...

Several build directories (a plain build, a sanitizer build, a fuzz build)
are counted together; tests of all but the first are shown with the name of
their directory in front.

Reads meson's testlog.json for the list of tests that ran and their exit
status, and BUILDDIR/test-results/<test name>.xml for the cases inside each
one.  A test without a result file counts as one case.  A test that failed
although its file shows no failing case (a crash, a timeout) adds one failure.
Prints one line per test and then `N passed, N failed`; exits 1 on any failure.
"""
import json
import os
import sys
import xml.etree.ElementTree as ET

PASSING = {"OK", "EXPECTEDFAIL"}
SKIPPED = {"SKIP"}


def count_check(root):
    passed = failed = 0
    for test in root.iter():
        if test.tag.endswith("test") and "result" in test.attrib:
            if test.attrib["result"] == "success":
                passed += 1
            else:
                failed += 1
    return passed, failed, 0


def count_junit(root):
    passed = failed = skipped = 0
    for case in root.iter("testcase"):
        tags = {child.tag for child in case}
        if tags & {"failure", "error"}:
            failed += 1
        elif "skipped" in tags:
            skipped += 1
        else:
            passed += 1
    return passed, failed, skipped


def count_file(path):
    root = ET.parse(path).getroot()
    if root.tag.endswith("testsuites") and root.find(".//{*}suite") is not None:
        return count_check(root)
    return count_junit(root)


def read_runs(builddir):
    log = os.path.join(builddir, "meson-logs", "testlog.json")
    try:
        with open(log, encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()]
    except OSError:
        return []


def main(builddirs):
    total_passed = total_failed = total_skipped = 0
    for index, builddir in enumerate(builddirs):
        runs = read_runs(builddir)
        label = "" if index == 0 else os.path.basename(os.path.normpath(builddir)) + "/"
        if not runs:
            print("  %-28s no tests ran" % (label or builddir))
            total_failed += 1
            continue
        passed, failed, skipped = count_runs(builddir, runs, label)
        total_passed += passed
        total_failed += failed
        total_skipped += skipped
    line = "%d passed, %d failed" % (total_passed, total_failed)
    if total_skipped:
        line += ", %d skipped" % total_skipped
    print(line)
    return 1 if total_failed else 0


def count_runs(builddir, runs, label):
    results = os.path.join(builddir, "test-results")
    total_passed = total_failed = total_skipped = 0
    for run in runs:
        # meson names tests "project:suite / name"; the file uses the name.
        name, result = run["name"].split(" / ")[-1], run["result"]
        path = os.path.join(results, name + ".xml")
        if os.path.exists(path):
            try:
                passed, failed, skipped = count_file(path)
            except ET.ParseError as e:
                passed, failed, skipped = 0, 1, 0
                print("  %s: unreadable result file: %s" % (name, e))
            if result not in PASSING | SKIPPED and failed == 0:
                failed += 1
        elif result in SKIPPED:
            passed, failed, skipped = 0, 0, 1
        else:
            passed, failed, skipped = (1, 0, 0) if result in PASSING else (0, 1, 0)
        print("  %-28s %-8s %5d passed, %d failed%s" % (
            label + name, result, passed, failed, ", %d skipped" % skipped if skipped else ""))
        total_passed += passed
        total_failed += failed
        total_skipped += skipped
    return total_passed, total_failed, total_skipped


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["build"]))
