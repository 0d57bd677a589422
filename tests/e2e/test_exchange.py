"""A coordinator exports the network's calendar from Documents, and sets up automatic
publishing in Paramètres; the files parse with the independent iCalendar checks.

The save dialog is native GTK, which WebDriver cannot drive: the app is started with the
test-only PERMANENCES_SAVE_DIR (see conftest.py), which saves there without asking. The
publishing path below needs no hook: the folder is typed in the form, as a user may do.
"""

import json
import subprocess
import sys

import icalendar
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from conftest import ROOT, screenshot
from test_sites import click_button, fill, open_area, wait

CHECK_ICS = ROOT / "tests" / "ics" / "check_ics.py"


def demo_db(tmp_path):
    db = tmp_path / "demo.sqlite3"
    subprocess.run([str(ROOT / "target" / "debug" / "permanences"), "--db", str(db), "demo"], check=True, capture_output=True)
    return db


def checked(path) -> dict:
    """Runs the byte-level and parser checks (CRLF, 75 octets, UID, DTSTAMP, VTIMEZONE)."""
    out = subprocess.run([sys.executable, str(CHECK_ICS), str(path)], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_export_the_network_calendar_from_documents(launch, tmp_path, save_dir):
    target = save_dir / "rendez-vous-reseau.ics"
    target.unlink(missing_ok=True)
    driver = launch(demo_db(tmp_path))
    open_area(driver, "Documents")
    box = wait(driver).until(EC.element_to_be_clickable((By.ID, "cal-appointments")))
    box.click()
    click_button(driver, "Exporter le calendrier…")
    code = wait(driver).until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".exchange code[data-path]")))
    assert code.get_attribute("data-path") == str(target)
    cal = icalendar.Calendar.from_ical(target.read_bytes())
    events = cal.walk("VEVENT")
    permanences = [e for e in events if str(e["UID"]).startswith("permanence-")]
    appointments = [e for e in events if str(e["UID"]).startswith("appointment-")]
    assert len(permanences) == 10, [str(e["SUMMARY"]) for e in permanences]
    assert appointments, "the demo's appointments are in"
    # Private by default: the demo's names never reach the file.
    assert all("Schmitt" not in str(e["SUMMARY"]) for e in appointments)
    assert checked(target)["events"] == len(events)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", code)
    screenshot(driver, "export-calendrier.png")


def test_publishing_writes_the_chosen_files_into_the_folder(launch, tmp_path):
    shared = tmp_path / "Nextcloud"
    shared.mkdir()
    driver = launch(demo_db(tmp_path))
    open_area(driver, "Paramètres")
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".publish[data-ready='true']")))
    fill(driver, "pub-folder", str(shared))
    for label in ["Calendrier des permanences de tout le réseau", "Données ouvertes des lieux (CSV)"]:
        driver.find_element(By.XPATH, f"//label[contains(., '{label}')]/input").click()
    click_button(driver, "Enregistrer et publier")
    listed = wait(driver).until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".publish .published li")))
    ics = shared / "permanences-reseau.ics"
    assert checked(ics)["events"] == 10
    assert (shared / "lieux-mediation-numerique.csv").read_text(encoding="utf-8").startswith("id,pivot,nom")
    driver.execute_script("arguments[0].scrollIntoView({block: 'end'})", listed)
    screenshot(driver, "publication.png")
