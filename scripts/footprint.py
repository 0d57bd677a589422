#!/usr/bin/env python3
"""Measures the app's footprint beside a bare Tauri window (`make footprint`).

For each subject (the app on the demo data, the app on the 1 M-appointment data, the
hello-floor window), under a private Xvfb screen:
  - start: time from launch to "footprint agenda" on the app's standard output (the UI says it
    once the agenda is drawn with its data; hello-floor once its page is drawn), median of N,
    the subjects launched in turn after one uncounted launch each, each launch once the
    machine is quiet (CPUs 90 % idle over half a second, waited for up to 60 s);
  - memory: PSS (/proc/PID/smaps_rollup) summed over the process and all its descendants
    (WebKit's web and network processes), after the UI has opened every main screen;
  - idle CPU: utime+stime of the same processes over IDLE seconds, resting on the agenda;
  - binary size and UI bundle size (gzip -9 of every file the binary embeds).
Prints a table with the ratios to the floor and the targets. Standard library only.
"""

import argparse
import gzip
import os
import queue
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


def free_display() -> str:
    for n in range(120, 250):
        if not Path(f"/tmp/.X{n}-lock").exists() and not Path(f"/tmp/.X11-unix/X{n}").exists():
            return f":{n}"
    raise RuntimeError("no free X display")


