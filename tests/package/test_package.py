"""The Debian package, checked as a distribution and a user would (`make test-package`).

- lintian, appstreamcli and desktop-file-validate on the .deb that `make package` built;
- install it with dpkg, start the installed program under Xvfb with a fresh HOME: its window
  shows and its database is created in the user's data folder; `permanences --help` answers
  from /usr/bin; remove the package: the user's data stays;
- upgrade: install the 0.1.0 package (`scripts/package.sh previous`), make data with it,
  install the new one over it: the data is there, migrated, with its copy kept.

It installs packages on this machine: run as root (or with sudo), not beside an installed
Permanences you care about.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import time
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "target" / "package"
VERSION = subprocess.run(
    ["python3", str(ROOT / "scripts/packaging.py"), "version"],
    check=True,
    capture_output=True,
    text=True,
).stdout.strip()
PREVIOUS = "0.1.0"
DEB = OUT / f"permanences_{VERSION}_amd64.deb"
PREVIOUS_DEB = OUT / f"permanences_{PREVIOUS}_amd64.deb"
BUDGET = tomllib.loads((ROOT / "budgets.toml").read_text(encoding="utf-8"))["package"]
SUDO = [] if os.geteuid() == 0 else ["sudo"]
DATA = Path(".local/share/fr.permanences.app/permanences.sqlite3")


def run(*cmd, env=None, check=True, timeout=120):
    return subprocess.run(
        [str(c) for c in cmd], capture_output=True, text=True, env=env, check=check, timeout=timeout
    )


def dpkg(*args):
    return run(*SUDO, "dpkg", *args)


def installed_version():
    r = run("dpkg-query", "-W", "-f=${Status} ${Version}", "permanences", check=False)
    return r.stdout.split()[-1] if r.returncode == 0 and "installed" in r.stdout else None


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    assert DEB.is_file(), f"{DEB} is missing: run make package"
    dest = tmp_path_factory.mktemp("deb")
    run("dpkg-deb", "-x", DEB, dest)
    return dest


@pytest.fixture(scope="module")
def display():
    for n in range(140, 200):
        if not Path(f"/tmp/.X{n}-lock").exists():
            disp = f":{n}"
            break
    xvfb = subprocess.Popen(
        ["Xvfb", disp, "-screen", "0", "1366x768x24", "-nolisten", "tcp", "-noreset"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 10
    while not Path(f"/tmp/.X11-unix/X{disp[1:]}").exists():
        assert time.time() < deadline and xvfb.poll() is None, "Xvfb did not start"
        time.sleep(0.1)
    yield disp
    xvfb.terminate()
    xvfb.wait(timeout=10)


@pytest.fixture
def clean_slate():
    """No Permanences installed before and after a test."""
    if installed_version():
        dpkg("-r", "permanences")
    yield
    if installed_version():
        dpkg("-r", "permanences")


def user_env(home: Path, display: str) -> dict:
    """A user's session as a menu launch gives it: a fresh HOME, no XDG overrides."""
    env = {
        "HOME": str(home),
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "DISPLAY": display,
        "LANG": "fr_FR.UTF-8",
        "XDG_RUNTIME_DIR": str(home / "run"),
        # The clock pinned as in every other test (the app honours it; nothing else changes).
        "PERMANENCES_NOW": "2026-12-01T10:40",
    }
    (home / "run").mkdir(mode=0o700, exist_ok=True)
    return env


