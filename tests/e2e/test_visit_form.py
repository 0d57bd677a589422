"""The visit form a mediator fills after helping someone, in the real window at 1366×768 and
at 200 % zoom: it opens on « Anonyme » / « Personne suivie », nothing is ticked or chosen for
the mediator, no label, legend or choice is cut, « Enregistrer » is in sight without
scrolling, and the visit is saved as answered."""

import sqlite3
import subprocess

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

from conftest import ROOT, screenshot
from test_sites import wait

CLI = ROOT / "target" / "debug" / "permanences"

# Every label, legend and tile of the open dialog wider than its box, every <select> whose
# longest choice does not fit beside its arrow, and whether the content scrolls sideways.
CUT = """
const dialog = document.querySelector('dialog[open]');
const shown = (el) => el.getClientRects().length > 0;
const name = (el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} « ${el.textContent.trim().slice(0, 50)} »`;
const cut = [];
for (const el of dialog.querySelectorAll('label, legend, .tile-label, .tile-hint, .dialog-footer button')) {
  if (shown(el) && el.scrollWidth > el.clientWidth + 1) cut.push(`${name(el)}: ${el.scrollWidth} > ${el.clientWidth} px`);
}
const ctx = document.createElement('canvas').getContext('2d');
let selects = 0;
for (const s of dialog.querySelectorAll('select')) {
  if (!shown(s)) continue;
  selects += 1;
  const st = getComputedStyle(s);
  ctx.font = `${st.fontWeight} ${st.fontSize} ${st.fontFamily}`;
  // The arrow takes about 20 px of the box; the text must fit in what is left.
  const room = s.clientWidth - parseFloat(st.paddingLeft) - parseFloat(st.paddingRight) - 20;
  for (const o of s.options) {
    const w = ctx.measureText(o.text).width;
    if (w > room + 1) cut.push(`select#${s.id} « ${o.text} »: ${Math.round(w)} > ${Math.round(room)} px`);
  }
}
const body = dialog.querySelector('.dialog-body');
if (body.scrollWidth > body.clientWidth + 1) cut.push(`the form scrolls sideways: ${body.scrollWidth} > ${body.clientWidth}`);
return { cut, selects, labels: dialog.querySelectorAll('label').length };
"""

# Where the footer's buttons are, against the window, with the form's own scroll position.
FOOTER = """
const dialog = document.querySelector('dialog[open]');
const rect = (el) => { const r = el.getBoundingClientRect(); return [r.top, r.bottom, r.left, r.right]; };
const buttons = [...dialog.querySelectorAll('.dialog-footer button')];
return { buttons: buttons.map((b) => ({ text: b.textContent.trim(), rect: rect(b) })),
  width: window.innerWidth, height: window.innerHeight,
  bodyScroll: dialog.querySelector('.dialog-body').scrollTop,
  bodyScrolls: dialog.querySelector('.dialog-body').scrollHeight > dialog.querySelector('.dialog-body').clientHeight };
"""


def assert_nothing_cut(driver, where: str) -> None:
    found = driver.execute_script(CUT)
    assert found["selects"] >= 3 and found["labels"] >= 10, f"{where}: the form is shown: {found}"
    assert found["cut"] == [], f"{where}: cut text: {found['cut']}"


def assert_buttons_in_sight(driver, where: str) -> None:
    f = driver.execute_script(FOOTER)
    texts = [b["text"] for b in f["buttons"]]
    assert texts == ["Enregistrer l'accompagnement", "Annuler"], f"{where}: {texts}"
    for b in f["buttons"]:
        top, bottom, left, right = b["rect"]
        assert 0 <= top and bottom <= f["height"] and 0 <= left and right <= f["width"], (
            f"{where}: « {b['text']} » is out of the {f['width']}×{f['height']} window: {b['rect']}"
        )


class Hands:
    """Clicks and choices. At 200 % zoom WebKitWebDriver aims its clicks at unzoomed
    coordinates and misses: there the element is clicked from the page, as a click would."""

    def __init__(self, driver, zoomed: bool):
        self.driver = driver
        self.zoomed = zoomed

    def click(self, element) -> None:
        if self.zoomed:
            self.driver.execute_script("arguments[0].click()", element)
        else:
            element.click()

    def choose(self, element_id: str, text: str) -> None:
        if not self.zoomed:
            Select(self.driver.find_element(By.ID, element_id)).select_by_visible_text(text)
            return
        found = self.driver.execute_script(
            "const s = document.getElementById(arguments[0]);"
            "const o = [...s.options].find((o) => o.text === arguments[1]);"
            "if (!o) return false; s.value = o.value; s.dispatchEvent(new Event('change', { bubbles: true })); return true;",
            element_id, text,
        )
        assert found, f"{element_id} offers « {text} »"


