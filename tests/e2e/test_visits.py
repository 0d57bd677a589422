"""A mediator opens a past appointment of the day in the agenda, records the visit with two
themes, and the month's statistics change; the CSV export reads back in a spreadsheet's
terms with its accents."""

import csv
import datetime
import sqlite3
import subprocess

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

from conftest import ROOT, paris_now, screenshot
from test_sites import open_area, wait

CLI = ROOT / "target" / "debug" / "permanences"


def past_appointment_today(db) -> None:
    """An appointment for Léa that started earlier today (the app only books future ones)."""
    paris = paris_now().replace(second=0, microsecond=0)
    now = paris.astimezone(datetime.timezone.utc)
    paris_midnight = paris.replace(hour=0, minute=0)
    start = max(now - datetime.timedelta(minutes=60), paris_midnight.astimezone(datetime.timezone.utc))
    fmt = "%Y-%m-%dT%H:%M:%SZ"
    with sqlite3.connect(db) as c:
        c.execute(
            "INSERT INTO appointments (site_id, start_at, end_at, resident_name, reason, extra, created_at)"
            " VALUES (1, ?, ?, 'Léa', 'caf', 1, ?)",
            (start.strftime(fmt), (start + datetime.timedelta(minutes=30)).strftime(fmt), now.strftime(fmt)),
        )


def month_figures(driver) -> tuple[int, int]:
    """Visits and e-mail theme count of the month on the "Statistiques" screen."""
    open_area(driver, "Statistiques")
    result = wait(driver).until(EC.presence_of_element_located((By.ID, "stats-result")))
    email = driver.find_elements(By.CSS_SELECTOR, "#table-themes tr[data-code='email'] td")
    return int(result.get_attribute("data-visits")), int(email[0].text) if email else 0


def test_record_a_visit_from_an_appointment_and_see_the_statistics_change(launch, tmp_path):
    db = tmp_path / "visits.sqlite3"
    subprocess.run([str(CLI), "--db", str(db), "demo"], check=True, capture_output=True)
    past_appointment_today(db)
    driver = launch(db)
    visits_before, email_before = month_figures(driver)

    open_area(driver, "Agenda")
    # The site's day at the desk: Léa's line, « Noter l'accompagnement » under « Autres actions ».
    Select(wait(driver).until(EC.element_to_be_clickable((By.ID, "agenda-site")))).select_by_visible_text(
        "Médiathèque Olympe de Gouges"
    )
    wait(driver).until(
        EC.element_to_be_clickable((By.XPATH, "//button[starts-with(@aria-label, 'Léa') and contains(@aria-label, 'autres actions')]"))
    ).click()
    record = wait(driver).until(
        EC.element_to_be_clickable(
            (By.XPATH, "//button[starts-with(@aria-label, 'Léa') and contains(@aria-label, 'noter')]")
        )
    )
    record.click()
    wait(driver).until(EC.visibility_of_element_located((By.ID, "visit-title")))
    # The appointment's reason (CAF) pre-ticked "Aide aux démarches administratives"; add E-mail.
    ticked = driver.execute_script(
        "return [...document.querySelectorAll('input[id^=\"visit-themes-\"]')]"
        ".filter((i) => i.checked).map((i) => i.parentElement.textContent.trim());"
    )
    assert ticked == ["Aide aux démarches administratives"], ticked
    driver.find_element(By.ID, "visit-who-0").click()  # « Anonyme »: the form's first question
    driver.find_element(By.XPATH, "//label[normalize-space()='E-mail']/input").click()
    driver.find_element(By.XPATH, "//label[normalize-space()='Autonome']/input").click()
    Select(driver.find_element(By.ID, "visit-mediatorId")).select_by_visible_text("Samia Benali")
    screenshot(driver, "visit-dialog.png")
    driver.find_element(By.XPATH, "//button[normalize-space()=\"Enregistrer l'accompagnement\"]").click()
    item = "//li[contains(@class, 'appointment')][.//span[contains(concat(' ', @class, ' '), ' who ') and text()='Léa']]"
    wait(driver).until(lambda d: "accompagnement noté" in d.find_element(By.XPATH, item).text)
    assert "Présent(e)" in driver.find_element(By.XPATH, item).text, "recording the visit marks the appointment honoured"

    visits_after, email_after = month_figures(driver)
    assert (visits_after, email_after) == (visits_before + 1, email_before + 1)
    screenshot(driver, "statistics.png")
    open_area(driver, "Accompagnements")
    wait(driver).until(EC.presence_of_element_located((By.ID, "visit-list")))
    first_row = driver.find_element(By.CSS_SELECTOR, "#visit-list tbody tr")
    assert "E-mail" in first_row.text and "Anonyme" in first_row.text, first_row.text
    screenshot(driver, "accompagnements.png")

    # The month's CSV, read as a French spreadsheet reads it.
    today = paris_now().date()
    out = tmp_path / "visites.csv"
    subprocess.run(
        [str(CLI), "--db", str(db), "stats", "--from", today.replace(day=1).isoformat(), "--to", today.isoformat(),
         "--csv", "-o", str(out)],
        check=True, capture_output=True,
    )
    with open(out, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f, delimiter=";"))
    ours = [r for r in rows if r["Rendez-vous"]]
    assert len(ours) == 1, rows[-3:]
    assert ours[0]["Thématiques"] == "E-mail, Aide aux démarches administratives"  # report order
    assert ours[0]["Autonomie"] == "Autonome"
    assert ours[0]["Type de lieu"] == "Lieu d’activité"
    assert "Léa" not in out.read_text(encoding="utf-8"), "an anonymous visit never carries the appointment's name"
