"""The AT-SPI check's harness: the end-to-end harness (tests/e2e/conftest.py: Xvfb,
tauri-driver, the app on its own database at the pinned instant), plus what reads the window
as a screen reader does.

It must run inside a D-Bus session with the accessibility bus on, which `scripts/atspi.sh`
(`make test-atspi`) sets up; the app then exports its page over AT-SPI."""

import importlib.util
import json
import os
import subprocess
import time
from pathlib import Path

import pytest
from selenium.webdriver.support.ui import WebDriverWait

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("e2e_harness", HERE.parent / "e2e" / "conftest.py")
harness = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(harness)

display = harness.display
save_dir = harness.save_dir
driver_url = harness.driver_url
launch = harness.launch
radicale = harness.radicale  # a CalDAV server for the joined network's screens (test_screens.py)
ROOT = harness.ROOT
CLI = ROOT / "target" / "debug" / "permanences"
# pyatspi and gi live in the system's Python, not in the project's venv.
SYSTEM_PYTHON = "/usr/bin/python3"


@pytest.fixture(scope="session", autouse=True)
def accessibility_bus():
    """Refuses to run outside the set-up of scripts/atspi.sh: the checks would see nothing."""
    if os.environ.get("GTK_A11Y") != "atspi" or "DBUS_SESSION_BUS_ADDRESS" not in os.environ:
        pytest.fail("lancez ces tests par `make test-atspi` (bus d'accessibilité AT-SPI nécessaire)")


def app_pid(db: Path, timeout: float = 20) -> int:
    """The process of the app started on `db` (tauri-driver starts it through WebKitWebDriver)."""
    deadline = time.time() + timeout
    wanted = str(db).encode()
    while time.time() < deadline:
        for proc in Path("/proc").iterdir():
            if not proc.name.isdigit():
                continue
            try:
                cmd = (proc / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if cmd and cmd[0].endswith(b"permanences-app") and wanted in cmd:
                return int(proc.name)
        time.sleep(0.2)
    raise RuntimeError(f"no app process on {db}")


class Reader:
    """The app's page as AT-SPI gives it: `tree()` lists every object, `focus()` the one with
    the keyboard focus (with its containers), `key()` presses a real key through X."""

    def __init__(self, pid: int, display: str):
        self.pid = pid
        self.display = display

    def _run(self, *args: str):
        out = subprocess.run([SYSTEM_PYTHON, str(HERE / "tree.py"), str(self.pid), *args],
                             capture_output=True, text=True, timeout=60, check=True)
        return json.loads(out.stdout)

    def tree(self) -> list[dict]:
        nodes = self._run()
        assert nodes, "the app exports nothing over AT-SPI"
        return nodes

    def focus(self, settle: float = 0.3) -> dict | None:
        time.sleep(settle)
        return self._run("focus")

    def window(self) -> str:
        out = subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--pid", str(self.pid)],
                             capture_output=True, text=True, timeout=20, env=dict(os.environ, DISPLAY=self.display))
        return out.stdout.split()[0]

    def take_keyboard(self) -> None:
        """Gives the window the keyboard, as clicking in it would (no window manager here)."""
        subprocess.run(["xdotool", "windowfocus", "--sync", self.window()], check=True, timeout=20,
                       env=dict(os.environ, DISPLAY=self.display))

    def key(self, *keys: str, delay: int = 60) -> None:
        subprocess.run(["xdotool", "key", "--delay", str(delay), *keys], check=True, timeout=20,
                       env=dict(os.environ, DISPLAY=self.display))


def fresh(driver) -> None:
    """The app as it starts (the audit replays each screen from a fresh start): what the
    page remembers on this computer (the agenda's view, the person at the desk) forgotten."""
    driver.execute_script("localStorage.clear(); sessionStorage.clear();")
    driver.refresh()
    WebDriverWait(driver, 20).until(
        lambda d: d.execute_script("return !!document.querySelector('main h1, main .fatal')"))
    time.sleep(0.3)


@pytest.fixture
def demo_db(tmp_path):
    db = tmp_path / "demo.sqlite3"
    subprocess.run([str(CLI), "--db", str(db), "demo"], check=True, capture_output=True)
    return db
