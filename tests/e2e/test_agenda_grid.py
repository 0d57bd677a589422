"""The agenda at a glance, in the real window at 1366×768 on the demo network: the busiest
site's week shows every appointment without scrolling the page, a day with 12 appointments
shows all 12, booking from the grid is one click, a name and ENTER; and with the keyboard
only, a mediator books from the week grid and marks the person « Présent »."""

import datetime
import json
import sqlite3
import subprocess
from contextlib import closing

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

from conftest import ROOT, screenshot
from keyboard import Keyboard, by_id
from test_sites import click_button, open_area, wait

CLI = ROOT / "target" / "debug" / "permanences"
NAMES = ["Amina", "Bruno", "Chloé", "Driss", "Élise", "Farid", "Gaëlle", "Hugo", "Inès", "Jules", "Katia", "Léon"]
REASONS = ["caf", "ameli", "impots", "email", "smartphone", "france_travail"]

# Where every element of a kind is, and whether the page itself was scrolled.
RECTS = """
const rects = [...document.querySelectorAll(arguments[0])].map((el) => {
  const r = el.getBoundingClientRect();
  return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, text: el.textContent.trim().replace(/\\s+/g, ' ') };
});
return { rects, height: window.innerHeight, width: window.innerWidth, scrollY: window.scrollY,
  scrollable: document.scrollingElement.scrollHeight > document.scrollingElement.clientHeight };
"""


def fill_day(db, site: int, day: str) -> int:
    """Books every place left at `site` on `day` (YYYY-MM-DD), as the command line does."""
    listed = subprocess.run(
        [str(CLI), "--db", str(db), "slots", "--site", str(site), "--from", day, "--to", day],
        capture_output=True, text=True, check=True,
    )
    booked = 0
    for line in listed.stdout.splitlines():
        slot = json.loads(line)
        for _ in range(slot["capacity"] - slot["booked"]):
            subprocess.run(
                [str(CLI), "--db", str(db), "book", "--site", str(site), "--start", slot["start"],
                 "--name", NAMES[booked % len(NAMES)], "--reason", REASONS[booked % len(REASONS)]],
                capture_output=True, text=True, check=True,
            )
            booked += 1
    return booked


def one(db, sql: str, params: tuple = ()):
    """One row, through a connection closed at once: a reader left open until the garbage
    collector comes could close last, beside the app, and take the database's WAL with it."""
    with closing(sqlite3.connect(db)) as c:
        return c.execute(sql, params).fetchone()


def appointments(db, site: int, start: str, end: str) -> int:
    """Appointments of a site between two UTC dates (cancelled ones too: the grid shows them)."""
    return one(
        db,
        "SELECT count(*) FROM appointments WHERE site_id = ? AND start_at >= ? AND start_at < ?",
        (site, f"{start}T00:00:00Z", f"{end}T00:00:00Z"),
    )[0]


def busiest_site(db, start: str, end: str) -> int:
    return one(
        db,
        "SELECT site_id FROM appointments WHERE start_at >= ? AND start_at < ?"
        " GROUP BY site_id ORDER BY count(*) DESC, site_id LIMIT 1",
        (f"{start}T00:00:00Z", f"{end}T00:00:00Z"),
    )[0]


def assert_all_in_view(driver, selector: str, expected: int, what: str) -> None:
    seen = driver.execute_script(RECTS, selector)
    rects = seen["rects"]
    assert len(rects) == expected, f"{what}: {expected} expected, {len(rects)} drawn: {[r['text'] for r in rects]}"
    assert seen["scrollY"] == 0, f"{what}: the page was scrolled"
    outside = [r for r in rects if r["top"] < 0 or r["bottom"] > seen["height"] or r["right"] > seen["width"]]
    assert not outside, f"{what}: outside the {seen['width']}×{seen['height']} window without scrolling: {outside}"


def show_week(driver, site_name: str) -> None:
    """One site's week grid, once it is drawn (not the grid it replaces)."""
    Select(wait(driver).until(EC.element_to_be_clickable((By.ID, "agenda-site")))).select_by_visible_text(site_name)
    driver.find_element(By.CSS_SELECTOR, "input[name=agenda-span][value=week]").click()
    caption = site_name.replace('"', '\\"')
    # The week's own grid: until the week's answer comes, the day's data is drawn as a grid of
    # that site under the day's title, and a free slot found in it is gone a moment later.
    wait(driver).until(EC.presence_of_element_located(
        (By.CSS_SELECTOR, f'.agenda-grid[aria-label^="Semaine du "][aria-label$=", {caption}"]')))


def site_name(db, site: int) -> str:
    return one(db, "SELECT name FROM sites WHERE id = ?", (site,))[0]


