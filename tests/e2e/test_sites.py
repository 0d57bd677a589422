"""A mediator creates a site and its permanence, quits, comes back, and finds them."""

import subprocess
import warnings

from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import ROOT, screenshot

# WebDriver reports rendered text, where the core's non-breaking spaces read as plain ones.
HOURS = "14 h – 17 h"


def wait(driver, seconds=15):
    return WebDriverWait(driver, seconds)


def fill(driver, element_id: str, text: str) -> None:
    field = wait(driver).until(EC.element_to_be_clickable((By.ID, element_id)))
    field.clear()
    field.send_keys(text)


def click_button(driver, label: str) -> None:
    xpath = f"//button[normalize-space()='{label}']"
    button = wait(driver).until(EC.element_to_be_clickable((By.XPATH, xpath)))
    # WebKitWebDriver does not scroll a long dialog's content to a button below its fold (it
    # answers « not interactable »): brought to the middle first, as a person scrolls.
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", button)
    button.click()


SHOWN_AREA = "return document.querySelector('nav button[aria-current=page]')?.textContent.trim() ?? null"


def open_area(driver, label: str) -> None:
    """Opens a section from the navigation and waits until it shows something, as a person
    sees it. A click the page never got (the section shown did not change at all) is made
    again once, with a warning in pytest's summary: it says nothing about the page. A section
    whose code could not be loaded (« Cet écran n'a pas pu s'ouvrir ») fails here, by name."""
    xpath = f"//nav//button[normalize-space()='{label}']"
    before = driver.execute_script(SHOWN_AREA)
    for attempt in (1, 2):
        wait(driver).until(EC.element_to_be_clickable((By.XPATH, xpath))).click()
        try:
            wait(driver, 5).until(lambda d: d.execute_script(SHOWN_AREA) == label)
            break
        except TimeoutException:
            shown = driver.execute_script(SHOWN_AREA)
            if attempt == 2 or shown != before:
                raise AssertionError(f"« {label} » clicked: the section shown is « {shown} »") from None
            warnings.warn(f"a click on « {label} » never reached the page (still on « {shown} »): clicked again")
    # The section's code is loaded the first time it opens: its screen, or the refusal.
    shows = "return document.querySelector('#main > :not(.loading)') !== null"
    wait(driver).until(lambda d: d.execute_script(shows), f"« {label} »: nothing shown in 15 s")
    fatal = driver.find_elements(By.CSS_SELECTOR, "#main .fatal")
    assert not fatal, f"« {label} »: {fatal[0].text}"


def create_site(driver, name: str) -> None:
    click_button(driver, "Ajouter un lieu")
    fill(driver, "site-name", name)
    fill(driver, "site-address", "3 rue Kuhn")
    fill(driver, "site-postcode", "67000")
    fill(driver, "site-city", "Strasbourg")
    click_button(driver, "Enregistrer le lieu")
    wait(driver).until(EC.text_to_be_present_in_element((By.ID, "site-title"), name))


def add_permanence(driver, weekday: str, start: str, end: str) -> None:
    click_button(driver, "Ajouter une permanence")
    Select(wait(driver).until(EC.element_to_be_clickable((By.ID, "perm-weekday")))).select_by_visible_text(weekday)
    fill(driver, "perm-startTime", start)
    fill(driver, "perm-endTime", end)
    click_button(driver, "Enregistrer la permanence")


def test_site_and_permanence_survive_a_restart(launch, tmp_path):
    db = tmp_path / "permanences.sqlite3"
    driver = launch(db)
    open_area(driver, "Lieux et permanences")
    # A new user is told what to do first.
    wait(driver).until(EC.text_to_be_present_in_element((By.TAG_NAME, "main"), "Aucun lieu n'est encore enregistré"))
    create_site(driver, "Médiathèque Olympe de Gouges")
    add_permanence(driver, "Mardi", "14:00", "17:00")
    wait(driver).until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, ".slot-time"), HOURS))
    driver.quit()

    again = launch(db)
    open_area(again, "Lieux et permanences")
    wait(again).until(EC.text_to_be_present_in_element((By.ID, "site-title"), "Médiathèque Olympe de Gouges"))
    listed = [e.text for e in again.find_elements(By.CSS_SELECTOR, ".site-item .site-name")]
    assert listed == ["Médiathèque Olympe de Gouges"], f"the site list after restart was {listed}"
    slot = wait(again).until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".slot-time")))
    assert slot.text == HOURS, f"the permanence after restart reads {slot.text!r}"
    day = slot.find_element(By.XPATH, "ancestor::li[contains(@class,'day')]/h4")
    assert day.text == "Mardi", "the permanence is shown under its weekday"
    screenshot(again, "lieux-et-permanences.png")


