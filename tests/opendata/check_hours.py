"""Reads the `horaires` of an open-data CSV with an independent OpenStreetMap opening_hours
parser (opening-hours-py) and compares the open intervals of one week with the permanences.

    check_hours.py FILE.csv EXPECTED.json MONDAY

EXPECTED.json: {site id: [[iso weekday, "HH:MM", "HH:MM"], ...]}. MONDAY (YYYY-MM-DD) starts a
week without public holidays. Prints {"sites": N} or what differs (exit 1).
"""

import csv
import datetime as dt
import json
import sys

from opening_hours import OpeningHours, State


def merged(ranges):
    out = []
    for day, start, end in sorted(ranges):
        if out and out[-1][0] == day and out[-1][2] >= start:
            out[-1][2] = max(out[-1][2], end)
        else:
            out.append([day, start, end])
    return out


def main() -> None:
    path, expected_path, monday = sys.argv[1:4]
    with open(expected_path, encoding="utf-8") as f:
        expected = json.load(f)
    start = dt.datetime.fromisoformat(monday)
    end = start + dt.timedelta(days=7)
    seen = 0
    with open(path, encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            text = row["horaires"]
            got = []
            if text:
                oh = OpeningHours(text)
                if oh.warnings:
                    sys.exit(f"{row['id']}: warnings for « {text} »: {oh.warnings}")
                for a, b, state, _ in oh.intervals(start, end):
                    if state == State.OPEN:
                        got.append([a.isoweekday(), a.strftime("%H:%M"), b.strftime("%H:%M")])
            want = merged(expected.get(row["id"], []))
            if got != want:
                sys.exit(f"{row['id']}: « {text} » opens {got}, the permanences say {want}")
            seen += 1
    print(json.dumps({"sites": seen}))


if __name__ == "__main__":
    main()
