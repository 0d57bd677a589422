"""Times Python `icalendar` writing the same events as Permanences (make bench).

Reads the files the Rust benchmark wrote (target/bench/calendar-*.ics) and, untimed, the
events' values; then, timed, builds a Calendar with the same VTIMEZONE and events (same
properties and values) and serialises it with to_ical(). Prints the median time of each
and the ratio to the Rust median that criterion recorded (target/criterion/…/new/
estimates.json). Target: Permanences at least 10x faster.
"""

import json
import statistics
import sys
import time
from pathlib import Path

import icalendar

ROOT = Path(__file__).resolve().parents[2]
# (file, criterion id, runs, most events read): the 1 M file (376 MB) is too big for
# icalendar to parse in memory in reasonable time; its first 100 000 events are timed and the
# time scaled linearly to the whole file (said so in the output).
CASES = [
    ("calendar-demo.ics", "ics_ demo network, one year", 7, None),
    ("calendar-1m.ics", "ics/1 M appointments, whole network", 3, 100_000),
]
PROPS = ["UID", "DTSTAMP", "DTSTART", "DTEND", "RRULE", "EXDATE", "SUMMARY", "LOCATION", "GEO",
         "DESCRIPTION", "CATEGORIES", "TRANSP", "STATUS"]


def values(cal):
    """The decoded values of every event: what a program would start from."""
    events = []
    for e in cal.walk("VEVENT"):
        item = []
        for p in PROPS:
            v = e.get(p)
            if v is None:
                continue
            if p in ("DTSTAMP", "DTSTART", "DTEND"):
                v = v.dt
            elif p == "EXDATE":
                v = [d.dt for x in (v if isinstance(v, list) else [v]) for d in x.dts]
            elif p == "CATEGORIES":
                v = [str(c) for c in v.cats]
            elif p == "GEO":
                v = (v.latitude, v.longitude)
            elif p == "RRULE":
                v = dict(v)
            else:
                v = str(v)
            item.append((p, v))
        events.append(item)
    return events


def write(zone, events, name) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Permanences//Permanences numériques//FR")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    cal.add_component(zone)
    for item in events:
        e = icalendar.Event()
        for p, v in item:
            e.add(p, v)
        cal.add_component(e)
    return cal.to_ical()


def rust_median(bench_id: str) -> float:
    est = ROOT / "target" / "criterion" / bench_id / "new" / "estimates.json"
    return json.loads(est.read_text())["median"]["point_estimate"] / 1e9


def main() -> None:
    for file, bench_id, runs, most in CASES:
        path = ROOT / "target" / "bench" / file
        if not path.exists():
            sys.exit(f"{path} is missing: run `cargo bench --bench calendar` first")
        raw = path.read_bytes()
        total = raw.count(b"BEGIN:VEVENT")
        if most and total > most:
            cut = 0
            for _ in range(most):
                cut = raw.index(b"END:VEVENT\r\n", cut) + len(b"END:VEVENT\r\n")
            raw = raw[:cut] + b"END:VCALENDAR\r\n"
        cal = icalendar.Calendar.from_ical(raw)
        del raw
        zone = cal.walk("VTIMEZONE")[0]
        events = values(cal)
        del cal
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            out = write(zone, events, "bench")
            times.append(time.perf_counter() - start)
        py = statistics.median(times)
        scaled = ""
        if len(events) < total:
            py = py * total / len(events)
            scaled = f" (measured on the first {len(events)} events, scaled to {total})"
        rust = rust_median(bench_id)
        print(f"{file}: {total} events; icalendar median {py:.3f} s{scaled} "
              f"({runs} runs), Permanences median {rust * 1000:.2f} ms: {py / rust:.0f}x faster")


if __name__ == "__main__":
    main()