def test_an_overlapping_permanence_gets_a_french_message(launch, tmp_path):
    driver = launch(tmp_path / "permanences.sqlite3")
    open_area(driver, "Lieux et permanences")
    create_site(driver, "Centre social du Neudorf")
    add_permanence(driver, "Mardi", "14:00", "17:00")
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".slot-time")))
    add_permanence(driver, "Mardi", "15h", "18h")
    alert = wait(driver).until(EC.visibility_of_element_located((By.ID, "perm-error")))
    assert "Rien n'a été enregistré" in alert.text, alert.text
    message = driver.find_element(By.ID, "perm-startTime-error").text
    assert "chevauche celle du mardi 14 h – 17 h" in message, message
    start = driver.find_element(By.ID, "perm-startTime")
    assert start.get_attribute("aria-invalid") == "true", "the field at fault is marked for screen readers"
    assert "perm-startTime-error" in start.get_attribute("aria-describedby"), "and its message is tied to it"
    assert driver.switch_to.active_element == start, "focus moves to the field at fault"
    assert len(driver.find_elements(By.CSS_SELECTOR, ".slot-time")) == 1, "nothing was added"
    screenshot(driver, "chevauchement.png")


def test_an_unreadable_database_is_explained_not_crashed(launch, tmp_path):
    db = tmp_path / "abime.sqlite3"
    db.write_bytes(b"ceci n'est pas une base" * 200)
    driver = launch(db)
    alert = wait(driver).until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".fatal")))
    assert "Vos données ne peuvent pas être ouvertes" in alert.text, alert.text
    assert str(db) in alert.text, "the file at fault is named"
    assert db.read_bytes() == b"ceci n'est pas une base" * 200, "the file is left untouched"


def test_the_demo_network_is_shown(launch, tmp_path):
    db = tmp_path / "demo.sqlite3"
    cli = ROOT / "target" / "debug" / "permanences"
    seeded = subprocess.run([str(cli), "--db", str(db), "demo"], capture_output=True, text=True, check=True)
    assert "5 lieux" in seeded.stdout, seeded.stdout
    driver = launch(db)
    open_area(driver, "Lieux et permanences")
    wait(driver).until(EC.presence_of_element_located((By.ID, "site-title")))
    names = [e.text for e in driver.find_elements(By.CSS_SELECTOR, ".site-item .site-name")]
    assert len(names) == 5 and "Médiathèque Olympe de Gouges" in names, names
    # Open the site with the busiest week, as a mediator would.
    driver.find_element(By.XPATH, "//button[contains(@class,'site-item')][contains(., 'France Services Hautepierre')]").click()
    wait(driver).until(EC.text_to_be_present_in_element((By.ID, "site-title"), "France Services Hautepierre"))
    slots = driver.find_elements(By.CSS_SELECTOR, ".slot-time")
    assert len(slots) == 3, [s.text for s in slots]
    screenshot(driver, "reseau-exemple.png")
    open_area(driver, "Agenda")
    wait(driver).until(EC.element_to_be_clickable((By.XPATH, "//label[normalize-space()='Semaine']/input"))).click()
    wait(driver).until(EC.text_to_be_present_in_element((By.ID, "agenda-title"), "Semaine du"))
    days = driver.find_elements(By.CSS_SELECTOR, ".agenda-day h3")
    assert len(days) == 7, [d.text for d in days]
    screenshot(driver, "agenda-semaine.png")
