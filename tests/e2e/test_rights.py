"""A followed person asks for their data, then to be erased: the mediator exports it from
their history (the JSON read back by Python's json module), erases them after the
confirmation, and « Statistiques » still counts their visits. Paramètres shows the
retention settings and the purge, with its counts first."""

import json
import sqlite3
import subprocess

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

from conftest import ROOT, screenshot
from test_sites import open_area, wait

CLI = ROOT / "target" / "debug" / "permanences"


def all_time_figures(driver) -> tuple[str, str, str]:
    """People, visits and the Santé theme count from 2000 to 2100 on « Statistiques »."""
    open_area(driver, "Statistiques")
    span = wait(driver).until(EC.element_to_be_clickable((By.ID, "stats-span")))
    Select(span).select_by_value("custom")
    for field, value in (("stats-from", "01/01/2000"), ("stats-to", "31/12/2100")):
        box = wait(driver).until(EC.element_to_be_clickable((By.ID, field)))
        box.clear()
        box.send_keys(value)
    driver.find_element(By.ID, "stats-to").submit()
    result = wait(driver).until(
        lambda d: d.find_element(By.ID, "stats-result")
        if "2000" in d.find_element(By.ID, "stats-title").text
        else False
    )
    return (
        result.get_attribute("data-people"),
        result.get_attribute("data-visits"),
        driver.find_element(By.ID, "table-ages").text if driver.find_elements(By.ID, "table-ages") else "",
    )


def old_appointment(db, name: str) -> None:
    """A named appointment of 2020: far older than the three months names are kept."""
    with sqlite3.connect(db) as c:
        c.execute(
            "INSERT INTO appointments (site_id, start_at, end_at, resident_name, resident_phone, extra, created_at)"
            " VALUES (1, '2020-03-10T13:00:00Z', '2020-03-10T13:30:00Z', ?, '06 00 00 00 00', 1,"
            " '2020-03-01T08:00:00Z')",
            (name,),
        )


def named(db, name: str) -> int:
    with sqlite3.connect(db) as c:
        return c.execute("SELECT count(*) FROM appointments WHERE resident_name = ?", (name,)).fetchone()[0]


def test_export_then_erase_a_followed_person(launch, tmp_path, save_dir):
    db = tmp_path / "rights.sqlite3"
    subprocess.run([str(CLI), "--db", str(db), "demo"], check=True, capture_output=True)
    old_appointment(db, "Ancienne Personne")
    driver = launch(db)
    before = all_time_figures(driver)

    open_area(driver, "Accompagnements")
    person = "//ul[contains(@class, 'people')]/li[strong[text()='DURAND Marie']]"
    wait(driver).until(EC.element_to_be_clickable((By.XPATH, person + "//button"))).click()
    wait(driver).until(EC.visibility_of_element_located((By.ID, "history-title")))
    shown = len(driver.find_elements(By.CSS_SELECTOR, ".card.inset ul.plain li"))

    driver.find_element(By.ID, "rights-export-json").click()
    saved = wait(driver).until(EC.visibility_of_element_located((By.ID, "rights-saved")))
    exported = save_dir / saved.find_element(By.TAG_NAME, "code").text.rsplit("/", 1)[-1]
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["person"]["lastName"] == "Durand" and data["person"]["firstName"] == "Marie"
    assert data["person"]["phone"] == "06 11 22 33 44"
    assert len(data["visits"]) == shown > 0, "the export holds every visit of the history"
    assert all(v["themes"] for v in data["visits"]), "each visit comes with its themes"
    driver.find_element(By.ID, "rights-export-pdf").click()
    wait(driver).until(lambda d: d.find_element(By.ID, "rights-saved").text.endswith(".pdf"))

    driver.find_element(By.ID, "rights-erase").click()
    dialog = wait(driver).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "dialog[open]")))
    assert "Ce qui reste" in dialog.text and f"ses {shown} accompagnements" in dialog.text, dialog.text
    assert driver.switch_to.active_element.get_attribute("id") == "erase-cancel", "the safe choice has focus"
    screenshot(driver, "rights-erase-dialog.png")
    driver.find_element(By.ID, "erase-confirm").click()
    wait(driver).until(EC.invisibility_of_element_located((By.ID, "history-title")))
    wait(driver).until(lambda d: not d.find_elements(By.XPATH, person))  # no longer followed
    with sqlite3.connect(db) as c:
        names = c.execute("SELECT count(*) FROM beneficiaries WHERE last_name = 'Durand'").fetchone()[0]
    assert names == 0

    assert all_time_figures(driver) == before, "their visits still count, as before"

    # The purge ran at start-up: the old appointment's name is gone, and Paramètres says so.
    assert named(db, "Ancienne Personne") == 0
    open_area(driver, "Paramètres")
    last = wait(driver).until(EC.visibility_of_element_located((By.ID, "retention-last")))
    assert "Dernier effacement le" in last.text and "1 rendez-vous" in last.text, last.text
    driver.execute_script("document.getElementById('retention-title').scrollIntoView()")
    screenshot(driver, "retention-settings.png")

    # Another old one (the command line, say, while the app is open): the purge on demand
    # shows its counts first, then erases.
    old_appointment(db, "Autre Ancienne")
    driver.find_element(By.ID, "retention-purge").click()
    due = wait(driver).until(EC.visibility_of_element_located((By.ID, "purge-due")))
    assert "0 personne suivie" in due.text and "1 rendez-vous" in due.text, due.text
    assert named(db, "Autre Ancienne") == 1, "nothing is erased before the confirmation"
    screenshot(driver, "retention-purge-dialog.png")
    driver.find_element(By.ID, "purge-confirm").click()
    wait(driver).until(EC.invisibility_of_element_located((By.CSS_SELECTOR, "dialog[open]")))
    assert named(db, "Autre Ancienne") == 0
