"""A coordinator gathers a desk's activities from the network's shared folder (Paramètres ›
« Réseau : collecte des activités »), then reads that desk's figures in Statistiques, and
exports its own activities for La Coop de la médiation numérique.

The desk's exchange file is made by the command line on a second database, as a desk's own
app would write it. The folder is typed in the form, as a user may do; the .xlsx export goes to
the test-only PERMANENCES_SAVE_DIR (see conftest.py).
"""

import json
import shutil
import subprocess

import openpyxl
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

from conftest import ROOT, screenshot
from test_sites import click_button, fill, open_area, wait

CLI = ROOT / "target" / "debug" / "permanences"


def cli(db, *args) -> None:
    subprocess.run([str(CLI), "--db", str(db), *args], check=True, capture_output=True)


def desk_file(tmp_path) -> tuple[str, dict]:
    """Another desk's exchange file (the demo network's activities), outside the shared folder."""
    db = tmp_path / "poste-a.sqlite3"
    cli(db, "demo")
    out = tmp_path / "envoi" / "activites-a.json"
    out.parent.mkdir()
    cli(db, "export", "activities", "--format", "json", "--from", "2025-01-01", "--to", "2026-12-01", "-o", str(out))
    return str(out), json.loads(out.read_text(encoding="utf-8"))


def shown_visits(driver, expected_title: str) -> int:
    """The number of visits of the statistics once their title names what was asked."""
    wait(driver).until(EC.text_to_be_present_in_element((By.ID, "stats-title"), expected_title))
    return int(driver.find_element(By.ID, "stats-result").get_attribute("data-visits"))


def choose_desk(driver, label: str, expected_title: str) -> int:
    Select(driver.find_element(By.ID, "stats-desk")).select_by_visible_text(label)
    return shown_visits(driver, expected_title)


def test_a_coordinator_gathers_a_desk_and_counts_it(launch, tmp_path, save_dir):
    source, exchange = desk_file(tmp_path)
    desk, activities = exchange["desk"]["name"], len(exchange["activities"])
    assert activities > 0, "the demo desk has activities to gather"
    shared = tmp_path / "Nextcloud" / "activites"
    shared.mkdir(parents=True)
    coordinator = tmp_path / "coordination.sqlite3"
    cli(coordinator, "demo")
    driver = launch(coordinator)

    # Paramètres: this desk writes its own file and gathers the others'.
    open_area(driver, "Paramètres")
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".gathering[data-ready='true']")))
    fill(driver, "gather-folder", str(shared))
    for box in ["gather-writeOwn", "gather-readOthers"]:
        driver.find_element(By.ID, box).click()
    fill(driver, "gather-deskName", "Coordination du réseau")
    driver.find_element(By.ID, "gather-save").click()
    own = wait(driver).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "#gather-state code"))).text
    assert own.startswith("activites-coordination-du-reseau-"), own
    assert json.loads((shared / own).read_text(encoding="utf-8"))["desk"]["name"] == "Coordination du réseau"
    assert driver.find_elements(By.ID, "gather-none"), "nothing gathered yet: the folder held only this desk's file"

    # The desk's file arrives in the folder (its sync client put it there): import it now.
    shutil.copy(source, shared / "activites-a.json")
    click_button(driver, "Importer maintenant")
    outcome = wait(driver).until(EC.visibility_of_element_located((By.ID, "gather-outcome")))
    assert outcome.text == "1 fichier de poste importé.", outcome.text
    report = driver.find_element(By.CSS_SELECTOR, "#gather-reports .reports li").text
    assert f"Poste « {desk} » : {activities} activité(s) ajoutée(s)" in report, report
    row = driver.find_element(By.XPATH, f"//table[@id='gather-desks']//tr[th[normalize-space()='{desk}']]")
    assert row.find_element(By.XPATH, "td[1]").text == str(activities)
    # The state, the gathered desks and the import's outcome, in one window.
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", driver.find_element(By.ID, "gather-state"))
    screenshot(driver, "collecte-activites.png")

    # Reading the folder again changes nothing: the file was already gathered.
    click_button(driver, "Importer maintenant")
    wait(driver).until(
        EC.text_to_be_present_in_element((By.ID, "gather-outcome"), "Aucun fichier nouveau ou modifié")
    )
    assert len(driver.find_elements(By.CSS_SELECTOR, "#gather-desks tbody tr")) == 1

    # Statistiques of the year: that desk alone, this desk alone, and both.
    open_area(driver, "Statistiques")
    Select(wait(driver).until(EC.element_to_be_clickable((By.ID, "stats-span")))).select_by_visible_text("Une année")
    wait(driver).until(EC.text_to_be_present_in_element((By.ID, "stats-title"), "31 décembre 2026"))
    options = [o.text for o in Select(driver.find_element(By.ID, "stats-desk")).options]
    assert options == ["Tous les postes", "Ce poste", desk], options
    theirs = choose_desk(driver, desk, f"poste « {desk} »")
    assert theirs > 0, "the gathered desk's figures are counted"
    assert int(driver.find_element(By.ID, "stats-result").get_attribute("data-people")) > 0
    ours = choose_desk(driver, "Ce poste", "ce poste")
    Select(driver.find_element(By.ID, "stats-desk")).select_by_visible_text("Tous les postes")
    wait(driver).until_not(EC.text_to_be_present_in_element((By.ID, "stats-title"), "ce poste"))
    total = int(driver.find_element(By.ID, "stats-result").get_attribute("data-visits"))
    assert total == ours + theirs, (total, ours, theirs)
    choose_desk(driver, desk, f"poste « {desk} »")
    screenshot(driver, "statistiques-reseau.png")

    # This desk's activities for the Coop, as the spreadsheet the Coop's own export looks like.
    target = save_dir / "coop-numerique_accompagnements_2026-12-01.xlsx"
    target.unlink(missing_ok=True)
    button = driver.find_element(By.XPATH, "//button[normalize-space()='Exporter pour la Coop (.xlsx)']")
    # In the middle of the window: the status toast stands in its bottom corner.
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()
    wait(driver).until(lambda d: "Fichier enregistré" in d.find_element(By.CSS_SELECTOR, ".live-status").text)
    assert "activités" in driver.find_element(By.CSS_SELECTOR, ".live-status").text
    screenshot(driver, "statistiques-export-coop.png")
    book = openpyxl.load_workbook(target, read_only=True)
    assert "Activités" in book.sheetnames, book.sheetnames
