"""Data for the audit's screens that the demo network alone does not show (the audit's mock of
the core fakes it): prepared with the command line before the window opens, as another desk
or an earlier day would have left it, or through the page for what only the app sets.

Each screen prepared here is named in PREPARED (test_screens.py), with what it needs."""

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

from conftest import CLI, harness, fresh
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

# The app's clock is pinned at 1 December 2026, 10:40 in Paris (tests/e2e/conftest.py).
BUSY_SITE = "5"  # « Espace numérique de l'Hôtel de Ville » in the demo network
OTHER_DESK = "Centre social du Neuhof"
PAST = "Passé ce matin"


def cli(db: Path, *args: str, now: str | None = None, check: bool = True) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    if now is not None:
        env["PERMANENCES_NOW"] = now
    return subprocess.run([str(CLI), "--db", str(db), *args], capture_output=True, text=True, env=env, check=check)


def desk_file(tmp_path: Path) -> Path:
    """Another desk's exchange file: a second demo network's activities, under another name."""
    other = tmp_path / "autre-poste.sqlite3"
    cli(other, "demo")
    out = tmp_path / "activites-centre-social-du-neuhof.json"
    cli(other, "export", "activities", "--format", "json", "--from", "2025-01-01", "--to", "2026-12-01", "-o", str(out))
    exchange = json.loads(out.read_text(encoding="utf-8"))
    exchange["desk"]["name"] = OTHER_DESK
    out.write_text(json.dumps(exchange, ensure_ascii=False), encoding="utf-8")
    return out


def prepare(db: Path, tmp_path: Path, save_dir: Path) -> None:
    """The demo network, plus: an appointment earlier today (booked at 8:00, before its time),
    the activities of another desk gathered, and that desk's file where the app takes the file
    it would ask for."""
    cli(db, "demo")
    cli(db, "book", "--site", BUSY_SITE, "--start", "2026-12-01T09:30", "--name", PAST, now="2026-12-01T08:00")
    exchange = desk_file(tmp_path)
    cli(db, "import", "activities", str(exchange))
    shutil.copy(exchange, harness.open_file(save_dir))


def old_appointment(driver, db: Path, tmp_path: Path) -> None:
    """An appointment of March 2023 (booked then), older than any retention. Booked while the
    app runs: the app purges what is too old when it starts."""
    cli(db, "book", "--site", BUSY_SITE, "--start", "2023-03-07T09:30", "--extra", "--duration", "30",
        "--name", "Ancien", "--phone", "06 11 22 33 44", now="2023-03-01T08:00")


def click_when(driver, finder: str) -> None:
    """Clicks what the script `finder` finds (given PAST), as soon as it finds it."""
    WebDriverWait(driver, 10).until(lambda d: d.execute_script(
        f"const e = {finder}; if (e) e.click(); return !!e;", PAST))


def came_this_morning(driver, db: Path, tmp_path: Path) -> None:
    """This morning's appointment marked « Présent(e) » in the agenda: its visit is to be noted."""
    Select(driver.find_element(By.ID, "agenda-site")).select_by_value(BUSY_SITE)
    # One site's day is a list, its actions shown; found and clicked at once (the day redraws).
    click_when(driver, "[...document.querySelectorAll('button[aria-label$=\"présent\"]')]"
               ".find(b => b.getAttribute('aria-label').includes(arguments[0]))")
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, 'button[aria-label$="noter l\'accompagnement"]'))
    time.sleep(0.5)
    fresh(driver)


def gathering_folder(driver, db: Path, tmp_path: Path) -> None:
    """Paramètres › collecte: a shared folder read for the other desks' files, one waiting there."""
    folder = tmp_path / "Nextcloud" / "activites"
    folder.mkdir(parents=True, exist_ok=True)
    driver.find_element(By.XPATH, "//nav[@aria-label='Sections']//button[normalize-space()='Paramètres']").click()
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".gathering[data-ready='true']"))
    field = driver.find_element(By.ID, "gather-folder")
    field.clear()
    field.send_keys(str(folder))
    box = driver.find_element(By.ID, "gather-readOthers")
    if not box.is_selected():
        driver.execute_script("arguments[0].click()", box)
    driver.execute_script("arguments[0].click()", driver.find_element(By.ID, "gather-save"))
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.ID, "gather-now"))
    shutil.copy(desk_file(tmp_path / "dossier"), folder / "activites-centre-social-du-neuhof.json")


