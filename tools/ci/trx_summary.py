#!/usr/bin/env python3
"""Summarise a test run for tools/test.sh: per-project lines, then the closing line.

Why this exists: CI does not read `dotnet test`'s own summary; it reads one plain last line
`N passed, N failed, N skipped`. We build it from the TRX files (one per test project) plus the
extra checks test.sh records (build, smoke checks, projects whose run crashed).

Usage: trx_summary.py RUNS_TSV CHECKS_TSV
  RUNS_TSV   one line per test project: <project>\t<dotnet test exit code>\t<trx path>
  CHECKS_TSV one line per extra check:  <name>\t<passed|failed>\t<message>
Either file may be missing or empty. Exit code: 0 when nothing failed and at least one test
ran; 1 otherwise. The closing line is always the last line printed to stdout.
"""
import os
import sys
import xml.etree.ElementTree as ET

# TRX root element is in this namespace; ElementTree needs it spelled out in every path.
NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}

# UnitTestResult outcomes, grouped. Skipped xunit tests are outcome="NotExecuted".
FAILED_OUTCOMES = {"Failed", "Error", "Timeout", "Aborted"}
PASSED_OUTCOMES = {"Passed", "PassedButRunAborted"}


def read_tsv(path):
    if not path or not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip()]


def trx_counts(path):
    """(passed, failed, skipped) from the TRX, or None if it is missing or unreadable.

    Counted from Results/UnitTestResult outcomes rather than ResultSummary/Counters: the VSTest
    TRX logger leaves Counters.notExecuted at 0 for skipped tests (a skipped xunit test only
    shows as total > executed there), while each result's outcome is unambiguous.
    """
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError):
        return None
    if root.find("t:ResultSummary", NS) is None:
        return None
    passed = failed = skipped = 0
    for result in root.iterfind("t:Results/t:UnitTestResult", NS):
        outcome = result.get("outcome", "")
        if outcome in PASSED_OUTCOMES:
            passed += 1
        elif outcome in FAILED_OUTCOMES:
            failed += 1
        else:  # NotExecuted (skipped), Inconclusive, ...
            skipped += 1
    return passed, failed, skipped


def main(argv):
    runs = read_tsv(argv[1] if len(argv) > 1 else None)
    checks = read_tsv(argv[2] if len(argv) > 2 else None)

    passed = failed = skipped = 0
    tests_ran = 0
    lines = []

    # Per-project lines deliberately use key=value, not "N passed, N failed", so that only the
    # last line of the run looks like a closing line to CI.
    for project, exit_code, trx in runs:
        counts = trx_counts(trx)
        if counts is None:
            # No (readable) TRX: the test host crashed or the project did not build/run.
            failed += 1
            lines.append(f"  FAIL {project}: no test results (dotnet test exit {exit_code}; {trx} missing or unreadable)")
            continue
        p, f, s = counts
        passed, failed, skipped = passed + p, failed + f, skipped + s
        tests_ran += p + f
        note = ""
        if exit_code != "0" and f == 0:
            # dotnet test failed although no test failed: e.g. the test host aborted.
            failed += 1
            note = f"  (dotnet test exit {exit_code} with no failed test: counted as 1 failed)"
        if p + f + s == 0 and not note:
            note = "  (no tests)"
        status = "FAIL" if f or exit_code != "0" else "ok  "
        lines.append(f"  {status} {project}: passed={p} failed={f} skipped={s}{note}")

    for name, result, *message in checks:
        msg = message[0] if message else ""
        if result == "passed":
            passed += 1
            lines.append(f"  ok   {name}{': ' + msg if msg else ''}")
        else:
            failed += 1
            lines.append(f"  FAIL {name}: {msg}")

    if tests_ran == 0:
        # A run that executed no test proves nothing: count it as a failure.
        failed += 1
        lines.append("  FAIL no tests executed: dotnet test ran zero tests in total (counted as 1 failed)")

    print("Test summary:")
    for line in lines:
        print(line)
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
