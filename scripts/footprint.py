"""Measures the app's footprint beside a bare Tauri window (`make footprint`).

For each subject (the app on the demo data, the app on the 1 M-appointment data, the
hello-floor window, drawn like the app without WebKit's compositing mode), under a private Xvfb
screen:
  - start: time from launch to "footprint agenda" on the app's standard output (the UI says it
    once the agenda is drawn with its data; hello-floor once its page is drawn). Every launch
    is on a FRESH COPY of its data set and a fresh home (WebKit's data and cache): no WAL, no
    backup, no setting left by an earlier launch. The copies are "prepared": the data set after
    one launch that did the first-launch-of-the-day work (the daily backup, publishing), so that
    this work, which a desk pays once a day, is measured apart, in its own rows ("1st of day",
    launches on copies of the untouched data set). The subjects are launched in turn (demo,
    1 M, floor, ...), each launch once the machine is quiet, after one uncounted launch each;
    median and interquartile range of ROUNDS launches. Of that time, the page's own part: from
    its navigation to its first screen in it, as the page itself says (`performance.now()`,
    "footprint page N" right after "footprint agenda"), which the process's launch and the
    toolkit's start do not blur;
  - memory: PSS (/proc/PID/smaps_rollup) summed over the process and all its descendants
    (WebKit's web and network processes), after the UI has opened every main screen, median of
    three launches (fresh copies too);
  - idle CPU: utime+stime of the same processes over IDLE seconds, resting on the agenda;
  - binary size and UI bundle size (gzip -9 of every file the binary embeds).
Every launch time is kept in target/footprint/last-run.json: the next run says, for each
number of rounds, whether the two runs' medians agree within 5 %, and from how many rounds on
they do. Standard library only.
"""

import argparse
import gzip
import json
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
    # Not with -noreset, unlike the tests' screens: each launch here starts after a pause, so
    # the server's reset between two launches refuses none. With -noreset, one run had 23 of
    # its 75 launches at 840-1 156 ms, for every subject, the floor included, against
    # 337-636 ms for the others (the cause was not looked for).
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


def code_resident_kib(pid: int, binary: Path) -> int:
    """Resident KiB of the binary's own code (its executable mapping) in process `pid`: the
    part that the code's layout (src-tauri/link-order.txt) decides."""
    name, total, in_code = str(binary.resolve()), 0, False
    for line in Path(f"/proc/{pid}/smaps").read_text().splitlines():
        parts = line.split()
        if len(parts) >= 6 and "-" in parts[0] and len(parts[1]) == 4:
            in_code = parts[1][2] == "x" and parts[5] == name
        elif in_code and line.startswith("Rss:"):
            total += int(parts[1])
    return total


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

    def _line(self, wanted, what: str, timeout: float) -> tuple:
        """The first line for which `wanted(line)` holds, with when it came; a screen the UI
        reports as not drawn fails, as does a launch that ends or stays silent."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or self.proc.poll() is not None:
                raise RuntimeError(f"no '{what}' from {self.proc.args[0]}")
            try:
                at, line = self.lines.get(timeout=left)
            except queue.Empty:
                continue
            if line.endswith("-missed"):
                raise RuntimeError(f"{self.proc.args[0]}: screen not drawn: {line}")
            if wanted(line):
                return at, line

    def wait_for(self, step: str, timeout: float = 120) -> float:
        """Seconds from launch to the line "footprint STEP"."""
        at, _ = self._line(lambda line: line == f"footprint {step}", f"footprint {step}", timeout)
        return at - self.t0

    def page_ms(self, timeout: float = 30) -> float:
        """The page's own part of the start, as the page says it right after its first screen
        ("footprint page N"): milliseconds from its navigation to that screen in it."""
        _, line = self._line(lambda line: line.startswith("footprint page "), "footprint page", timeout)
        return float(line.removeprefix("footprint page "))

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


# The binary's code resident after the tour, laid out by src-tauri/link-order.txt: 3.1-3.6 MB
# with the list up to date; 6.0-6.1 MB once a new dependency of the app's crate had renamed
# its functions (the hash in their mangled names) and the linker no longer found them in the
# list. Past this, the list is stale: `make link-order` writes it again.
CODE_MB = 4.5

NOISY = {"launches": 0}


PATIENCE = {"seconds": 60.0}


def quiet(share: float = 0.9) -> None:
    """Waits until the machine is quiet (CPUs at least `share` idle over half a second),
    at most `patience` seconds: a launch that lands on another program's burst of work (a
    build, an indexer) measures that program, not the subject. Launches that found no quiet
    moment are counted and reported."""
    deadline = time.monotonic() + PATIENCE["seconds"]
    while True:
        if cpu_idle_share() >= share:
            return
        if time.monotonic() >= deadline:
            break
    NOISY["launches"] += 1


def fresh(prepared: Path, scratch: Path) -> Path:
    """A fresh copy of a data set's folder (the database and its backups' folder), on disk and
    flushed before the launch: the copy's dirty pages are not written while the app starts."""
    if scratch.exists():
        shutil.rmtree(scratch)
    shutil.copytree(prepared, scratch)
    os.sync()
    return scratch