def test_the_busiest_week_and_a_full_day_fit_the_window_and_booking_is_one_click(launch, tmp_path):
    db = tmp_path / "grille.sqlite3"
    subprocess.run([str(CLI), "--db", str(db), "demo"], check=True, capture_output=True)
    # A busier week than the demo's: the Thursday of this week and the Monday after, full.
    fill_day(db, 2, "2026-12-03")
    fill_day(db, 2, "2026-12-07")
    site = busiest_site(db, "2026-11-30", "2026-12-07")
    name = site_name(db, site)
    other = site_name(db, 3)
    this_week = appointments(db, site, "2026-11-30", "2026-12-07")
    before = appointments(db, 3, "2026-12-01", "2027-01-01")
    monday = appointments(db, site, "2026-12-07", "2026-12-08")
    assert monday == 12, monday
    assert this_week >= 8, f"the busiest site's week holds a real week's bookings: {this_week}"

    driver = launch(db)
    wait(driver).until(EC.presence_of_element_located((By.ID, "agenda-title")))
    driver.set_window_rect(0, 0, 1366, 768)
    size = driver.execute_script("return [window.innerWidth, window.innerHeight]")
    assert size == [1366, 768], f"the window fills the 1366×768 screen: {size}"

    # Booking from the grid: one click on a free slot, a name, ENTER.
    show_week(driver, other)
    free = wait(driver).until(EC.element_to_be_clickable((By.CSS_SELECTOR, ".agenda-grid .free")))
    start = free.find_element(By.XPATH, "..").get_attribute("data-start")
    free.click()
    field = wait(driver).until(EC.visibility_of_element_located((By.ID, "book-residentName")))
    assert driver.switch_to.active_element == field, "the booking dialog opens on the name"
    field.send_keys("Zoé", Keys.ENTER)
    wait(driver).until(lambda d: not d.find_elements(By.CSS_SELECTOR, "dialog[open]"))
    block = wait(driver).until(
        EC.presence_of_element_located((By.XPATH, f"//div[@data-start='{start}']//button[contains(., 'Zoé')]"))
    )
    assert "Prévu" in block.text, block.text
    screenshot(driver, "agenda-semaine-reservee.png")

    show_week(driver, name)
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".agenda-grid .appt-block")))
    screenshot(driver, "agenda-semaine-grille.png")
    assert_all_in_view(driver, ".agenda-grid .appt-block", this_week, "the busiest site's week")

    # The Monday after: 12 appointments, all in view in the desk's day.
    click_button(driver, "Semaine suivante ›")
    wait(driver).until(EC.text_to_be_present_in_element((By.ID, "agenda-title"), "7 décembre"))
    driver.find_element(By.CSS_SELECTOR, "input[name=agenda-span][value=day]").click()
    wait(driver).until(EC.text_to_be_present_in_element((By.ID, "agenda-title"), "lundi 7 décembre"))
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".desk-line.appointment")))
    screenshot(driver, "agenda-jour-bureau.png")
    assert_all_in_view(driver, ".desk-line.appointment", 12, "a day of 12 appointments")

    # The file, read once the app is closed.
    driver.quit()
    assert appointments(db, 3, "2026-12-01", "2027-01-01") == before + 1
    who = one(db, "SELECT resident_name, start_at FROM appointments ORDER BY id DESC LIMIT 1")
    assert who == ("Zoé", datetime.datetime.fromisoformat(start).astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")), who


def test_book_from_the_week_grid_and_mark_present_without_a_mouse(launch, tmp_path):
    db = tmp_path / "clavier-grille.sqlite3"
    subprocess.run([str(CLI), "--db", str(db), "demo"], check=True, capture_output=True)
    # Today (Tuesday 10:40) the Espace numérique de l'Hôtel de Ville still has free slots.
    site = 5
    driver = launch(db)
    kb = Keyboard(driver)
    kb.wait_focus(lambda f: driver.execute_script("return !!document.getElementById('agenda-title')"))

    kb.press(Keys.TAB)
    kb.press(Keys.ENTER)  # the skip link
    kb.tab_to(by_id("agenda-site"), limit=10)
    for _ in range(10):
        if driver.execute_script("return document.getElementById('agenda-site').value") == str(site):
            break
        kb.press(Keys.ARROW_DOWN)
    assert driver.execute_script("return document.getElementById('agenda-site').value") == str(site)
    # The period: TAB reaches the checked « Jour », the arrow moves to « Semaine ».
    kb.tab_to(lambda f: f["tag"] == "input" and f["name"] == "Jour", limit=5)
    kb.press(Keys.ARROW_RIGHT)
    kb.wait_focus(lambda f: driver.execute_script("return !!document.querySelector('.agenda-grid')"))

    free = lambda f: "réserver" in f["name"] and "mardi 1er décembre" in f["name"]  # noqa: E731
    kb.tab_to(free, limit=40)
    kb.press(Keys.ENTER)
    kb.wait_focus(by_id("book-residentName"))
    kb.type("Yanis")
    kb.press(Keys.ENTER)
    kb.wait_focus(lambda f: not f["dialogOpen"])
    status = driver.execute_script("return document.querySelector('.live-status').textContent")
    assert "Rendez-vous enregistré" in status, status
    screenshot(driver, "agenda-clavier-reserve.png")

    # Back to the grid: the new block opens its details; « Présent » is one of the first keys.
    block = lambda f: f["tag"] == "button" and "Yanis" in f["name"]  # noqa: E731
    # The focus is back on the free place if one is left (below the block), else on the title.
    focus = kb.tab_to(block, limit=40, backwards=kb.focus()["id"] != "agenda-title")
    assert "Prévu" in focus["name"], focus
    kb.press(Keys.ENTER)
    focus = kb.wait_focus(lambda f: f["inDialog"])
    kb.assert_trapped()
    kb.tab_to(lambda f: f["name"].startswith("Yanis") and f["name"].endswith(": présent"), limit=10)
    kb.press(Keys.ENTER)
    kb.wait_focus(lambda f: not f["dialogOpen"])
    status = driver.execute_script("return document.querySelector('.live-status').textContent")
    assert "Yanis" in status and "présent(e)" in status, status

    rows = one(db, "SELECT site_id, status FROM appointments WHERE resident_name = 'Yanis'")
    assert rows == (site, "honoured"), rows
    screenshot(driver, "agenda-clavier-present.png")