def start_xvfb():
    disp = free_display()
    proc = subprocess.Popen(
        ["Xvfb", disp, "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 10
    while not Path(f"/tmp/.X11-unix/X{disp[1:]}").exists():
        if time.time() > deadline or proc.poll() is not None:
            raise RuntimeError("Xvfb did not start")
        time.sleep(0.05)
    return disp, proc


def children_map() -> dict:
    kids = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        # The command name may hold spaces and parentheses: fields start after the last ")".
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        kids.setdefault(ppid, []).append(int(entry))
    return kids


def tree(pid: int) -> list:
    kids, out, todo = children_map(), [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(kids.get(p, []))
    return out


def pss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def cpu_ticks(pid: int) -> int:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime, stime
    except OSError:
        return 0


class Run:
    """One launch of a subject, with its standard output read as timestamped lines."""

    def __init__(self, cmd, env):
        self.lines = queue.Queue()
        self.t0 = time.monotonic()
        self.proc = subprocess.Popen(
            cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, start_new_session=True
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            self.lines.put((time.monotonic(), line.strip()))

    def wait_for(self, step: str, timeout: float = 120) -> float:
        """Seconds from launch to the line "footprint STEP"."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or self.proc.poll() is not None:
                raise RuntimeError(f"no 'footprint {step}' from {self.proc.args[0]}")
            try:
                at, line = self.lines.get(timeout=left)
            except queue.Empty:
                continue
            if line.endswith("-missed"):
                raise RuntimeError(f"{self.proc.args[0]}: screen not drawn: {line}")
            if line == f"footprint {step}":
                return at - self.t0

    def stop(self):
        pids = tree(self.proc.pid)
        for p in reversed(pids):
            try:
                os.kill(p, signal.SIGTERM)
            except OSError:
                pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            for p in pids:
                try:
                    os.kill(p, signal.SIGKILL)
                except OSError:
                    pass
            self.proc.wait()


def cpu_idle_share(span: float = 0.5) -> float:
    """The share of CPU time spent idle over `span` seconds (/proc/stat, all CPUs)."""
    def sample():
        with open("/proc/stat") as f:
            fields = [int(x) for x in f.readline().split()[1:]]
        return fields[3] + fields[4], sum(fields)  # idle + iowait, total
    idle0, total0 = sample()
    time.sleep(span)
    idle1, total1 = sample()
    return (idle1 - idle0) / max(1, total1 - total0)


NOISY = {"launches": 0}


def quiet(share: float = 0.9, patience: float = 60.0) -> None:
    """Waits until the machine is quiet (CPUs at least `share` idle over half a second),
    at most `patience` seconds: a launch that lands on another program's burst of work (a
    build, an indexer) measures that program, not the subject. Launches that found no quiet
    moment are counted and reported."""
    deadline = time.monotonic() + patience
    while time.monotonic() < deadline:
        if cpu_idle_share() >= share:
            return
    NOISY["launches"] += 1


def start_once(cmd, env) -> float:
    """Seconds from one launch to the agenda drawn, the machine quiet at launch."""
    quiet()
    run = Run(cmd, env)
    try:
        return run.wait_for("agenda")
    finally:
        run.stop()
        time.sleep(0.5)


def starts(subjects: dict, env, runs: int) -> dict:
    """Start times of every subject, launched in turn (demo, 1 M, floor, demo, ...), so that
    whatever else slows the machine for a while weighs on all of them alike. A first launch of
    each, not counted, loads its files into the page cache."""
    for cmd in subjects.values():
        start_once(cmd, env)
    got = {name: [] for name in subjects}
    for _ in range(runs):
        for name, cmd in subjects.items():
            got[name].append(start_once(cmd, env))
    return got


def resting(cmd, env, idle: int) -> dict:
    """Memory once every main screen was opened, and CPU used over `idle` seconds after."""
    run = Run(cmd, env)
    try:
        run.wait_for("idle")
        time.sleep(3)  # late paints and garbage collection after the last screen
        pids = tree(run.proc.pid)
        pss = sum(pss_kib(p) for p in pids)
        before = {p: cpu_ticks(p) for p in pids}
        time.sleep(idle)
        after = {p: cpu_ticks(p) for p in tree(run.proc.pid)}
        used = sum(t - before.get(p, 0) for p, t in after.items())
    finally:
        run.stop()
    return {
        "pss_mb": pss / 1024,
        "processes": len(pids),
        "cpu_pct": 100 * used / TICKS / idle,
    }


def gzip_kb(folder: Path) -> float:
    return sum(len(gzip.compress(f.read_bytes(), 9)) for f in folder.rglob("*") if f.is_file()) / 1024


def row(label, values, floor, fmt, target):
    cells = [fmt.format(v) for v in values] + [fmt.format(floor) if floor is not None else "—"]
    ratios = [f"{v / floor:.2f}×" if floor else "—" for v in values]
    return f"{label:<26}" + "".join(f"{c:>12}" for c in cells) + "".join(f"{r:>10}" for r in ratios) + f"   {target}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--app", required=True, type=Path)
    ap.add_argument("--hello", required=True, type=Path)
    ap.add_argument("--demo-db", required=True, type=Path)
    ap.add_argument("--big-db", required=True, type=Path)
    ap.add_argument("--ui-dist", required=True, type=Path)
    ap.add_argument("--hello-dist", required=True, type=Path)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--idle", type=int, default=60)
    ap.add_argument("--now", default="2026-12-01T10:40", help="the pinned Paris time the app starts on (a Tuesday)")
    a = ap.parse_args()

    disp, xvfb = start_xvfb()
    home = Path(tempfile.mkdtemp(prefix="footprint-"))
    # Its own data and cache folders: the user's WebKit data is neither read nor written.
    env = dict(
        os.environ,
        DISPLAY=disp,
        PERMANENCES_FOOTPRINT="1",
        # A busy weekday, whatever day it is run: the agenda opens on that day's permanences.
        PERMANENCES_NOW=a.now,
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_CONFIG_HOME=str(home / "config"),
    )
    try:
        subjects = {
            "demo": [str(a.app), "--db", str(a.demo_db)],
            "1 M rdv": [str(a.app), "--db", str(a.big_db)],
            "floor": [str(a.hello)],
        }
        print(f"measuring start times ({a.runs} rounds, subjects in turn)…", file=sys.stderr, flush=True)
        times = starts(subjects, env, a.runs)
        got = {}
        for name, cmd in subjects.items():
            print(f"  {name}: {', '.join(f'{s * 1000:.0f}' for s in times[name])} ms", file=sys.stderr)
            print(f"measuring {name} at rest ({a.idle} s idle)…", file=sys.stderr, flush=True)
            got[name] = resting(cmd, env, a.idle) | {"start_ms": statistics.median(times[name]) * 1000}
        # The app draws its pages without WebKit's compositing mode (src-tauri's
        # draw_without_compositing); the floor keeps WebKit's default. The floor is also
        # measured under the app's setting, so that the ratio of like to like is printed.
        print("measuring floor at rest without compositing…", file=sys.stderr, flush=True)
        flat = resting(subjects["floor"], env | {"WEBKIT_DISABLE_COMPOSITING_MODE": "1"}, 5)
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=10)
        shutil.rmtree(home, ignore_errors=True)

    app_mb, hello_mb = a.app.stat().st_size / 2**20, a.hello.stat().st_size / 2**20
    ui_kb, hello_ui_kb = gzip_kb(a.ui_dist), gzip_kb(a.hello_dist)
    demo, big, floor = got["demo"], got["1 M rdv"], got["floor"]
    ok = lambda cond: "ok" if cond else "MISSED"  # noqa: E731
    print()
    print(f"{'':<26}{'demo':>12}{'1 M rdv':>12}{'floor':>12}{'demo/fl':>10}{'1M/fl':>10}   target")
    print(row("start to agenda (ms)", [demo["start_ms"], big["start_ms"]], floor["start_ms"], "{:.0f}",
              f"<= 1.3× floor: {ok(max(demo['start_ms'], big['start_ms']) <= 1.3 * floor['start_ms'])}"))
    print(f"{'':<26}launches without a quiet moment before them (60 s wait): {NOISY['launches']}")
    print(row("memory PSS (MB)", [demo["pss_mb"], big["pss_mb"]], floor["pss_mb"], "{:.0f}",
              f"<= 1.3× floor: {ok(max(demo['pss_mb'], big['pss_mb']) <= 1.3 * floor['pss_mb'])}"))
    print(row("idle CPU over {} s (%)".format(a.idle), [demo["cpu_pct"], big["cpu_pct"]], None, "{:.2f}",
              f"~0 (<= 0.5 %): {ok(max(demo['cpu_pct'], big['cpu_pct']) <= 0.5)}  floor {floor['cpu_pct']:.2f}"))
    print(row("binary (MB)", [app_mb, app_mb], hello_mb, "{:.1f}", ""))
    print(row("UI bundle gzip (KB)", [ui_kb, ui_kb], hello_ui_kb, "{:.1f}", f"< 300 KB: {ok(ui_kb < 300)}"))
    print(f"floor without compositing, as the app draws: {flat['pss_mb']:.0f} MB; "
          f"demo {demo['pss_mb'] / flat['pss_mb']:.2f}×, 1 M {big['pss_mb'] / flat['pss_mb']:.2f}× of it")
    print(f"day the app opens on: {a.now} (Paris)")
    print(f"processes measured: demo {demo['processes']}, 1 M {big['processes']}, floor {floor['processes']}")


if __name__ == "__main__":
    main()