def fill_chosen_slot(driver, db: Path, tmp_path: Path) -> None:
    """The slot chosen in the booking dialog is taken meanwhile, from another desk."""
    value = driver.execute_script("const c = document.querySelector('input[name=book-choice]:checked'); return c && c.value")
    assert value, "no slot chosen in the booking dialog"
    site, start = value.split("|", 1)
    for n in range(10):
        if cli(db, "book", "--site", site, "--start", start, "--name", f"Autre poste {n}", check=False).returncode:
            return
    raise AssertionError(f"the slot {start} never got full")


def protect(driver, passphrase: str) -> None:
    """Paramètres › protection: the data encrypted with a passphrase (only the app sets one)."""
    driver.find_element(By.XPATH, "//nav[@aria-label='Sections']//button[normalize-space()='Paramètres']").click()
    WebDriverWait(driver, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".protection[data-ready='true']"))
    driver.execute_script("arguments[0].click()", driver.find_element(By.ID, "prot-set"))
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.ID, "prot-passphrase"))
    for field in ("prot-passphrase", "prot-confirmation"):
        driver.find_element(By.ID, field).send_keys(passphrase)
    driver.execute_script("arguments[0].click()", driver.find_element(By.ID, "prot-noted"))
    driver.execute_script("arguments[0].click()", driver.find_element(By.ID, "prot-submit"))
    WebDriverWait(driver, 60).until(lambda d: "Les données sont chiffrées" in d.find_element(By.ID, "prot-state").text)
    time.sleep(0.3)


def joined_network(db: Path, address: str) -> None:
    """The demo desk joined to the test's CalDAV server through the command line (as
    tests/e2e/test_first_hour.py does), then a permanence deleted on the server by another
    calendar client: the next sync makes it a conflict to settle in Paramètres › Réseau."""
    import caldav  # the venv's, as tests/e2e/test_network.py reads the server

    password = dict(PERMANENCES_CALDAV_PASSWORD=harness.PASSWORD)
    cli(db, "demo")
    subprocess.run([str(CLI), "--db", str(db), "network", "join", "--url", address, "--user", harness.USER],
                   capture_output=True, text=True, check=True, env=dict(os.environ, **password))
    client = caldav.DAVClient(url=address, username=harness.USER, password=harness.PASSWORD)
    removed = None
    for calendar in client.principal().calendars():
        if str(calendar.url).rstrip("/").rsplit("/", 1)[-1].startswith("permanences-places"):
            continue
        removed = next((e for e in calendar.events() if "RRULE" in e.icalendar_component), None)
        if removed is not None:
            removed.delete()
            break
    assert removed is not None, "no permanence on the server to remove"
    subprocess.run([str(CLI), "--db", str(db), "sync", "--full"], capture_output=True, text=True, check=True,
                   env=dict(os.environ, **password))
    status = json.loads(cli(db, "network", "status", "--json").stdout)
    assert status["conflicts"] == 1, status


def password_asked(driver) -> None:
    """Until the app knows that no keyring gives the network's password, as its first sync
    finds (its sync thread tries some seconds after the start; « Synchroniser maintenant »,
    asked here, at once): the page then opens « Mot de passe du réseau »."""
    driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "window.__TAURI_INTERNALS__.invoke('sharing_sync').then(() => done(null), () => done(null));")
    WebDriverWait(driver, 30, poll_frequency=0.3).until(lambda d: d.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "window.__TAURI_INTERNALS__.invoke('sharing_status').then((s) => done(!!s.passwordNeeded), () => done(false));"))


def give_password(driver) -> None:
    """The network's password given for this session as the app's dialog gives it (there is no
    keyring in the test's D-Bus session, as on a bare desktop), once the dialog asking for it
    at start is checked: the joined network's other screens without it over them."""
    given = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "window.__TAURI_INTERNALS__.invoke('sharing_password', {password: arguments[0]})"
        ".then(() => done(null), (e) => done(String(e && e.message || JSON.stringify(e))));", harness.PASSWORD)
    assert given is None, f"the password was refused: {given}"