class Subject:
    """Something launched: the app on a copy of a data set, or the floor window."""

    def __init__(self, name, binary, env, data=None):
        self.name, self.binary, self.env, self.data = name, binary, env, data

    def launch(self, scratch: Path) -> "Run":
        home = scratch / "home"
        if scratch.exists():
            shutil.rmtree(scratch)
        if self.data is not None:
            fresh(self.data, scratch / "data")
        home.mkdir(parents=True)
        env = self.env | {
            "XDG_DATA_HOME": str(home / "data"),
            "XDG_CACHE_HOME": str(home / "cache"),
            "XDG_CONFIG_HOME": str(home / "config"),
        }
        cmd = [str(self.binary)]
        if self.data is not None:
            cmd += ["--db", str(scratch / "data" / "permanences.sqlite3")]
        quiet()
        return Run(cmd, env)


def start_once(subject: Subject, scratch: Path) -> tuple:
    """Seconds from one launch to the agenda drawn, the machine quiet at launch; and the
    page's own part of it, in milliseconds."""
    run = subject.launch(scratch)
    try:
        return run.wait_for("agenda"), run.page_ms()
    finally:
        run.stop()
        time.sleep(0.5)


def starts(subjects: list, scratch: Path, rounds: int, warmup: int = 3) -> tuple:
    """Start times of every subject, launched in turn, so that whatever else slows the machine
    for a while weighs on all of them alike. `warmup` first rounds, not counted, load the
    files into the page cache and let the machine settle: with one, the run that followed a
    release build was slower than the next run for every subject, the bare window included
    (335 then 312 ms for the demo, 264 then 255 for the floor: 6.9 % apart)."""
    for _ in range(warmup):
        for subject in subjects:
            start_once(subject, scratch)
    got = {s.name: [] for s in subjects}
    pages = {s.name: [] for s in subjects}
    for n in range(rounds):
        for subject in subjects:
            seconds, page = start_once(subject, scratch)
            got[subject.name].append(seconds)
            pages[subject.name].append(page)
        print(f"  round {n + 1}/{rounds}: " + ", ".join(f"{k} {v[-1] * 1000:.0f}" for k, v in got.items()),
              file=sys.stderr, flush=True)
    return got, pages


def prepare(name: str, app: Path, db: Path, env: dict, scratch: Path, out: Path) -> Path:
    """The data set's folder after the first launch of the day: one launch on a copy of the
    untouched file, left running until its backup is written and the machine is quiet again."""
    source = scratch / "source"
    if source.exists():
        shutil.rmtree(source)
    source.mkdir(parents=True)
    shutil.copyfile(db, source / "permanences.sqlite3")
    subject = Subject(name, app, env, source)
    run = subject.launch(scratch / "first")
    try:
        run.wait_for("agenda")
        deadline = time.monotonic() + 120
        backups = scratch / "first" / "data" / "sauvegardes"
        while time.monotonic() < deadline and not any(backups.glob("*.sqlite3")):
            time.sleep(0.2)
        if not any(backups.glob("*.sqlite3")):
            raise RuntimeError(f"{name}: no daily backup after the first launch")
        quiet()
    finally:
        run.stop()
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(scratch / "first" / "data", out)
    shutil.rmtree(scratch / "first")
    return out


def resting(subject: Subject, scratch: Path, idle: int, launches: int = 3) -> dict:
    """Memory once every main screen was opened (median of `launches`), and CPU used over
    `idle` seconds after, on the last one."""
    pss_all, code_all, cpu, processes = [], [], 0.0, 0
    for n in range(launches):
        run = subject.launch(scratch)
        try:
            run.wait_for("idle")
            time.sleep(3)  # late paints and garbage collection after the last screen
            pids = tree(run.proc.pid)
            pss_all.append(sum(pss_kib(p) for p in pids) / 1024)
            code_all.append(code_resident_kib(run.proc.pid, subject.binary) / 1024)
            processes = len(pids)
            if n == launches - 1 and idle > 0:
                before = {p: cpu_ticks(p) for p in pids}
                time.sleep(idle)
                after = {p: cpu_ticks(p) for p in tree(run.proc.pid)}
                cpu = 100 * sum(t - before.get(p, 0) for p, t in after.items()) / TICKS / idle
        finally:
            run.stop()
            time.sleep(0.5)
    return {"pss_mb": statistics.median(pss_all), "pss_all": pss_all, "processes": processes, "cpu_pct": cpu,
            "code_mb": statistics.median(code_all)}


