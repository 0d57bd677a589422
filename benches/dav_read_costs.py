"""What Radicale costs to read a whole calendar, by each request a CalDAV client may send: the
server side of a new desk's join (issue 26), with no Permanences code in the loop.

For each size (5 000 and 50 000 events by default), one calendar is filled with events shaped
like the program's appointments (UTC times, the record as JSON), then this prints the median of a
few runs of each way of reading it all:
  - sync-collection without token, getetag only (hrefs + ETags: what the join asked first);
  - sync-collection without token, getetag and calendar-data (RFC 6578 allows any property);
  - calendar-query with calendar-data and no filter, then with a VEVENT comp-filter;
  - calendar-multiget of every href, by 500 and by 2 000 (the time of all the batches);
  - PROPFIND Depth 1 getetag;
  - PROPFIND Depth 0 of the collection's sync-token (what a token costs alone).
The server's own time dominates: it runs on loopback and the answer is only counted here.
Radicale refuses (400) a REPORT that would serve more than 10 000 events' text (its
`max_expand_occurrence`): at 50 000 events, those ways print « refused ».

Run: .venv/bin/python benches/dav_read_costs.py [sizes…]   (e.g. `… 5000 50000`)
"""

import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from dav_server_costs import Server  # noqa: E402  (the same Radicale, started the same way)

RUNS = 3
HEAD = '<?xml version="1.0" encoding="utf-8"?>'
NS = 'xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"'
SYNC = (HEAD + f'<D:sync-collection {NS}><D:sync-token></D:sync-token><D:sync-level>1</D:sync-level>'
        "<D:prop>{}</D:prop></D:sync-collection>")
QUERY = HEAD + f"<C:calendar-query {NS}><D:prop><D:getetag/><C:calendar-data/></D:prop>{{}}</C:calendar-query>"
VEVENTS = '<C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"/></C:comp-filter></C:filter>'
MULTIGET = HEAD + f"<C:calendar-multiget {NS}><D:prop><D:getetag/><C:calendar-data/></D:prop>{{}}</C:calendar-multiget>"
PROPFIND = HEAD + '<D:propfind xmlns:D="DAV:"><D:prop><D:getetag/></D:prop></D:propfind>'
DATA = "\r\n ".join(
    ['X-PERMANENCES-DATA:{"version":1,"kind":"appointment","uid":"{uid}","site_uid":"s'
     + "0" * 30, '","permanence_uid":"p' + "0" * 30 + '","start":"2026-03-03T08:00:00Z","end"',
     ':"2026-03-03T08:30:00Z","status":"booked","reason":"caf","extra":0,"name":null,"phon',
     'e":null,"email":null,"place":null}'])


def vevent(uid: str) -> str:
    data = DATA.replace("{uid}", uid)
    return (
        f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20260101T000000Z\r\n"
        "DTSTART:20260303T080000Z\r\nDTEND:20260303T083000Z\r\n"
        "SUMMARY:Rendez-vous – CAF\r\nX-PERMANENCES-KIND:appointment\r\n"
        f"{data}\r\nEND:VEVENT\r\n"
    )


def fill(server: Server, calendar: str, size: int) -> None:
    """Events written straight into Radicale's storage (a PUT of each costs minutes at these
    sizes), then the calendar read once, uncounted, so that Radicale's cache of each item is
    made as an upload would have made it."""
    status, _ = server.request("MKCALENDAR", calendar)
    assert status in (200, 201), status
    folder = server.dir / "collections" / "collection-root" / calendar.strip("/")
    assert folder.is_dir(), folder
    for i in range(size):
        text = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Permanences//bench//FR\r\n{vevent(f'e{i}')}END:VCALENDAR\r\n"
        (folder / f"e{i}.ics").write_text(text, newline="")
    report(server, calendar, SYNC.format("<D:getetag/>"), "0")


class Refused(Exception):
    """The server answered a REPORT with this status, not a multistatus."""


def report(server: Server, calendar: str, body: str, depth: str = "1") -> bytes:
    status, data = server.request("REPORT", calendar, body.encode(),
                                  {"Content-Type": "application/xml", "Depth": depth})
    if status != 207:
        raise Refused(status)
    return data


def hrefs(server: Server, calendar: str) -> list[str]:
    data = report(server, calendar, SYNC.format("<D:getetag/>"), "0")
    return [h.decode() for h in re.findall(rb"<(?:\w+:)?href>([^<]+\.ics)<", data)]


def ways(server: Server, calendar: str):
    every = hrefs(server, calendar)

    def multiget(batch: int):
        def run():
            size = 0
            for i in range(0, len(every), batch):
                body = "".join(f"<D:href>{h}</D:href>" for h in every[i:i + batch])
                size += len(report(server, calendar, MULTIGET.format(body)))
            return size
        return run

    def propfind():
        status, data = server.request("PROPFIND", calendar, PROPFIND.encode(),
                                      {"Content-Type": "application/xml", "Depth": "1"})
        assert status == 207, status
        return len(data)

    def token():
        body = HEAD + '<D:propfind xmlns:D="DAV:"><D:prop><D:sync-token/></D:prop></D:propfind>'
        status, data = server.request("PROPFIND", calendar, body.encode(),
                                      {"Content-Type": "application/xml", "Depth": "0"})
        assert status == 207 and b"sync-token>http" in data, (status, data)
        return len(data)

    return len(every), [
        ("sync-collection, no token, getetag",
         lambda: len(report(server, calendar, SYNC.format("<D:getetag/>"), "0"))),
        ("sync-collection, no token, getetag + calendar-data",
         lambda: len(report(server, calendar, SYNC.format("<D:getetag/><C:calendar-data/>"), "0"))),
        ("calendar-query, calendar-data, no filter",
         lambda: len(report(server, calendar, QUERY.format("")))),
        ("calendar-query, calendar-data, VEVENT filter",
         lambda: len(report(server, calendar, QUERY.format(VEVENTS)))),
        ("calendar-multiget by 500 (all batches)", multiget(500)),
        ("calendar-multiget by 2000 (all batches)", multiget(2000)),
        ("PROPFIND Depth 1 getetag", propfind),
        ("PROPFIND Depth 0 sync-token (the token alone)", token),
    ]


def main() -> None:
    sizes = [int(s) for s in sys.argv[1:]] or [5000, 50000]
    server = Server("radicale")
    try:
        for size in sizes:
            calendar = f"{server.calendar.rstrip('/')}-{size}/"
            t = time.perf_counter()
            fill(server, calendar, size)
            print(f"radicale, {size} events (filled in {time.perf_counter() - t:.1f} s)", flush=True)
            held, runs = ways(server, calendar)
            assert held == size, (held, size)
            for name, run in runs:
                took, size_b = [], 0
                try:
                    for _ in range(RUNS):
                        t = time.perf_counter()
                        size_b = run()
                        took.append(time.perf_counter() - t)
                except Refused as e:
                    # Radicale refuses a REPORT serving more than `max_expand_occurrence`
                    # events (10 000 by default) with 400.
                    print(f"  {name:<52}{'refused':>10} ({e.args[0]}) after {time.perf_counter() - t:.1f} s",
                          flush=True)
                    continue
                print(f"  {name:<52}{statistics.median(took) * 1000:>10.0f} ms {size_b / 1e6:>8.1f} MB",
                      flush=True)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