def start_and_close(env: dict) -> None:
    """Starts the installed app from its desktop entry's command, waits for its window, closes it."""
    app = subprocess.Popen(
        ["/usr/bin/permanences-app"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        found = run(
            "xdotool", "search", "--sync", "--onlyvisible", "--pid", app.pid,
            env=env, check=False, timeout=60,
        )
        assert found.returncode == 0 and found.stdout.strip(), "the installed app shows a window"
        name = run("xdotool", "getwindowname", found.stdout.split()[0], env=env).stdout.strip()
        assert name == "Permanences", f"window title: {name!r}"
        # The database is opened (and created) as the window comes up.
        deadline = time.time() + 20
        while not (Path(env["HOME"]) / DATA).is_file():
            assert time.time() < deadline, "the database is created in the user's data folder"
            time.sleep(0.2)
    finally:
        app.terminate()
        try:
            app.wait(timeout=20)
        except subprocess.TimeoutExpired:
            app.kill()
            app.wait()


def test_lintian_finds_no_error_nor_unexplained_warning():
    assert DEB.is_file(), f"{DEB} is missing: run make package"
    # Overrides shipped in the package (/usr/share/lintian/overrides/permanences) carry the
    # reason of each warning kept; anything else fails.
    r = run("lintian", "--fail-on", "error,warning", "--display-info", DEB, check=False, timeout=600)
    print(r.stdout)
    assert r.returncode == 0, f"lintian:\n{r.stdout}{r.stderr}"


def test_metainfo_and_desktop_entry_validate(extracted):
    metainfo = extracted / "usr/share/metainfo/fr.permanences.app.metainfo.xml"
    r = run("appstreamcli", "validate", "--no-net", "--pedantic", metainfo, check=False)
    assert r.returncode == 0, r.stdout + r.stderr
    desktop = extracted / "usr/share/applications/Permanences.desktop"
    r = run("desktop-file-validate", desktop, check=False)
    assert r.returncode == 0 and not r.stdout.strip(), r.stdout + r.stderr
    entry = desktop.read_text(encoding="utf-8")
    for line in ("Name=Permanences", "Categories=Office;Calendar;", "Exec=permanences-app",
                 "Icon=permanences-app", "GenericName=Agenda des permanences numériques"):
        assert line in entry.splitlines(), f"desktop entry lacks {line!r}"


def test_package_contents(extracted):
    for path in ("usr/bin/permanences-app", "usr/bin/permanences",
                 "usr/share/man/man1/permanences.1.gz", "usr/share/man/man1/permanences-app.1.gz",
                 "usr/share/doc/permanences/copyright", "usr/share/doc/permanences/changelog.gz",
                 "usr/share/icons/hicolor/32x32/apps/permanences-app.png",
                 "usr/share/icons/hicolor/128x128/apps/permanences-app.png",
                 "usr/share/icons/hicolor/256x256/apps/permanences-app.png"):
        assert (extracted / path).is_file(), f"the package ships /{path}"
    control = run("dpkg-deb", "-f", DEB).stdout
    fields = dict(
        line.split(": ", 1) for line in control.splitlines() if ": " in line and not line.startswith(" ")
    )
    assert fields["Package"] == "permanences"
    assert fields["Version"] == VERSION
    for dep in ("libwebkit2gtk-4.1-0", "libgtk-3-0", "libc6"):
        assert dep in fields["Depends"], f"Depends names {dep}: {fields['Depends']}"
    assert "<" in fields["Maintainer"] and "@" in fields["Maintainer"]
    man = run("man", "-l", extracted / "usr/share/man/man1/permanences.1.gz",
              env={**os.environ, "MANWIDTH": "100"}).stdout
    assert "--db" in man and "demo" in man, "the man page lists the options and commands"


def test_package_within_its_budget(extracted):
    """budgets.toml [package]: what is downloaded and what it occupies once installed."""
    size = DEB.stat().st_size
    assert size <= BUDGET["deb_bytes"], f"{DEB.name}: {size} bytes, budget {BUDGET['deb_bytes']}"
    installed = int(run("dpkg-deb", "-f", DEB, "Installed-Size").stdout.strip()) * 1024
    assert installed <= BUDGET["installed_bytes"], f"installed: {installed} bytes, budget {BUDGET['installed_bytes']}"
    # One program serves both: the command line is a link to the window's binary.
    link = extracted / "usr/bin/permanences"
    assert link.is_symlink() and os.readlink(link) == "permanences-app", "usr/bin/permanences links to permanences-app"


def test_install_run_remove_keeps_the_data(display, tmp_path, clean_slate):
    dpkg("-i", DEB)
    assert installed_version() == VERSION
    env = user_env(tmp_path, display)
    start_and_close(env)
    db = tmp_path / DATA
    assert sqlite3.connect(db).execute("PRAGMA application_id").fetchone()[0] == 0x5045524D

    helped = run("/usr/bin/permanences", "--help", env=env)
    assert "Utilisation" in helped.stdout and "demo" in helped.stdout
    shown = run("/usr/bin/permanences", "--version", env=env).stdout
    assert VERSION in shown, shown
    # The command line opens no display: it runs where there is none (cron, ssh).
    headless = {k: v for k, v in env.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    listed = run("/usr/bin/permanences", "--db", tmp_path / "cron.sqlite3", "sites", "list", env=headless)
    assert listed.returncode == 0 and not listed.stderr, listed.stderr
    # The menu finds it: the desktop entry and the icon are installed where desktops look.
    assert Path("/usr/share/applications/Permanences.desktop").is_file()
    assert Path("/usr/share/icons/hicolor/128x128/apps/permanences-app.png").is_file()

    dpkg("-r", "permanences")
    assert installed_version() is None
    assert not Path("/usr/bin/permanences-app").exists() and not Path("/usr/bin/permanences").exists()
    assert db.is_file(), "removing the program leaves the user's data in place"


def counts(db: Path) -> dict:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def test_upgrade_from_the_previous_package_keeps_the_data(display, tmp_path, clean_slate):
    assert PREVIOUS_DEB.is_file(), f"{PREVIOUS_DEB} is missing: run scripts/package.sh previous"
    dpkg("-i", PREVIOUS_DEB)
    assert installed_version() == PREVIOUS
    env = user_env(tmp_path, display)
    # Data made by the previous version: its window opens the file, its command line fills it.
    start_and_close(env)
    run("/usr/bin/permanences", "demo", env=env)
    slots = run("/usr/bin/permanences", "slots", "--from", "2026-12-02", "--to", "2026-12-02",
                env=env).stdout.splitlines()
    for slot in map(json.loads, slots):
        booked = run("/usr/bin/permanences", "book", "--site", slot["siteId"], "--start",
                     slot["start"], "--name", "Mme Mise-à-jour", "--reason", "caf", env=env,
                     check=False)
        if booked.returncode == 0:
            break
    assert booked.returncode == 0, "the previous version books an appointment"
    before = counts(tmp_path / DATA)
    assert before["sites"] > 0 and before["appointments"] > 0

    dpkg("-i", DEB)
    assert installed_version() == VERSION
    start_and_close(env)
    after = counts(tmp_path / DATA)
    # `purges` logs each daily purge run: the new version's start adds its own line.
    assert after.pop("purges") >= before.pop("purges")
    for table, n in before.items():
        assert after.get(table) == n, f"{table}: {n} rows before the upgrade, {after.get(table)} after"
    names = [r[0] for r in sqlite3.connect(tmp_path / DATA).execute("SELECT name FROM sites")]
    listed = run("/usr/bin/permanences", "sites", "list", "--archived", env=env).stdout
    for name in names:
        assert name in listed, f"the new version lists the site {name!r}"
    with sqlite3.connect(tmp_path / DATA) as conn:
        kept = conn.execute("SELECT count(*) FROM appointments WHERE resident_name = ?",
                            ("Mme Mise-à-jour",)).fetchone()[0]
    assert kept == 1, "the appointment booked with the previous version is there"
    shutil.rmtree(tmp_path / "run", ignore_errors=True)
