"""Every screen and dialog of the accessibility audit (ui/a11y/screens.mjs), in the real window
(WebKitGTK), read over AT-SPI as Orca reads it: no focusable control without a name, no two
controls with the same name on one screen (or in an open dialog), lists that stay lists,
tables that are tables, an open dialog exposed as a dialog named by its title, a refusal
exposed as an alert.

The audit's screens are reached on the demo network (the audit uses a mock of the core), some on
data prepared for them (PREPARED, seed.py); the joined network's, on the demo desk joined to a
real Radicale (the e2e harness's server) through the command line before the window opens.
Those this harness cannot show would be listed in NOT_HERE with the reason."""

import json
import os
import subprocess
import time

import pytest
import seed
from walk import LONGEST, marked, tab_problems, unmark, unnamed_over_atspi
from conftest import ROOT, Reader, app_pid, fresh
from selenium.common.exceptions import ElementNotInteractableException, StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

# Controls a person acts on: each must say what it does, and no two alike on a screen.
ACTIONABLE = {"push button", "toggle button", "check box", "radio button", "combo box", "entry", "password text",
              "spin button", "link"}

# The audit's screens that need more than this harness gives (the audit's mock fakes it).
NOT_HERE: dict[str, str] = {}

# Screens the demo network shows once data is prepared (seed.py): they run in a window of
# their own, on a demo database seeded before it opens, so that every other screen sees the
# demo as it is. Each says what it needs, and what is done in the window first (`before`) or
# just before its last step (`before_last`).
PREPARED = {
    "Agenda : noter l'accompagnement d'un rendez-vous": {
        "needs": "un rendez-vous de ce matin, marqué « Présent(e) »", "before": "came_this_morning"},
    "Rendez-vous : créneau complet, autres créneaux et liste d'attente": {
        "needs": "le créneau choisi pris entre-temps par un autre poste", "before_last": "fill_chosen_slot"},
    "Statistiques du réseau : un poste et une personne de l'équipe": {"needs": "les activités d'un autre poste rassemblées"},
    "Paramètres : effacer les données trop anciennes": {"needs": "un rendez-vous de mars 2023", "before": "old_appointment"},
    "Paramètres : collecte des activités, dossier importé": {
        "needs": "un dossier de collecte réglé, le fichier d'un poste dedans", "before": "gathering_folder"},
    "Paramètres : collecte des activités, fichier d'un poste": {"needs": "le fichier d'un poste à ouvrir"},
}
PASSPHRASE = "le chat dort au soleil"

# Walked all round, every stop (the others: their last stops and round, walk.py): the agenda as
# it opens, the day's grid with every appointment block, where a mediator starts each morning.
WHOLE_ROUND = {"Agenda : un jour du réseau": 10_000}

# Refusals whose first message, from the real core, is about another field than the mock's.
FIRST_REFUSAL = {
    "Lieux : nouveau lieu refusé",
    "Premiers pas : créer le premier lieu, lieu refusé",
    "Lieux : permanence refusée",
    "Accompagnements : noter, anonyme, aucun thème coché",
    "Paramètres : réseau, nom d'utilisateur manquant",
}


# The dialog that asks the network's password at start (joined, no keyring: the test's D-Bus
# session has none) is played in the joined network's window before the password is given
# for the session; that window's other screens after.
ASKED_AT_START = "networkPassword"


def scenario_of(screen: dict) -> str:
    if screen["name"] in PREPARED:
        return "prepared"
    return "network" if screen["scenario"] == ASKED_AT_START else screen["scenario"]


