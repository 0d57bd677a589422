"""Keyboard only, in the real window: a mediator books an appointment from the agenda without
touching the mouse. The focus shows at every stop, the dialog keeps the keyboard in, Escape
closes it, and the focus comes back to the button that opened it.

To add a flow (for instance recording a visit): a new test function that starts the app with
`start_on_demo`, then moves with `kb.tab_to(...)`, `kb.press(Keys.ENTER)`, `kb.type(...)`,
checks dialogs with `kb.assert_trapped()`, and checks the result in the database."""

import sqlite3
import subprocess

from selenium.webdriver.common.keys import Keys

from conftest import ROOT
from keyboard import Keyboard, by_id, by_name

CLI = ROOT / "target" / "debug" / "permanences"


def start_on_demo(launch, tmp_path):
    """The app on the demo network (sites, permanences, appointments), focus on the page."""
    db = tmp_path / "clavier.sqlite3"
    subprocess.run([str(CLI), "--db", str(db), "demo"], check=True, capture_output=True)
    driver = launch(db)
    kb = Keyboard(driver)
    kb.wait_focus(lambda f: driver.execute_script("return !!document.getElementById('agenda-find')"))
    return driver, kb, db


def test_book_an_appointment_without_a_mouse(launch, tmp_path):
    driver, kb, db = start_on_demo(launch, tmp_path)

    # The first TAB reaches the skip link, which takes the keyboard past the navigation.
    skip = kb.press(Keys.TAB)
    assert skip["name"] == "Aller au contenu", skip
    kb.assert_visible(skip)
    kb.press(Keys.ENTER)
    kb.tab_to(by_id("agenda-find"), limit=5)

    # The dialog takes the focus, keeps it, and Escape gives it back to the opener.
    focus = kb.press(Keys.ENTER)
    focus = kb.wait_focus(lambda f: f["inDialog"])
    assert focus["id"] == "book-reason", focus
    kb.assert_trapped()
    focus = kb.press(Keys.ESCAPE)
    assert not focus["dialogOpen"], "Escape closes the dialog"
    assert kb.wait_focus(by_id("agenda-find"))["id"] == "agenda-find"

    # Again, and this time book: a reason picked with the arrows, the next free slots, the
    # second one chosen with the arrows, a first name, ENTER.
    kb.press(Keys.ENTER)
    kb.wait_focus(by_id("book-reason"))
    kb.press(Keys.ARROW_DOWN)
    reason = driver.execute_script("return document.getElementById('book-reason').value")
    assert reason != "", "the arrow keys choose a reason in the list"
    kb.tab_to(by_name("Chercher les prochains créneaux libres"), limit=10)
    kb.press(Keys.ENTER)
    kb.wait_focus(by_id("book-choice-0"))
    focus = kb.press(Keys.ARROW_DOWN)
    assert focus["id"] == "book-choice-1", f"the arrows move in the list of slots: {focus}"
    chosen = driver.execute_script(
        "return document.querySelector('input[name=book-choice]:checked').value"
    )
    kb.tab_to(by_id("book-residentName"), limit=10)
    kb.type("Léa K.")
    kb.press(Keys.ENTER)

    focus = kb.wait_focus(lambda f: not f["dialogOpen"])
    assert focus["id"] == "agenda-find", f"the focus comes back to the opener: {focus}"
    kb.assert_visible(focus)
    status = driver.execute_script("return document.querySelector('.live-status').textContent")
    assert "Rendez-vous enregistré" in status, status

    site, start = chosen.split("|")
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT site_id, reason FROM appointments WHERE resident_name = 'Léa K.'"
        ).fetchall()
    assert rows == [(int(site), reason)], f"one appointment, at the chosen site, for the reason: {rows}"
