"""The desk books a resident from the agenda, marks them honoured, and a place taken
meanwhile by another desk (the command line) is refused with a French message that offers
the next free slots instead."""

import subprocess

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

from conftest import ROOT, paris_now, screenshot
from test_sites import click_button, create_site, fill, open_area, wait

CLI = ROOT / "target" / "debug" / "permanences"
WEEKDAYS = ["Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche"]


def test_book_from_the_agenda_mark_honoured_and_refuse_a_full_slot(launch, tmp_path):
    db = tmp_path / "agenda.sqlite3"
    driver = launch(db)
    # A new user lands on "Lieux et permanences", told to describe the first place.
    wait(driver).until(EC.text_to_be_present_in_element((By.TAG_NAME, "main"), "Aucun lieu n'est encore enregistré"))

    open_area(driver, "Lieux et permanences")
    create_site(driver, "Centre social du Neudorf")
    click_button(driver, "Ajouter une permanence")
    today = WEEKDAYS[paris_now().weekday()]
    Select(wait(driver).until(EC.element_to_be_clickable((By.ID, "perm-weekday")))).select_by_visible_text(today)
    fill(driver, "perm-startTime", "00:00")
    fill(driver, "perm-endTime", "23:45")
    driver.find_element(By.XPATH, "//label[normalize-space()='sur rendez-vous']/input").click()
    Select(wait(driver).until(EC.element_to_be_clickable((By.ID, "perm-slotMinutes")))).select_by_visible_text("15 minutes")
    click_button(driver, "Enregistrer la permanence")
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".slot-time")))
    today_iso = paris_now().date().isoformat()
    listed = subprocess.run(
        [str(CLI), "--db", str(db), "slots", "--site", "1", "--from", today_iso, "--to", today_iso],
        capture_output=True, text=True, check=True,
    )
    # The pinned day is an ordinary Tuesday (no public holiday): the permanence opens today.
    assert listed.stdout.strip(), f"no slot on {today_iso}"

    open_area(driver, "Agenda")
    # One site: the desk's day, free slots folded into one line whose « Réserver » books the first.
    first = wait(driver).until(EC.element_to_be_clickable((By.XPATH, "(//button[normalize-space()='Réserver'])[1]")))
    slot_start = first.find_element(By.XPATH, "ancestor::li").get_attribute("data-start")
    first.click()
    wait(driver).until(EC.visibility_of_element_located((By.ID, "book-title")))
    fill(driver, "book-residentName", "Léa")
    Select(driver.find_element(By.ID, "book-reason")).select_by_value("caf")
    click_button(driver, "Enregistrer le rendez-vous")
    row_xpath = f"//li[contains(@class, 'appointment')][@data-start='{slot_start}']"
    wait(driver).until(lambda d: d.find_elements(By.XPATH, row_xpath) and "Léa" in d.find_element(By.XPATH, row_xpath).text)
    row = driver.find_element(By.XPATH, row_xpath)
    assert "Prévu" in row.text, row.text
    # The slot is full: the free slots now start after it.
    next_free = driver.find_element(By.CSS_SELECTOR, "li.free-run").get_attribute("data-start")
    assert next_free > slot_start, (next_free, slot_start)

    row.find_element(By.XPATH, ".//button[normalize-space()='Présent']").click()
    wait(driver).until(lambda d: "Présent(e)" in d.find_element(By.XPATH, row_xpath).text)
    screenshot(driver, "agenda.png")

    # Another desk takes the next slot while this one is filling in the dialog.
    second = wait(driver).until(EC.element_to_be_clickable((By.XPATH, "(//button[normalize-space()='Réserver'])[1]")))
    second_start = second.find_element(By.XPATH, "ancestor::li").get_attribute("data-start")
    second.click()
    wait(driver).until(EC.visibility_of_element_located((By.ID, "book-title")))
    fill(driver, "book-residentName", "Omar")
    other = subprocess.run(
        [str(CLI), "--db", str(db), "book", "--site", "1", "--start", second_start],
        capture_output=True, text=True,
    )
    assert other.returncode == 0, f"the command line books beside the open app: {other.stderr}"
    click_button(driver, "Enregistrer le rendez-vous")
    # The refusal says why and, in the same dialog, offers the next free slots (later ones).
    full = wait(driver).until(EC.visibility_of_element_located((By.ID, "book-full")))
    assert "Ce créneau est complet : sa place est déjà prise" in full.text, full.text
    offered = [r.get_attribute("value").split("|")[1] for r in full.find_elements(By.NAME, "book-alt")]
    assert offered and all(o > second_start for o in offered), (offered, second_start)
    screenshot(driver, "agenda-complet.png")
