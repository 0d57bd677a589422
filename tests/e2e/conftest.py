"""End-to-end harness: a private Xvfb screen, tauri-driver, and the real app window.

Each test gets its own database file, passed to the app as `--db PATH`.
"""

import datetime
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from selenium import webdriver
from selenium.webdriver.common.options import ArgOptions
from selenium.webdriver.remote.client_config import ClientConfig
from selenium.webdriver.remote.remote_connection import RemoteConnection

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "target" / "debug" / "permanences-app"
# `make test` leaves the tracked files as they were: screenshots go to target/ unless
# `make screenshots` names docs/screenshots.
SCREENSHOTS = ROOT / os.environ.get("PERMANENCES_SCREENSHOTS", "target/screenshots")

# The tests pin the clock of the app and of the command line (PERMANENCES_NOW, read by their
# `clock::now`): a Tuesday morning, 10:40 in Paris, whatever the day the suite runs. Both
# clocks run on from there, as this one does.
PINNED = datetime.datetime(2026, 12, 1, 10, 40, tzinfo=ZoneInfo("Europe/Paris"))
os.environ["PERMANENCES_NOW"] = PINNED.strftime("%Y-%m-%dT%H:%M")
# The app draws without WebKit's compositing mode (src-tauri's draw_without_compositing, for
# memory), unless the variable is set; WebKitWebDriver's screenshots time out without that
# mode, so the app under WebDriver keeps it. test_rendering.py checks the app as shipped.
os.environ.setdefault("WEBKIT_DISABLE_COMPOSITING_MODE", "0")
_STARTED = time.monotonic()


def paris_now() -> datetime.datetime:
    """The pinned clock, as the app and the command line read it."""
    return PINNED + datetime.timedelta(seconds=time.monotonic() - _STARTED)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# The account of the CalDAV server a network test starts (`radicale`).
USER, PASSWORD = "accueil", "mot-de-passe-1"


@pytest.fixture
def radicale(tmp_path):
    """A Radicale on 127.0.0.1 with one htpasswd account; its address. Stopped at the end."""
    port = free_port()
    users = tmp_path / "users"
    users.write_text(f"{USER}:{PASSWORD}\n")
    config = tmp_path / "radicale.conf"
    config.write_text(
        f"[server]\nhosts = 127.0.0.1:{port}\n"
        f"[auth]\ntype = htpasswd\nhtpasswd_filename = {users}\nhtpasswd_encryption = plain\n"
        f"[storage]\nfilesystem_folder = {tmp_path / 'collections'}\n"
        "[rights]\ntype = owner_only\n"
        "[logging]\nlevel = warning\n"
    )
    # The venv's Python: the one running the tests, which has Radicale installed.
    proc = subprocess.Popen([sys.executable, "-m", "radicale", "--config", str(config)])
    deadline = time.time() + 20
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            if time.time() > deadline or proc.poll() is not None:
                proc.kill()
                raise RuntimeError("Radicale did not start")
            time.sleep(0.1)
    yield f"http://127.0.0.1:{port}/"
    proc.terminate()
    proc.wait(timeout=10)


def free_display() -> str:
    for n in range(97, 200):
        if not Path(f"/tmp/.X{n}-lock").exists() and not Path(f"/tmp/.X11-unix/X{n}").exists():
            return f":{n}"
    raise RuntimeError("no free X display number")


@pytest.fixture(scope="session")
def display():
    disp = free_display()
    # -noreset: by default the X server resets when its last client leaves, and refuses
    # connections meanwhile. Between two tests every window is closed, so the next one's first
    # connection could be refused (« Can't open display », test_rendering in a full run). 300
    # connections in a row, each right after the last one closed: 8 refused without it, 0 with.
    xvfb = subprocess.Popen(
        ["Xvfb", disp, "-screen", "0", "1366x768x24", "-nolisten", "tcp", "-noreset"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 10
    while not Path(f"/tmp/.X11-unix/X{disp[1:]}").exists():
        if time.time() > deadline or xvfb.poll() is not None:
            raise RuntimeError("Xvfb did not start")
        time.sleep(0.1)
    yield disp
    xvfb.terminate()
    xvfb.wait(timeout=10)


@pytest.fixture(scope="session")
def save_dir(tmp_path_factory):
    """Where the app saves files instead of asking (PERMANENCES_SAVE_DIR, a test-only hook:
    WebDriver cannot drive the native GTK save dialog)."""
    return tmp_path_factory.mktemp("enregistrements")


def open_file(save_dir: Path) -> Path:
    """The file the app takes when it would ask for one to open (PERMANENCES_OPEN_FILE, a
    test-only hook, for the same reason): a test writes it first; absent, the choice is
    cancelled."""
    return save_dir / "a-ouvrir"


@pytest.fixture(scope="session")
def driver_url(display, save_dir):
    if not APP.exists():
        raise RuntimeError(f"{APP} is missing: build it first (make app)")
    driver_bin = shutil.which("tauri-driver") or str(Path.home() / ".cargo" / "bin" / "tauri-driver")
    port, native = free_port(), free_port()
    env = dict(os.environ, DISPLAY=display, PERMANENCES_SAVE_DIR=str(save_dir), PERMANENCES_OPEN_FILE=str(open_file(save_dir)))
    proc = subprocess.Popen(
        [driver_bin, "--port", str(port), "--native-port", str(native)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 30
    while True:
        try:
            with urllib.request.urlopen(f"{url}/status", timeout=1) as r:
                if r.status == 200:
                    break
        except OSError:
            pass
        if time.time() > deadline or proc.poll() is not None:
            raise RuntimeError("tauri-driver did not start")
        time.sleep(0.2)
    yield url
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture
def launch(driver_url):
    """Starts the app on a database; returns the WebDriver. Every session is quit at the end."""
    sessions = []

    def start(db: Path, *args: str):
        """`args` go to the app after `--db` (e.g. "--zoom", "2")."""
        opts = ArgOptions()
        opts.set_capability("browserName", "wry")
        opts.set_capability("tauri:options", {"application": str(APP), "args": ["--db", str(db), *args]})
        # Every WebDriver call answers within 2 minutes or raises (Selenium waits forever by
        # default): a webview that stopped answering fails its test instead of the suite.
        config = ClientConfig(remote_server_addr=driver_url, timeout=120)
        d = webdriver.Remote(command_executor=RemoteConnection(client_config=config), options=opts)
        sessions.append(d)
        return d

    yield start
    for d in sessions:
        try:
            d.quit()
        except Exception:
            pass


def screenshot(driver, name: str) -> None:
    """Saves a screenshot under SCREENSHOTS, after two frames so the new DOM is painted."""
    driver.execute_async_script(
        "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done()));"
    )
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SCREENSHOTS / name))
