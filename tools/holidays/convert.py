#!/usr/bin/env python3
"""Turn holiday-cn's per-notice files (2020.json ... 2026.json) into Bpm's own calendar data file.

Usage (from the repository root):
    python3 tools/holidays/convert.py [SOURCE_DIR] [FIRST_YEAR] [LAST_YEAR]
Defaults: /work/shared/reference/holidays, 2020, 2026.

Writes src/Bpm.Domain/Calendar/china-national-holidays.json and copies LICENSE.holiday-cn beside it
(MIT: the notice must travel with the data).

The rule this script keeps: holiday-cn files are keyed by the year of the State Council notice, not by
the date, so every file is read and the entries are merged by date. Example: 2023.json lists
2022-12-31 (元旦, rest day); it ends up among the 2022 dates of the output. A date listed twice with
different meanings is a data error and stops the script.
"""
import json
import pathlib
import shutil
import sys

REPO = pathlib.Path(__file__).resolve().parents[2]
TARGET_DIR = REPO / "src" / "Bpm.Domain" / "Calendar"


def main() -> None:
    source = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/reference/holidays")
    first_year = int(sys.argv[2]) if len(sys.argv) > 2 else 2020
    last_year = int(sys.argv[3]) if len(sys.argv) > 3 else 2026

    by_date: dict[str, dict] = {}
    papers: list[str] = []
    for year in range(first_year, last_year + 1):
        notice = json.loads((source / f"{year}.json").read_text(encoding="utf-8"))
        if notice["year"] != year:
            sys.exit(f"{year}.json says year {notice['year']}")
        if not notice["days"]:
            sys.exit(f"{year}.json has no days: no notice published yet, lower LAST_YEAR")
        papers.extend(notice["papers"])
        for day in notice["days"]:
            entry = {"date": day["date"], "working": not day["isOffDay"], "name": day["name"]}
            previous = by_date.get(day["date"])
            if previous is not None and previous["working"] != entry["working"]:
                sys.exit(f"{day['date']} is listed twice with different meanings")
            by_date[day["date"]] = entry

    output = {
        "provenance": (
            "Transcribed by tools/holidays/convert.py from holiday-cn (github.com/NateScarlet/holiday-cn, "
            f"MIT, see LICENSE.holiday-cn beside this file), files {first_year}.json..{last_year}.json, "
            "which follow the State Council notices listed in 'papers'."
        ),
        "lastPublishedYear": last_year,
        "papers": papers,
        "days": [by_date[date] for date in sorted(by_date)],
    }
    target = TARGET_DIR / "china-national-holidays.json"
    text = json.dumps(output, ensure_ascii=False, indent=2)
    # One day per line keeps diffs of a new notice readable.
    days_start = text.index('"days": [')
    head, days = text[:days_start], output["days"]
    lines = ",\n".join("    " + json.dumps(day, ensure_ascii=False) for day in days)
    target.write_text(head + '"days": [\n' + lines + "\n  ]\n}\n", encoding="utf-8")
    shutil.copyfile(source / "LICENSE.holiday-cn", TARGET_DIR / "LICENSE.holiday-cn")
    rest = sum(1 for day in days if not day["working"])
    print(f"wrote {target.relative_to(REPO)}: {len(days)} dated days ({rest} rest, {len(days) - rest} working)")


if __name__ == "__main__":
    main()
