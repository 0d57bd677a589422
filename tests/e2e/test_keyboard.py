"""Keyboard only, in the real window: a mediator books an appointment from the agenda, then
records the assistance given at an appointment, without touching the mouse. The focus shows at
every stop, each dialog keeps the keyboard in, Escape closes it, and the focus comes back to
the button that opened it.

To add a flow: a new test function that starts the app with `start_on_demo`, then moves with
`kb.tab_to(...)`, `kb.press(Keys.ENTER)`, `kb.type(...)`, checks dialogs with
`kb.assert_trapped()`, and checks the result in the database."""

import sqlite3
import subprocess

from selenium.webdriver.common.keys import Keys

from conftest import ROOT
from keyboard import Keyboard, by_id, by_name
from test_visits import past_appointment_today

CLI = ROOT / "target" / "debug" / "permanences"


def start_on_demo(launch, tmp_path, prepare=None):
    """The app on the demo network (sites, permanences, appointments), focus on the page.
    `prepare(db)` adds to the data before the app starts."""
    db = tmp_path / "clavier.sqlite3"
    subprocess.run([str(CLI), "--db", str(db), "demo"], check=True, capture_output=True)
    if prepare:
        prepare(db)
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


def test_record_a_visit_without_a_mouse(launch, tmp_path):
    driver, kb, db = start_on_demo(launch, tmp_path, prepare=past_appointment_today)

    kb.press(Keys.TAB)
    kb.press(Keys.ENTER)
    # Léa's block in the day's grid opens her appointment; « Noter l'accompagnement » is
    # under « Autres actions » while she is still « Prévu ».
    block = lambda f: f["tag"] == "button" and f["name"].startswith(tuple("0123456789")) and "Léa" in f["name"]  # noqa: E731
    kb.tab_to(block, limit=80)

    def open_visit_form():
        kb.press(Keys.ENTER)
        kb.wait_focus(lambda f: f["inDialog"])
        kb.tab_to(lambda f: f["name"].startswith("Léa") and f["name"].endswith("autres actions"), limit=10)
        kb.press(Keys.ENTER)
        kb.tab_to(lambda f: f["name"].startswith("Léa") and "noter l'accompagnement" in f["name"], limit=10)
        kb.press(Keys.ENTER)
        return kb.wait_focus(by_id("visit-who-0"))

    # The visit form opens on its first question, « Anonyme » / « Personne suivie », keeps the
    # keyboard in, and Escape gives the focus back to the appointment's block.
    focus = open_visit_form()
    assert focus["id"] == "visit-who-0", focus
    assert not driver.execute_script("return document.activeElement.checked"), "nothing answered for the mediator"
    kb.assert_trapped()
    focus = kb.press(Keys.ESCAPE)
    assert not focus["dialogOpen"], "Escape closes the visit form"
    assert block(kb.wait_focus(block)), "the focus comes back to the appointment"

    # Again: « Anonyme » and « E-mail » with the space bar, who helped with the arrows, save.
    open_visit_form()
    kb.press(Keys.SPACE)
    assert driver.execute_script("return document.activeElement.checked"), "the space bar answers « Anonyme »"
    kb.tab_to(by_name("E-mail"), limit=40)
    focus = kb.press(Keys.SPACE)
    assert driver.execute_script("return document.activeElement.checked"), focus
    kb.tab_to(by_id("visit-mediatorId"), limit=60)
    kb.press(Keys.ARROW_DOWN)
    mediator = driver.execute_script("return document.getElementById('visit-mediatorId').value")
    assert mediator != "", "the arrow keys choose who helped"
    kb.tab_to(by_name("Enregistrer l'accompagnement"), limit=60)
    kb.press(Keys.ENTER)

    # Back on Léa's block, where the person was (issue 27: the confirmation is said there).
    focus = kb.wait_focus(lambda f: not f["dialogOpen"] and block(f))
    kb.assert_visible(focus)
    status = driver.execute_script("return document.querySelector('.live-status').textContent")
    assert "Accompagnement du" in status and "enregistré" in status, status
    said = driver.execute_script(
        "const d = document.activeElement.getAttribute('aria-describedby');"
        "return d ? d.split(' ').map(i => document.getElementById(i)?.textContent ?? '').join(' ') : ''"
    )
    assert "Accompagnement du" in said, f"the confirmation is the focused block's description: {said!r}"

    with sqlite3.connect(db) as conn:
        visits = conn.execute(
            "SELECT v.mediator_id, a.status, group_concat(t.code, ' ') FROM visits v"
            " JOIN appointments a ON a.id = v.appointment_id"
            " JOIN visit_terms vt ON vt.visit_id = v.id JOIN terms t ON t.id = vt.term_id"
            " WHERE a.resident_name = 'Léa' GROUP BY v.id"
        ).fetchall()
    assert len(visits) == 1, f"one visit recorded for Léa's appointment: {visits}"
    mediator_id, status, codes = visits[0]
    assert (mediator_id, status) == (int(mediator), "honoured"), visits
    assert set(codes.split()) >= {"email", "aide_aux_demarches_administratives"}, codes