def open_blank_form(driver, hands: Hands) -> None:
    hands.click(wait(driver).until(EC.presence_of_element_located((By.XPATH, "//nav//button[normalize-space()='Accompagnements']"))))
    hands.click(wait(driver).until(EC.presence_of_element_located((By.ID, "visit-new"))))
    wait(driver).until(EC.visibility_of_element_located((By.ID, "visit-title")))
    wait(driver).until(lambda d: d.execute_script("return document.activeElement.id") == "visit-who-0")


@pytest.mark.parametrize("zoom", ["1", "2"], ids=["1366x768", "zoom-200"])
def test_the_visit_form_fits_asks_first_whom_and_saves(launch, tmp_path, zoom):
    db = tmp_path / "visit-form.sqlite3"
    subprocess.run([str(CLI), "--db", str(db), "demo"], check=True, capture_output=True)
    driver = launch(db, "--zoom", zoom)
    wait(driver).until(EC.presence_of_element_located((By.ID, "agenda-title")))
    driver.set_window_rect(0, 0, 1366, 768)
    css = driver.execute_script("return [window.innerWidth, window.innerHeight]")
    expected = [1366, 768] if zoom == "1" else [683, 384]
    assert css == expected, f"the 1366×768 window at {zoom}× shows {css} CSS pixels"
    suffix = "1366x768" if zoom == "1" else "zoom-200"
    hands = Hands(driver, zoomed=zoom != "1")

    open_blank_form(driver, hands)
    order = driver.execute_script(
        "return [...document.querySelectorAll('dialog[open] input, dialog[open] select, dialog[open] textarea')]"
        ".slice(0, 3).map((e) => e.id)"
    )
    assert order[:2] == ["visit-who-0", "visit-who-1"], f"« Anonyme » / « Personne suivie » come first: {order}"
    ticked = driver.execute_script(
        "return [...document.querySelectorAll('dialog[open] input[type=radio], dialog[open] input[type=checkbox]')]"
        ".filter((i) => i.checked).map((i) => i.id || i.name)"
    )
    assert ticked == [], f"nothing is answered for the mediator: {ticked}"
    for field in ("visit-durationMinutes", "visit-placeType"):
        chosen = Select(driver.find_element(By.ID, field)).first_selected_option.text
        assert chosen == "Choisir…", f"{field} waits for an answer, shows {chosen}"
    assert_buttons_in_sight(driver, f"{suffix}, opened")
    assert_nothing_cut(driver, f"{suffix}, opened")
    screenshot(driver, f"visit-form-{suffix}.png")

    # Anonyme: the profile appears, unanswered; the procedures theme opens its list and the
    # organisations' select; « Orientée » opens the structures, whose names are long.
    hands.click(driver.find_element(By.ID, "visit-who-0"))
    for field in ("visit-age", "visit-status", "visit-gender"):
        chosen = Select(driver.find_element(By.ID, field)).first_selected_option.text
        assert chosen == "Non renseigné", f"{field} starts unanswered, shows {chosen}"
    hands.click(driver.find_element(By.XPATH, "//label[contains(@class, 'tile')][normalize-space()='E-mail']"))
    procedures = "//label[contains(@class, 'tile')][normalize-space()='Aide aux démarches administratives']"
    hands.click(driver.find_element(By.XPATH, procedures))
    driver.execute_script("document.getElementById('visit-redirected').click()")
    assert_nothing_cut(driver, f"{suffix}, every part open")
    assert_buttons_in_sight(driver, f"{suffix}, every part open")
    driver.execute_script("document.getElementById('visit-redirected').click()")
    hands.click(driver.find_element(By.XPATH, procedures))

    hands.choose("visit-age", "60 - 69 ans")
    hands.choose("visit-durationMinutes", "45 min")
    hands.choose("visit-placeType", "Lieu d’activité")
    hands.choose("visit-siteId", "Espace numérique de l'Hôtel de Ville")
    hands.choose("visit-mediatorId", "Claire Hoffmann")
    driver.execute_script("document.querySelector('dialog[open] .dialog-body').scrollTop = 100000")
    assert_buttons_in_sight(driver, f"{suffix}, scrolled to the notes")
    screenshot(driver, f"visit-form-{suffix}-rempli.png")
    hands.click(driver.find_element(By.XPATH, "//dialog[@open]//button[normalize-space()=\"Enregistrer l'accompagnement\"]"))
    wait(driver).until(lambda d: not d.execute_script("return !!document.querySelector('dialog[open]')"))

    with sqlite3.connect(db) as c:
        row = c.execute(
            "SELECT v.kind, v.duration_minutes, v.place_type, v.age_bracket, v.gender, v.beneficiary_id, s.name"
            " FROM visits v JOIN sites s ON s.id = v.site_id ORDER BY v.id DESC LIMIT 1"
        ).fetchone()
    assert row == (
        "individuel", 45, "lieu_activite", "soixante_soixante_neuf", "non_communique", None,
        "Espace numérique de l'Hôtel de Ville",
    ), f"the visit is saved as answered, the rest « non communiqué »: {row}"
