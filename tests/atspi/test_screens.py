"""Every screen and dialog of the accessibility audit (ui/a11y/screens.mjs), in the real window
(WebKitGTK), read over AT-SPI as Orca reads it: no focusable control without a name, no two
controls with the same name on one screen (or in an open dialog), lists that stay lists,
tables that are tables, an open dialog exposed as a dialog named by its title, a refusal
exposed as an alert.

The audit's screens are reached on the demo network (the audit uses a mock of the core): the
few the demo data cannot show are listed in NOT_HERE with the reason."""

import json
import subprocess
import time

import pytest
from conftest import ROOT, Reader, app_pid
from selenium.common.exceptions import ElementNotInteractableException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

# Controls a person acts on: each must say what it does, and no two alike on a screen.
ACTIONABLE = {"push button", "toggle button", "check box", "radio button", "combo box", "entry", "password text",
              "spin button", "link"}

# The audit's screens that need more than the demo network (the audit's mock fakes them).
NOT_HERE = {
    "network": "un réseau CalDAV rejoint : vérifié par tests/e2e/test_network.py, pas ici",
    "locked": "une base chiffrée ouverte par phrase secrète",
}

# Screens of the audit that its mock of the core reaches and the demo network does not: each
# is told why, and printed with the run's summary.
NOT_ON_DEMO = {
    "Agenda : noter l'accompagnement d'un rendez-vous": "aucun rendez-vous passé ce jour-là dans la démo à l'heure figée",
    "Rendez-vous : créneau complet, autres créneaux et liste d'attente": "la démo n'a pas de créneau pris entre-temps",
    "Statistiques du réseau : un poste et une personne de l'équipe": "aucune activité collectée d'un autre poste",
    "Paramètres : effacer les données trop anciennes": "rien n'est à effacer dans la démo",
    "Paramètres : collecte des activités, dossier importé": "pas de dossier de collecte réglé",
    "Paramètres : collecte des activités, fichier d'un poste": "pas de fichier d'un autre poste",
}
# Refusals whose first message, from the real core, is about another field than the mock's.
FIRST_REFUSAL = {
    "Lieux : nouveau lieu refusé",
    "Premiers pas : créer le premier lieu, lieu refusé",
    "Lieux : permanence refusée",
    "Accompagnements : noter, anonyme, aucun thème coché",
    "Paramètres : réseau, nom d'utilisateur manquant",
}


def screens() -> list[dict]:
    out = subprocess.run(["node", "-e", 'import("./a11y/screens.mjs").then(m => console.log(JSON.stringify(m.screens)))'],
                         cwd=ROOT / "ui", capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


SCREENS = screens()


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


def play(driver, screen: dict) -> None:
    for step in screen["steps"]:
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
            field.clear()
            field.send_keys(step["text"])
        time.sleep(0.15)
    if screen["shown"].endswith("-error") and screen["name"] in FIRST_REFUSAL:
        # The real core checks the fields in its own order: the refusal shown may be another
        # field's than the mock's; the screen is the same (a form refused, its message shown).
        wait_for(driver, ".form-error, p.error", screen["name"])
    else:
        wait_for(driver, screen["shown"], screen["name"])


def fresh(driver) -> None:
    """The app as it starts (the audit replays each screen from a fresh start): what the
    page remembers on this computer (the agenda's view, the person at the desk) forgotten."""
    driver.execute_script("localStorage.clear(); sessionStorage.clear();")
    driver.refresh()
    WebDriverWait(driver, 20).until(
        lambda d: d.execute_script("return !!document.querySelector('main h1, main .fatal')"))
    time.sleep(0.3)


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
            found += [f"a form read as « {n['role']} » inside the dialog: Orca 43 then does not announce the dialog"
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


def start(launch, tmp_path, display: str, scenario: str):
    """The window of a scenario: the demo network, a new database, or an unreadable file."""
    db = tmp_path / f"{scenario}.sqlite3"
    if scenario == "demo":
        subprocess.run([str(ROOT / "target" / "debug" / "permanences"), "--db", str(db), "demo"],
                       check=True, capture_output=True)
    elif scenario == "dbError":
        db.write_bytes(b"ceci n'est pas une base SQLite" * 100)
    driver = launch(db)
    return driver, Reader(app_pid(db), display)


def test_every_screen_reads_well(launch, tmp_path, display):
    checked, failures = [], {}
    skipped = [s["name"] for s in SCREENS if s["scenario"] in NOT_HERE or s["name"] in NOT_ON_DEMO]
    # One window at a time (WebDriver's limit), each screen from a reload of it.
    for scenario in dict.fromkeys(s["scenario"] for s in SCREENS if s["scenario"] not in NOT_HERE):
        driver, reader = start(launch, tmp_path, display, scenario)
        for screen in [s for s in SCREENS if s["scenario"] == scenario and s["name"] not in NOT_ON_DEMO]:
            fresh(driver)
            try:
                play(driver, screen)
            except (AssertionError, WebDriverException) as e:
                failures[screen["name"]] = [f"not reached: {type(e).__name__} {str(e).splitlines()[0] if str(e) else ''}"]
                continue
            time.sleep(0.4)  # AT-SPI follows the DOM a moment later
            found = problems(reader.tree(), driver)
            checked.append(screen["name"])
            if found:
                failures[screen["name"]] = found
        driver.quit()
    print(f"\n{len(checked)} écrans vérifiés par AT-SPI ; {len(skipped)} laissés de côté :")
    for name in skipped:
        print(f"  - {name} : {NOT_ON_DEMO.get(name) or 'scénario ' + next(s['scenario'] for s in SCREENS if s['name'] == name)}")
    assert not failures, "\n" + "\n".join(f"{name}:\n  - " + "\n  - ".join(f) for name, f in failures.items())
    assert len(checked) == len(SCREENS) - len(skipped)
