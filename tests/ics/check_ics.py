"""Independent checks of an .ics file written by Permanences.

    check_ics.py FILE.ics [--expect OCCURRENCES.json]

Checks the raw bytes (UTF-8, CRLF only, at most 75 octets per line), parses the file with
`icalendar` (no component may report errors), requires UID and DTSTAMP on every VEVENT and a
Europe/Paris VTIMEZONE. With --expect, expands every recurring event with
`recurring-ical-events` over the expected window and compares the occurrences, event by
event, with those the app's own slot generator gave (JSON: {"from": "YYYY-MM-DD",
"to": "YYYY-MM-DD", "occurrences": {UID: [[start, end], ...]}}, RFC 3339 instants).
Prints one summary line and exits 0, or prints what differs and exits 1.
"""

import argparse
import datetime as dt
import json
import sys

import icalendar
import recurring_ical_events


def fail(message: str) -> None:
    print(f"ÉCHEC : {message}", file=sys.stderr)
    sys.exit(1)


def check_bytes(raw: bytes) -> None:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as e:
        fail(f"not UTF-8: {e}")
    if not raw.endswith(b"\r\n"):
        fail("the file does not end with CRLF")
    lines = raw.split(b"\r\n")[:-1]
    for n, line in enumerate(lines, 1):
        if b"\n" in line or b"\r" in line:
            fail(f"line {n}: bare CR or LF")
        if len(line) > 75:
            fail(f"line {n}: {len(line)} octets (> 75): {line[:80]!r}")


def check_structure(cal) -> list:
    errors = [(c.name, c.errors) for c in cal.walk() if getattr(c, "errors", None)]
    if errors:
        fail(f"icalendar reports errors: {errors}")
    zones = [c for c in cal.walk("VTIMEZONE") if str(c.get("TZID")) == "Europe/Paris"]
    if len(zones) != 1:
        fail("one VTIMEZONE Europe/Paris is required")
    events = cal.walk("VEVENT")
    uids = []
    for e in events:
        if e.get("UID") is None or e.get("DTSTAMP") is None:
            fail(f"VEVENT without UID or DTSTAMP: {e.get('SUMMARY')}")
        uids.append(str(e["UID"]))
        start = e["DTSTART"]
        if start.params.get("TZID") != "Europe/Paris":
            fail(f"{e['UID']}: DTSTART without TZID=Europe/Paris")
    if len(set(uids)) != len(uids):
        fail("duplicate UIDs")
    return events


def utc(text_or_dt) -> str:
    t = dt.datetime.fromisoformat(text_or_dt) if isinstance(text_or_dt, str) else text_or_dt
    if t.tzinfo is None:
        fail(f"floating time {t}")
    return t.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def check_occurrences(cal, expected: dict) -> int:
    start = dt.date.fromisoformat(expected["from"])
    end = dt.date.fromisoformat(expected["to"]) + dt.timedelta(days=1)
    got: dict = {}
    for occ in recurring_ical_events.of(cal).between(start, end):
        got.setdefault(str(occ["UID"]), set()).add((utc(occ["DTSTART"].dt), utc(occ["DTEND"].dt)))
    want = {uid: {(utc(a), utc(b)) for a, b in pairs} for uid, pairs in expected["occurrences"].items()}
    count = 0
    for uid in sorted(set(got) | set(want)):
        g, w = got.get(uid, set()), want.get(uid, set())
        if uid not in want and uid.startswith("appointment-"):
            continue
        if g != w:
            fail(
                f"{uid}: {len(g)} occurrences in the file, {len(w)} from the slot generator; "
                f"only in the file: {sorted(g - w)[:5]}; only in the app: {sorted(w - g)[:5]}"
            )
        count += len(g)
    return count


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--expect")
    args = parser.parse_args()
    with open(args.file, "rb") as f:
        raw = f.read()
    check_bytes(raw)
    cal = icalendar.Calendar.from_ical(raw)
    events = check_structure(cal)
    summary = {"events": len(events)}
    if args.expect:
        with open(args.expect, encoding="utf-8") as f:
            summary["occurrences"] = check_occurrences(cal, json.load(f))
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
