"""Where the keyboard focus is, as a screen reader hears it, in the real window: real key
presses through X (xdotool), the focused object read over AT-SPI. A dialog takes the focus,
keeps Tab inside and gives it back on Escape; a refused booking puts the focus on its message;
a change of screen on the main landmark, named after the screen. (Tab all round the agenda,
never leaving the page nor stopping on something nameless: test_screens.py walks it, on
« Agenda : un jour du réseau ».)"""

import time

import pytest
from conftest import Reader, app_pid
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

ACTIONABLE = {"push button", "toggle button", "check box", "radio button", "combo box", "entry", "password text",
              "spin button", "link"}


def in_dialog(focus: dict) -> str | None:
    """The name of the dialog the focused object is in, if any."""
    return next((name for role, name in focus["ancestors"] if role == "dialog"), None)


def in_page(focus: dict) -> bool:
    return focus["role"] == "document web" or any(role == "document web" for role, _ in focus["ancestors"])


def said(focus: dict | None) -> str:
    """How the focused object would be announced, for assertion messages."""
    if focus is None:
        return "(nothing has the focus)"
    return f"{focus['name'] or focus['text']!r} {focus['role']}" + (f" — {focus['description']}" if focus["description"] else "")


@pytest.fixture
def window(launch, demo_db, display):
    driver = launch(demo_db)
    WebDriverWait(driver, 20).until(lambda d: d.execute_script("return !!document.getElementById('agenda-find')"))
    reader = Reader(app_pid(demo_db), display)
    reader.take_keyboard()
    return driver, reader


def focus_on(driver, xpath: str) -> None:
    """Puts the page's focus on an element (where a person would have tabbed to)."""
    el = driver.find_element(By.XPATH, xpath)
    driver.execute_script("arguments[0].focus()", el)


def tab_walk(reader: Reader, presses: int, where) -> list[str]:
    """Presses Tab `presses` times; returns the problems met at each stop."""
    problems = []
    for i in range(presses):
        reader.key("Tab")
        f = reader.focus(settle=0.15)
        if f is None or not in_page(f):
            problems.append(f"stop {i + 1}: outside the page: {said(f)}")
        elif f["role"] in ACTIONABLE and not f["name"].strip():
            problems.append(f"stop {i + 1}: a {f['role']} without a name")
        elif (msg := where(f)) is not None:
            problems.append(f"stop {i + 1}: {said(f)}: {msg}")
    return problems


def test_a_dialog_is_named_keeps_tab_and_gives_the_focus_back(window):
    driver, reader = window
    focus_on(driver, "//button[normalize-space()='Prendre un rendez-vous']")
    reader.key("Return")
    first = reader.focus(settle=0.6)
    assert first is not None and in_dialog(first) == "Prendre un rendez-vous", f"focus after opening: {said(first)}"
    stops = driver.execute_script(
        "return [...document.querySelectorAll('dialog[open] :is(button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea)')]"
        ".filter(e => e.getClientRects().length).length")
    problems = tab_walk(reader, stops + 2, lambda f: None if in_dialog(f) == "Prendre un rendez-vous" else "outside the dialog")
    assert not problems, "\n".join(problems)
    reader.key("Escape")
    back = reader.focus(settle=0.6)
    assert back is not None and back["role"] == "push button" and back["name"] == "Prendre un rendez-vous", (
        f"focus after Escape: {said(back)}")


def test_a_refused_booking_puts_the_focus_on_its_message(window):
    driver, reader = window
    focus_on(driver, "//button[normalize-space()='Prendre un rendez-vous']")
    reader.key("Return")
    reader.focus(settle=0.6)
    focus_on(driver, "//dialog//button[normalize-space()='Enregistrer le rendez-vous']")
    reader.key("Return")
    f = reader.focus(settle=0.6)
    assert f is not None and f["role"] == "notification", f"focus after the refusal: {said(f)}"
    assert "Choisissez d'abord un créneau" in f["text"], said(f)
    assert in_dialog(f) == "Prendre un rendez-vous", "the message is the dialog's"


def test_a_change_of_screen_puts_the_focus_on_the_landmark_named_after_it(window):
    driver, reader = window
    focus_on(driver, "//nav//button[normalize-space()='Accompagnements']")
    reader.key("Return")
    f = reader.focus(settle=0.8)
    assert f is not None and f["role"] == "landmark" and f["name"] == "Accompagnements", f"focus after the move: {said(f)}"
    focus_on(driver, "//nav//button[normalize-space()='Accompagnements']")
    time.sleep(0.2)
    current = reader.focus()
    assert current is not None and current["description"] == "section affichée", (
        f"the current section says so: {said(current)}")