def gzip_kb(folder: Path) -> float:
    return sum(len(gzip.compress(f.read_bytes(), 9)) for f in folder.rglob("*") if f.is_file()) / 1024


def quartiles(values: list) -> tuple:
    """Median and interquartile range (Q3 - Q1, the 'inclusive' method)."""
    q1, med, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return med, q3 - q1


def agreement(now: dict, before: dict, names: list) -> tuple:
    """For each number of rounds n, the largest relative gap between this run's and the last
    run's medians of their first n launches; and the smallest n from which every larger n
    stays within 5 %."""
    most = min(min(len(now[k]), len(before.get(k, []))) for k in names)
    gaps = {}
    for n in range(3, most + 1):
        gaps[n] = max(abs(statistics.median(now[k][:n]) / statistics.median(before[k][:n]) - 1) for k in names)
    settled = None
    for n in sorted(gaps, reverse=True):
        if gaps[n] > 0.05:
            break
        settled = n
    return gaps, settled


def row(label, values, floor, fmt, target):
    cells = [fmt.format(v) for v in values] + [fmt.format(floor) if floor is not None else "—"]
    ratios = [f"{v / floor:.2f}×" if floor else "—" for v in values]
    return f"{label:<30}" + "".join(f"{c:>14}" for c in cells) + "".join(f"{r:>10}" for r in ratios) + f"   {target}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--app", required=True, type=Path)
    ap.add_argument("--hello", required=True, type=Path)
    ap.add_argument("--demo-db", required=True, type=Path)
    ap.add_argument("--big-db", required=True, type=Path)
    ap.add_argument("--ui-dist", required=True, type=Path)
    ap.add_argument("--hello-dist", required=True, type=Path)
    ap.add_argument("--work", required=True, type=Path, help="a folder for the prepared data sets and the copies")
    ap.add_argument("--runs", type=int, default=15, help="rounds of launches")
    ap.add_argument("--warmup", type=int, default=3, help="rounds of launches not counted, first")
    ap.add_argument("--idle", type=int, default=60)
    ap.add_argument("--now", default="2026-12-01T10:40", help="the pinned Paris time the app starts on (a Tuesday)")
    ap.add_argument("--patience", type=float, default=60, help="seconds to wait for a quiet machine before a launch")
    a = ap.parse_args()
    PATIENCE["seconds"] = a.patience

    disp, xvfb = start_xvfb()
    scratch = Path(tempfile.mkdtemp(prefix="footprint-", dir=a.work))
    env = dict(
        os.environ,
        DISPLAY=disp,
        PERMANENCES_FOOTPRINT="1",
        # A busy weekday, whatever day it is run: the agenda opens on that day's permanences.
        PERMANENCES_NOW=a.now,
    )
    # The floor drawn as the app draws (src-tauri's draw_without_compositing).
    flat = env | {"WEBKIT_DISABLE_COMPOSITING_MODE": "1"}
    try:
        print("preparing the data sets (first launch of the day on a copy of each)…", file=sys.stderr, flush=True)
        demo_ready = prepare("demo", a.app, a.demo_db, env, scratch, a.work / "demo-prepared")
        big_ready = prepare("1 M rdv", a.app, a.big_db, env, scratch, a.work / "big-prepared")
        demo_raw, big_raw = scratch / "demo-raw", scratch / "big-raw"
        for raw, db in ((demo_raw, a.demo_db), (big_raw, a.big_db)):
            raw.mkdir()
            shutil.copyfile(db, raw / "permanences.sqlite3")
        subjects = [
            Subject("demo", a.app, env, demo_ready),
            Subject("1 M rdv", a.app, env, big_ready),
            Subject("floor", a.hello, flat),
            Subject("demo 1st of day", a.app, env, demo_raw),
            Subject("1 M 1st of day", a.app, env, big_raw),
        ]
        print(f"measuring start times ({a.runs} rounds, subjects in turn, fresh copies)…", file=sys.stderr, flush=True)
        times, pages = starts(subjects, scratch / "launch", a.runs, a.warmup)
        got = {}
        for subject in subjects[:3]:
            print(f"measuring {subject.name} at rest ({a.idle} s idle)…", file=sys.stderr, flush=True)
            got[subject.name] = resting(subject, scratch / "launch", a.idle)
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=10)
        shutil.rmtree(scratch, ignore_errors=True)

    record = a.work / "last-run.json"
    before = json.loads(record.read_text()) if record.exists() else None
    record.write_text(json.dumps(times))

    app_mb, hello_mb = a.app.stat().st_size / 2**20, a.hello.stat().st_size / 2**20
    ui_kb, hello_ui_kb = gzip_kb(a.ui_dist), gzip_kb(a.hello_dist)
    med = {k: quartiles(v) for k, v in times.items()}
    ms = lambda k: med[k][0] * 1000  # noqa: E731
    demo, big, floor = got["demo"], got["1 M rdv"], got["floor"]
    ok = lambda cond: "ok" if cond else "MISSED"  # noqa: E731
    print()
    print(f"{'':<30}{'demo':>14}{'1 M rdv':>14}{'floor':>14}{'demo/fl':>10}{'1M/fl':>10}   target")
    print(row("start to agenda, median (ms)", [ms("demo"), ms("1 M rdv")], ms("floor"), "{:.0f}",
              f"<= 1.1× floor: {ok(max(ms('demo'), ms('1 M rdv')) <= 1.1 * ms('floor'))}"))
    print(row("  interquartile range (ms)", [med["demo"][1] * 1000, med["1 M rdv"][1] * 1000],
              med["floor"][1] * 1000, "{:.0f}", ""))
    page = {k: quartiles(v) for k, v in pages.items()}
    print(row("  of which the page's (ms)", [page["demo"][0], page["1 M rdv"][0]], page["floor"][0], "{:.0f}",
              "its navigation to the agenda in it"))
    print(row("  its IQR (ms)", [page["demo"][1], page["1 M rdv"][1]], page["floor"][1], "{:.0f}", ""))
    print(row("  1st launch of the day (ms)", [ms("demo 1st of day"), ms("1 M 1st of day")], ms("floor"), "{:.0f}",
              "backup and publishing, apart"))
    print(row("  its IQR (ms)", [med["demo 1st of day"][1] * 1000, med["1 M 1st of day"][1] * 1000], None, "{:.0f}", ""))
    print(f"{'':<30}{a.runs} rounds; launches without a quiet moment before them ({a.patience:.0f} s wait): {NOISY['launches']}")
    print(row("memory PSS, median of 3 (MB)", [demo["pss_mb"], big["pss_mb"]], floor["pss_mb"], "{:.0f}",
              f"<= 1.15× floor: {ok(max(demo['pss_mb'], big['pss_mb']) <= 1.15 * floor['pss_mb'])}"))
    print(f"{'':<30}each launch: demo {', '.join(f'{m:.0f}' for m in demo['pss_all'])}; "
          f"1 M {', '.join(f'{m:.0f}' for m in big['pss_all'])}; floor {', '.join(f'{m:.0f}' for m in floor['pss_all'])}")
    print(row("  the binary's code resident (MB)", [demo["code_mb"], big["code_mb"]], floor["code_mb"], "{:.1f}",
              f"<= {CODE_MB} MB, else make link-order: {ok(max(demo['code_mb'], big['code_mb']) <= CODE_MB)}"))
    print(row("idle CPU over {} s (%)".format(a.idle), [demo["cpu_pct"], big["cpu_pct"]], None, "{:.2f}",
              f"~0 (<= 0.5 %): {ok(max(demo['cpu_pct'], big['cpu_pct']) <= 0.5)}  floor {floor['cpu_pct']:.2f}"))
    print(row("binary (MB)", [app_mb, app_mb], hello_mb, "{:.1f}", ""))
    print(row("UI bundle gzip (KB)", [ui_kb, ui_kb], hello_ui_kb, "{:.1f}", f"< 300 KB: {ok(ui_kb < 300)}"))
    print(f"floor: hello-floor without compositing, as the app draws; day the app opens on: {a.now} (Paris)")
    print(f"processes measured: demo {demo['processes']}, 1 M {big['processes']}, floor {floor['processes']}")
    if before is None:
        print(f"agreement with the last run: none recorded yet ({record}); run again")
    else:
        names = ["demo", "1 M rdv", "floor"]
        gaps, settled = agreement(times, before, names)
        was = {k: statistics.median(before[k]) * 1000 for k in names if before.get(k)}
        print("last run's medians (ms): " + ", ".join(f"{k} {v:.0f}" for k, v in was.items())
              + f"; ratios then: demo {was['demo'] / was['floor']:.2f}×, 1 M {was['1 M rdv'] / was['floor']:.2f}×")
        print("largest gap between this run's and the last run's medians, by rounds: "
              + ", ".join(f"{n}: {g * 100:.1f} %" for n, g in gaps.items()))
        print(f"the two runs agree within 5 % from {settled} rounds on" if settled
              else "the two runs do not agree within 5 % at the last round")


if __name__ == "__main__":
    main()
