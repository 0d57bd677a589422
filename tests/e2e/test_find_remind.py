"""Find and remind, in the real window: a resident phones, the desk finds the appointment by
phone (typed the international way) and ticks « Prévenu(e) », keyboard only; the tick is in
the database and shows again in « À prévenir ». Then a slot that filled up while the booking
dialog was open: the refusal offers the next free slots and puts the person on the waiting
list from the same dialog."""

import json
import sqlite3
import subprocess

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from conftest import ROOT, screenshot
from keyboard import Keyboard, by_id, by_name

CLI = ROOT / "target" / "debug" / "permanences"
PHONE = "07 12 34 56 78"


def cli(db, *args) -> str:
    out = subprocess.run([str(CLI), "--db", str(db), *args], check=True, capture_output=True, text=True)
    return out.stdout


def start(launch, tmp_path, prepare=None):
    db = tmp_path / "rappels.sqlite3"
    cli(db, "demo")
    if prepare:
        prepare(db)
    driver = launch(db)
    kb = Keyboard(driver)
    kb.wait_focus(lambda f: driver.execute_script("return !!document.getElementById('find-text')"))
    return driver, kb, db


def book_zoe_on_the_next_open_day(db) -> int:
    """Zoé, with a phone, in the first free appointment slot of the next open day (the first
    day after today that has any slot: the day « À prévenir » opens on)."""
    slots = [json.loads(line) for line in cli(db, "slots", "--from", "2026-12-02", "--to", "2026-12-15").splitlines()]
    day = slots[0]["start"][:10]
    free = next(
        s for s in slots
        if s["start"][:10] == day and s["kind"] != "drop_in" and s["booked"] < s["capacity"]
    )
    cli(db, "book", "--site", str(free["siteId"]), "--start", free["start"], "--name", "Zoé", "--phone", PHONE)
    found = json.loads(cli(db, "find", PHONE, "--json").splitlines()[0])
    return found["id"]


def reminded(db, appointment_id: int) -> bool:
    with sqlite3.connect(db) as c:
        (at,) = c.execute("SELECT reminded_at FROM appointments WHERE id = ?", (appointment_id,)).fetchone()
    return at is not None


def test_find_by_phone_and_tick_reminded_without_a_mouse(launch, tmp_path):
    zoe = {}
    driver, kb, db = start(launch, tmp_path, lambda db: zoe.setdefault("id", book_zoe_on_the_next_open_day(db)))
    appointment = zoe["id"]

    kb.press(Keys.TAB)
    kb.press(Keys.ENTER)  # the skip link: past the navigation
    kb.tab_to(by_id("find-text"), limit=10)
    kb.type("+33 7 12 34 56 78")
    kb.press(Keys.ENTER)

    focus = kb.wait_focus(lambda f: f["inDialog"])
    assert focus["id"] == "find-summary", focus
    summary = driver.find_element(By.ID, "find-summary").text
    assert "1 rendez-vous trouvé" in summary, summary
    result = driver.find_element(By.CSS_SELECTOR, ".find-results li").text
    assert "Zoé" in result and PHONE in result, result
    kb.assert_trapped(presses=8)

    box = f"find-reminded-{appointment}"
    kb.tab_to(by_id(box), limit=10)
    kb.press(Keys.SPACE)
    WebDriverWait(driver, 10).until(lambda d: reminded(db, appointment))
    screenshot(driver, "retrouver-un-rendez-vous.png")
    focus = kb.press(Keys.ESCAPE)
    assert not focus["dialogOpen"], "Escape closes the results"

    # « À prévenir » opens on the next open day: Zoé is there, already ticked.
    kb.wait_focus(lambda f: not f["dialogOpen"])
    kb.tab_to(by_id("remind-open"), limit=15)
    kb.press(Keys.ENTER)
    kb.wait_focus(by_id("remind-summary"))
    done = f"remind-done-{appointment}"
    assert driver.find_element(By.ID, done).is_selected(), "the tick is stored, and shown again"
    text = driver.find_element(By.ID, f"remind-text-{appointment}").get_attribute("value")
    assert text.startswith("Bonjour Zoé, nous vous rappelons votre rendez-vous le "), text
    assert " h" in text and "67" in text, f"the hour and the address: {text}"
    screenshot(driver, "a-prevenir.png")

    # Unticking undoes it, in the database too.
    kb.tab_to(by_id(done), limit=40)
    kb.press(Keys.SPACE)
    WebDriverWait(driver, 10).until(lambda d: not reminded(db, appointment))
    kb.tab_to(by_name("Fermer"), limit=10)
    focus = kb.press(Keys.ENTER)
    assert kb.wait_focus(by_id("remind-open"))["id"] == "remind-open", "the focus comes back"


def test_a_full_slot_refusal_puts_the_person_on_the_waiting_list(launch, tmp_path):
    driver, kb, db = start(launch, tmp_path)

    kb.press(Keys.TAB)
    kb.press(Keys.ENTER)
    kb.tab_to(by_id("agenda-find"), limit=10)
    kb.press(Keys.ENTER)
    kb.wait_focus(by_id("book-reason"))
    kb.tab_to(by_name("Chercher les prochains créneaux libres"), limit=10)
    kb.press(Keys.ENTER)
    kb.wait_focus(by_id("book-choice-0"))
    chosen = driver.execute_script("return document.querySelector('input[name=book-choice]:checked').value")
    site, start_at = chosen.split("|")

    # Meanwhile, another desk fills that slot.
    for _ in range(10):
        out = subprocess.run(
            [str(CLI), "--db", str(db), "book", "--site", site, "--start", start_at],
            capture_output=True,
            text=True,
        )
        if out.returncode != 0:
            assert "complet" in out.stderr, out.stderr
            break

    kb.tab_to(by_id("book-residentName"), limit=10)
    kb.type("Inès")
    kb.tab_to(by_id("book-residentPhone"), limit=3)
    kb.type("06 55 44 33 22")
    kb.press(Keys.ENTER)

    focus = kb.wait_focus(by_id("book-full"))
    full = driver.find_element(By.ID, "book-full").text
    assert "Ce créneau est complet" in full, full
    alternatives = driver.find_elements(By.CSS_SELECTOR, "input[name=book-alt]")
    assert 1 <= len(alternatives) <= 3, "the next free slots are offered instead"
    assert all(a.get_attribute("value") != chosen for a in alternatives), "not the full one"
    screenshot(driver, "creneau-complet.png")

    kb.tab_to(by_name("Inscrire sur la liste d'attente"), limit=10)
    kb.press(Keys.ENTER)
    focus = kb.wait_focus(lambda f: not f["dialogOpen"])
    status = driver.execute_script("return document.querySelector('.live-status').textContent")
    assert "Inès est sur la liste d'attente" in status, status
    with sqlite3.connect(db) as c:
        rows = c.execute(
            "SELECT site_id, contact FROM waiting_list WHERE name = 'Inès' AND resolved_at IS NULL"
        ).fetchall()
    assert rows == [(int(site), "06 55 44 33 22")], rows
    WebDriverWait(driver, 10).until(
        lambda d: "Inès" in d.find_element(By.ID, "waiting-title").find_element(By.XPATH, "..").text
    )