def screens() -> list[dict]:
    out = subprocess.run(["node", "-e", 'import("./a11y/screens.mjs").then(m => console.log(JSON.stringify(m.screens)))'],
                         cwd=ROOT / "ui", capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


# `ATSPI_ONLY=network scripts/atspi.sh test_screens.py`: only the screens of that scenario, or
# whose name holds those words (to rerun a few while fixing them; `make test-atspi` checks all).
ONLY = os.environ.get("ATSPI_ONLY")
SCREENS = [s for s in screens() if not ONLY or ONLY in (s["scenario"], scenario_of(s)) or ONLY in s["name"]]


def locate(driver, selector: str):
    """The first visible element a Playwright selector of screens.mjs designates."""
    parts = [p.strip() for p in selector.split(">>")]
    parts = [p for p in parts if p not in ("nth=0", "visible=true")]
    if len(parts) == 2 and parts[0] == 'nav[aria-label="Sections"]' and parts[1].startswith("text="):
        label = parts[1][len("text="):].strip('"')
        found = driver.find_elements(By.XPATH, f"//nav[@aria-label='Sections']//button[normalize-space()={xq(label)}]")
    elif len(parts) == 1 and parts[0].startswith("button:text-is("):
        label = parts[0][len('button:text-is("'):-2]
        found = driver.find_elements(By.XPATH, f"//button[normalize-space()={xq(label)}]")
    elif len(parts) == 1 and parts[0].startswith("text="):
        text = parts[0][len("text="):]
        found = driver.find_elements(By.XPATH, f"//body//*[contains(normalize-space(text()), {xq(text)})]")
    elif len(parts) == 1:
        found = driver.find_elements(By.CSS_SELECTOR, parts[0])
    else:
        raise AssertionError(f"selector not understood here: {selector}")
    return next((e for e in found if shown(driver, e)), None)


def shown(driver, element) -> bool:
    """Laid out on the page (WebDriver's own test says no for a grid drawn with
    `content-visibility: auto` until it is scrolled to)."""
    return driver.execute_script(
        "const e = arguments[0]; return e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden'"
        " && !e.closest('[hidden], dialog:not([open])')", element)


def xq(text: str) -> str:
    """An XPath string literal for `text` (which may hold both kinds of quote)."""
    if "'" not in text:
        return f"'{text}'"
    if '"' not in text:
        return f'"{text}"'
    return "concat(" + ", \"'\", ".join(f"'{p}'" for p in text.split("'")) + ")"


def wait_for(driver, selector: str, what: str):
    try:
        return WebDriverWait(driver, 10).until(lambda d: locate(d, selector))
    except WebDriverException as e:
        raise AssertionError(f"{what}: « {selector} » n'apparaît pas") from e


def step_once(driver, screen: dict, step: dict) -> None:
    if "click" in step:
        target = wait_for(driver, step["click"], screen["name"])
        try:
            target.click()
        except ElementNotInteractableException:
            # A box drawn by the page over its real input: the click goes to the input.
            driver.execute_script("arguments[0].click()", target)
    elif "select" in step:
        Select(wait_for(driver, step["select"], screen["name"])).select_by_visible_text(step["label"])
    elif "fill" in step:
        field = wait_for(driver, step["fill"], screen["name"])
        # Brought into view first: WebDriver does not scroll a dialog's own overflow.
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", field)
        field.clear()
        field.send_keys(step["text"])
    elif "key" in step:
        # A key pressed where the focus is (F1 over a dialog: the help over it).
        ActionChains(driver).send_keys(getattr(Keys, step["key"].upper())).perform()
    else:
        raise AssertionError(f"{screen['name']}: step not played here: {step}")


def play(driver, screen: dict, prepare=lambda hook: None) -> None:
    prepare(PREPARED.get(screen["name"], {}).get("before"))
    for i, step in enumerate(screen["steps"]):
        if i == len(screen["steps"]) - 1:
            prepare(PREPARED.get(screen["name"], {}).get("before_last"))
        for attempt in range(3):
            try:
                step_once(driver, screen, step)
                break
            except StaleElementReferenceException:
                # Drawn again between finding and acting (the agenda reloading its day).
                if attempt == 2:
                    raise
                time.sleep(0.5)
        time.sleep(0.15)
    if screen["shown"].endswith("-error") and screen["name"] in FIRST_REFUSAL:
        # The real core checks the fields in its own order: the refusal shown may be another
        # field's than the mock's; the screen is the same (a form refused, its message shown).
        wait_for(driver, ".form-error, p.error", screen["name"])
    else:
        wait_for(driver, screen["shown"], screen["name"])


def within(nodes: list[dict], root: int) -> list[dict]:
    """The nodes under `root` (itself included)."""
    inside = {root}
    out = []
    for i, n in enumerate(nodes):
        if i == root or n["parent"] in inside:
            inside.add(i)
            out.append(n)
    return out


def has_items(nodes: list[dict], node: dict) -> bool:
    """Whether a list has items (an empty <ol> is exposed as nothing in particular)."""
    here = nodes.index(node)
    return any(n["parent"] == here and n["tag"] == "li" for n in nodes)


def problems(nodes: list[dict], driver) -> list[str]:
    found = []
    document = next((i for i, n in enumerate(nodes) if n["role"] == "document web"), None)
    if document is None:
        return ["no web document in the window"]
    page = within(nodes, document)
    dialogs = [i for i, n in enumerate(nodes) if n["role"] == "dialog" and n["tag"] == "dialog"]
    open_dialog = driver.execute_script(
        "const d = document.querySelector('dialog[open]'); if (!d) return null;"
        "const t = document.getElementById(d.getAttribute('aria-labelledby'));"
        "return t ? t.textContent.replace(/\\s+/g, ' ').trim() : '';")
    scope = page
    if open_dialog is not None:
        if len(dialogs) != 1:
            found.append(f"an open dialog, but {len(dialogs)} dialog objects over AT-SPI")
        else:
            d = nodes[dialogs[0]]
            if d["name"] != open_dialog:
                found.append(f"the dialog is named « {d['name']} », its title says « {open_dialog} »")
            scope = within(nodes, dialogs[0])
            found += [f"a form read as « {n['role']} » inside the dialog « {open_dialog} »: Orca 43 then does not announce it"
                      for n in scope if n["tag"] == "form" and n["role"] in ("form", "landmark")]
    controls = [n for n in scope if n["role"] in ACTIONABLE and "focusable" in n["states"]]
    for n in controls:
        if not n["name"].strip():
            found.append(f"a {n['role']} without a name (id « {n['id']} »)")
    names: dict[str, int] = {}
    for n in controls:
        if n["name"].strip():
            key = f"{n['role']}: {n['name'].strip()}"
            names[key] = names.get(key, 0) + 1
    found += [f"{k} — {c} times" for k, c in names.items() if c > 1]
    for n in page:
        if n["tag"] in ("ul", "ol") and n["role"] != "list" and has_items(nodes, n):
            found.append(f"a <{n['tag']}> read as « {n['role']} », not as a list (id « {n['id']} »)")
        if n["tag"] == "table" and n["role"] != "table":
            found.append(f"a <table> read as « {n['role']} »")
        if n["xmlRoles"] == "alert" and n["role"] != "notification":
            found.append(f"an alert read as « {n['role']} »")
        if n["xmlRoles"] == "alert" and "focusable" in n["states"] and not n["name"].strip():
            found.append(f"an alert that takes the focus without a name: Orca 43 says only « notification » (id « {n['id']} »)")
    alerts = driver.execute_script(
        "return [...document.querySelectorAll('[role=alert]')].filter(e => e.offsetParent).length")
    if alerts and not any(n["xmlRoles"] == "alert" for n in page):
        found.append("a refusal is shown, but no alert reaches AT-SPI")
    return found


def start(launch, tmp_path, display: str, scenario: str, save_dir, server: str):
    """The window of a scenario: the demo network, the demo with the data of PREPARED, a new
    database, an unreadable file, the demo protected by a passphrase (set in the app), or the
    demo joined to the CalDAV server `server` with a conflict to settle."""
    db = tmp_path / f"{scenario}.sqlite3"
    if scenario == "network":
        seed.joined_network(db, server)
    elif scenario in ("demo", "locked"):
        subprocess.run([str(ROOT / "target" / "debug" / "permanences"), "--db", str(db), "demo"],
                       check=True, capture_output=True)
    elif scenario == "prepared":
        seed.prepare(db, tmp_path, save_dir)
    elif scenario == "dbError":
        db.write_bytes(b"ceci n'est pas une base SQLite" * 100)
    driver = launch(db)
    if scenario == "locked":
        WebDriverWait(driver, 20).until(lambda d: d.find_elements(By.ID, "agenda-find"))
        seed.protect(driver, PASSPHRASE)
        driver.quit()
        driver = launch(db)
    return driver, Reader(app_pid(db), display)


def test_every_screen_reads_well(launch, tmp_path, display, save_dir, radicale):
    checked, failures = [], {}
    skipped = [s["name"] for s in SCREENS if s["scenario"] in NOT_HERE]
    # One window at a time (WebDriver's limit), each screen from a reload of it.
    for scenario in dict.fromkeys(scenario_of(s) for s in SCREENS if s["scenario"] not in NOT_HERE):
        driver, reader = start(launch, tmp_path, display, scenario, save_dir, radicale)
        db = tmp_path / f"{scenario}.sqlite3"
        hooks = {"gathering_folder": seed.gathering_folder, "fill_chosen_slot": seed.fill_chosen_slot,
                 "came_this_morning": seed.came_this_morning, "old_appointment": seed.old_appointment}
        mine = [s for s in SCREENS if scenario_of(s) == scenario and s["scenario"] not in NOT_HERE]
        password_given = False
        for screen in sorted(mine, key=lambda s: s["scenario"] != ASKED_AT_START):
            if screen["scenario"] == ASKED_AT_START:
                seed.password_asked(driver)
            elif scenario == "network" and not password_given:
                seed.give_password(driver)
                password_given = True
            fresh(driver)
            try:
                play(driver, screen, lambda hook: hook and hooks[hook](driver, db, tmp_path))
            except (AssertionError, WebDriverException) as e:
                failures[screen["name"]] = [f"not reached: {type(e).__name__} {str(e).splitlines()[0] if str(e) else ''}"]
                continue
            time.sleep(0.4)  # AT-SPI follows the DOM a moment later
            longest = WHOLE_ROUND.get(screen["name"], LONGEST)
            stops = marked(driver, longest)
            try:
                nodes = reader.tree()
            finally:
                unmark(driver)
            found = problems(nodes, driver) + unnamed_over_atspi(nodes, stops) + tab_problems(driver, reader, longest)
            checked.append(screen["name"])
            if found:
                failures[screen["name"]] = found
        driver.quit()
    prepared, joined = sum(s["name"] in PREPARED for s in SCREENS), sum(scenario_of(s) == "network" for s in SCREENS)
    print(f"\n{len(checked)} écrans vérifiés par AT-SPI ({prepared} sur des données préparées, {joined} sur un"
          f" réseau rejoint) ; {len(skipped)} laissés de côté" + (" :" if skipped else "."))
    for name in skipped:
        print(f"  - {name} : {NOT_HERE[next(s['scenario'] for s in SCREENS if s['name'] == name)]}")
    assert not failures, "\n" + "\n".join(f"{name}:\n  - " + "\n  - ".join(f) for name, f in failures.items())
    assert len(checked) == len(SCREENS) - len(skipped)
