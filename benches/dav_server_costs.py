"""What the CalDAV servers of the test harness cost by themselves, as a calendar grows: the
server side of `benches/caldav.rs` (issue 15), with no Permanences code in the loop.

For each size, one calendar is filled to that many events, then this prints the median of
15 runs of:
  - create: a PUT of one new event with `If-None-Match: *` (a booking's event, or a place's
    claim), deleted after each run so that the size stays;
  - nothing new: a `sync-collection` REPORT with the current token (a sync that finds
    nothing: one per shared site's calendar).

Radicale is filled in one request (it accepts a whole calendar PUT on the collection), so
large sizes are quick to reach; Xandikos one event at a time, so it stops at 1000.

Run: .venv/bin/python benches/dav_server_costs.py   (also part of `make bench`)
"""

import base64
import http.client
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
USER, PASSWORD = "accueil", "mot-de-passe"
AUTH = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
RUNS = 15


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, kind: str):
        self.kind = kind
        self.dir = Path(tempfile.mkdtemp(prefix=f"dav-costs-{kind}-"))
        self.port = free_port()
        env = dict(os.environ, HOME=str(self.dir), XDG_CONFIG_HOME=str(self.dir / "config"))
        env.pop("RADICALE_CONFIG", None)
        if kind == "radicale":
            (self.dir / "users").write_text(f"{USER}:{PASSWORD}\n")
            (self.dir / "radicale.conf").write_text(
                f"[server]\nhosts = 127.0.0.1:{self.port}\n\n"
                f"[auth]\ntype = htpasswd\nhtpasswd_filename = {self.dir / 'users'}\nhtpasswd_encryption = plain\n\n"
                f"[rights]\ntype = owner_only\n\n[storage]\nfilesystem_folder = {self.dir / 'collections'}\n\n"
                "[logging]\nlevel = warning\n"
            )
            cmd = [str(PYTHON), "-m", "radicale", "--config", str(self.dir / "radicale.conf")]
            self.calendar = f"/{USER}/bench/"
        else:
            cmd = [str(PYTHON), "-m", "xandikos", "serve", "-d", str(self.dir / "data"),
                   "--state-dir", str(self.dir / "state"), "--defaults", "-l", "127.0.0.1", "-p", str(self.port)]
            self.calendar = "/user/calendars/bench/"
        self.proc = subprocess.Popen(cmd, cwd=self.dir, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 30
        while True:
            try:
                self.request("PROPFIND", "/", headers={"Depth": "0"})
                break
            except OSError:
                if time.time() > deadline:
                    raise RuntimeError(f"{kind} did not start")
                time.sleep(0.1)
        status, _ = self.request("MKCALENDAR", self.calendar)
        assert status in (200, 201), status

    def request(self, method, path, body=None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)
        conn.request(method, path, body=body, headers={"Authorization": AUTH, **(headers or {})})
        answer = conn.getresponse()
        data = answer.read()
        conn.close()
        return answer.status, data

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=10)


def event(uid: str, body_only: bool = False) -> str:
    vevent = (
        f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260105T090000Z\r\n"
        "DTEND:20260105T093000Z\r\nSUMMARY:Rendez-vous – CAF\r\nEND:VEVENT\r\n"
    )
    if body_only:
        return vevent
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Permanences//bench//FR\r\n{vevent}END:VCALENDAR\r\n"


def fill(server: Server, have: int, want: int) -> None:
    if server.kind == "radicale":
        body = "".join(event(f"e{i}", body_only=True) for i in range(want))
        whole = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Permanences//bench//FR\r\n{body}END:VCALENDAR\r\n"
        status, _ = server.request("PUT", server.calendar, whole.encode(), {"Content-Type": "text/calendar"})
        assert status in (200, 201, 204), status
        return
    for i in range(have, want):
        status, _ = server.request("PUT", f"{server.calendar}e{i}.ics", event(f"e{i}").encode(),
                                   {"Content-Type": "text/calendar", "If-None-Match": "*"})
        assert status == 201, status


SYNC = ('<?xml version="1.0"?><d:sync-collection xmlns:d="DAV:"><d:sync-token>{}</d:sync-token>'
        "<d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>")


def sync(server: Server, token: str) -> tuple[float, str]:
    t = time.perf_counter()
    status, data = server.request("REPORT", server.calendar, SYNC.format(token).encode(),
                                  {"Content-Type": "application/xml", "Depth": "1"})
    took = time.perf_counter() - t
    assert status == 207, status
    return took, re.search(rb"<(?:\w+:)?sync-token>([^<]+)<", data).group(1).decode()


def measure(server: Server, size: int) -> tuple[float, float]:
    creates = []
    for i in range(RUNS):
        href = f"{server.calendar}new-{size}-{i}.ics"
        t = time.perf_counter()
        status, _ = server.request("PUT", href, event(f"new-{size}-{i}").encode(),
                                   {"Content-Type": "text/calendar", "If-None-Match": "*"})
        creates.append(time.perf_counter() - t)
        assert status == 201, status
        status, _ = server.request("DELETE", href)
        assert status in (200, 204), status
    _, token = sync(server, "")
    idle = []
    for _ in range(RUNS):
        took, token = sync(server, token)
        idle.append(took)
    return statistics.median(creates) * 1000, statistics.median(idle) * 1000


def main() -> None:
    plans = {"radicale": [0, 500, 1000, 2000, 4000], "xandikos": [0, 250, 500, 1000]}
    only = sys.argv[1:] or list(plans)
    print(f"{'server':<10}{'events':>8}{'create (ms)':>14}{'nothing new (ms)':>18}")
    for kind in only:
        server = Server(kind)
        try:
            have = 0
            rows = []
            for size in plans[kind]:
                fill(server, have, size)
                have = size
                create, idle = measure(server, size)
                rows.append((size, create, idle))
                print(f"{kind:<10}{size:>8}{create:>14.1f}{idle:>18.1f}", flush=True)
            (n0, c0, i0), (n1, c1, i1) = rows[0], rows[-1]
            print(f"{kind:<10}  per 1000 events more: create +{(c1 - c0) / (n1 - n0) * 1000:.0f} ms, "
                  f"nothing new +{(i1 - i0) / (n1 - n0) * 1000:.0f} ms", flush=True)
        finally:
            server.stop()


if __name__ == "__main__":
    main()
