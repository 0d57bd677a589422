"""The app as shipped draws its pages without WebKit's compositing mode (a memory saving of
about 100 MB on the demo's day): its web process gets the setting, and the window opens
and shows the agenda. Launched directly, as a person starts it (not under WebDriver, whose
screenshots need the compositing mode)."""

import os
import subprocess
import time
from pathlib import Path

from test_single_instance import start, stop


def web_processes(pid: int) -> list[int]:
    """The processes started under `pid` (WebKit's web and network processes)."""
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == p:
                found.append(int(entry.name))
                todo.append(int(entry.name))
    return found


def test_the_app_as_shipped_draws_without_compositing(display, tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "WEBKIT_DISABLE_COMPOSITING_MODE"}
    env["DISPLAY"] = display
    env["XDG_RUNTIME_DIR"] = str(tmp_path)
    proc, out, err = start(["--db", str(tmp_path / "rendu.sqlite3")], env, tmp_path, "app")
    try:
        shown = subprocess.run(
            ["xdotool", "search", "--sync", "--onlyvisible", "--pid", str(proc.pid)],
            env=env, capture_output=True, text=True, timeout=60,
        )
        assert shown.returncode == 0 and shown.stdout.strip(), "no window: " + err.read_text()
        deadline = time.time() + 30
        web = []
        while time.time() < deadline:
            web = [p for p in web_processes(proc.pid) if "WebKitWebProces" in Path(f"/proc/{p}/comm").read_text()]
            if web:
                break
            time.sleep(0.2)
        assert web, "the window has a web process"
        environ = Path(f"/proc/{web[0]}/environ").read_bytes().split(b"\0")
        assert b"WEBKIT_DISABLE_COMPOSITING_MODE=1" in environ, "the web process draws without compositing"
        assert proc.poll() is None, "the app is still running: " + err.read_text()
    finally:
        stop(proc)
