"""Orca itself, for the three flows a blind mediator uses most: book an appointment, record a
visit, find an appointment. Orca 43 runs in the window's D-Bus session with
speech-dispatcher's dummy output; what it would say is read from its debug log's
« SPEECH OUTPUT » lines. The test asserts what must be heard: the dialog's name when it opens,
the message of a refused save, the screen's title after a move in the navigation, and a
confirmation where the focus lands (a place saved, a setting saved in place), and the steps of the
first place on a new desk."""

import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from conftest import Reader, app_pid
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

ORCA = shutil.which("orca")
FRENCH = {"LANG": "fr_FR.UTF-8", "LANGUAGE": "fr_FR:fr", "LC_ALL": "fr_FR.UTF-8"}


class Orca:
    """Orca started on its own settings, speaking to the dummy module, logging to a file."""

    def __init__(self, home: Path, display: str):
        self.log = home / "orca.log"
        speechd = home / "config" / "speech-dispatcher"
        speechd.mkdir(parents=True)
        (speechd / "speechd.conf").write_text('AddModule "dummy" "sd_dummy" ""\nDefaultModule dummy\n')
        # In French, as a mediator here hears it: Orca's own words (« boîte de dialogue ») come
        # from its translation and at-spi's (scripts/setup.sh generates the locale).
        env = dict(os.environ, DISPLAY=display, XDG_CONFIG_HOME=str(home / "config"), **FRENCH)
        self.proc = subprocess.Popen([ORCA, "-u", str(home / "orca"), f"--debug-file={self.log}"], env=env,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.hear("Lecteur d’écran activé", what="Orca starting (in French)")

    def spoken(self) -> list[str]:
        if not self.log.exists():
            return []
        text = self.log.read_text(errors="replace")
        # Each line ends with the quoted words then Orca's settings ({'established': …}); the
        # words themselves may hold quotes (« d'abord »).
        return re.findall(r"SPEECH OUTPUT: '(.*)'\s*\{", text)

    def mark(self) -> int:
        return len(self.spoken())

    def hear(self, words: str, since: int = 0, what: str = "", seconds: float = 15, poke=None) -> list[str]:
        """Waits until Orca has said `words` (after the `since`-th line); fails with what it said.
        Orca writes its log in blocks: `poke()` (a key with no effect) makes it write more, so
        that what it said reaches the file."""
        deadline = time.time() + seconds
        while time.time() < deadline:
            said = self.spoken()[since:]
            if any(words in line for line in said):
                return said
            time.sleep(0.5)
            if poke is not None:
                poke()
        pytest.fail(f"{what}: Orca did not say « {words} ». It said: {self.spoken()[since:]}"
                    f"\nWhat Orca dropped meanwhile (its debug log): {self.dropped(since)}")

    def caught_up(self, quiet: float = 1.0, seconds: float = 20) -> None:
        """Waits until Orca has handled what came before: its debug log, where it writes every
        event it handles, has not grown for `quiet` seconds. WebDriver types a field's text at
        once, hundreds of events that a person typing would spread over seconds; on a slower
        machine Orca was still on them when the form closed, took the field it was reading for
        a zombie and said nothing of what followed."""
        deadline, size, still = time.time() + seconds, -1, time.time()
        while time.time() < deadline:
            now = self.log.stat().st_size if self.log.exists() else 0
            if now != size:
                size, still = now, time.time()
            elif time.time() - still >= quiet:
                return
            time.sleep(0.1)
        pytest.fail(f"Orca was still busy after {seconds} s")

    def dropped(self, since: int) -> list[str]:
        """The log's lines, after the `since`-th spoken one, where Orca 43 lets an event go
        unspoken: a focused object it takes for a zombie (its index in its parent is -1 while
        the page is redrawn), events pruned or ignored in a flood of events."""
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        starts = [m.start() for m in re.finditer(r"SPEECH OUTPUT: ", text)]
        tail = text[starts[since]:] if since < len(starts) else ""
        lines = tail.splitlines()
        zombies = [line.strip() for line in lines if "is zombie. Not updating" in line]
        flood = sum("due to flood" in line or "due to deluge" in line for line in lines)
        return zombies[:8] + [f"{flood} events not processed in a flood of events"]

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


@pytest.fixture(scope="module")
def orca(display, tmp_path_factory):
    """One Orca for the module, started before the windows so that it sees each one come."""
    if ORCA is None:
        pytest.fail("Orca manque : scripts/setup.sh test l'installe (paquet orca)")
    o = Orca(tmp_path_factory.mktemp("orca"), display)
    yield o
    o.stop()


def opened(orca, launch, db, display, shown: str):
    """The window on `db`, once the element of id `shown` is there, with Orca in it."""
    driver = launch(db)
    WebDriverWait(driver, 20).until(lambda d: d.execute_script(f"return !!document.getElementById('{shown}')"))
    reader = Reader(app_pid(db), display)
    reader.take_keyboard()
    # A key first: Orca takes the window as its place then, and not in the middle of a flow.
    reader.key("shift")
    time.sleep(1.5)
    return driver, reader, orca


@pytest.fixture
def window(orca, launch, demo_db, display):
    return opened(orca, launch, demo_db, display, "agenda-find")


@pytest.fixture
def first_start(orca, launch, tmp_path, display):
    """The window on a new, empty database: « Bienvenue ! » and its three ways in."""
    return opened(orca, launch, tmp_path / "vide.sqlite3", display, "way-create")


def poke(reader: Reader):
    return lambda: reader.key("shift")


def press_on(driver, reader: Reader, xpath: str) -> None:
    """Focus on an element (as Tab would bring it), then Enter on the real keyboard."""
    driver.execute_script("arguments[0].focus()", driver.find_element(By.XPATH, xpath))
    time.sleep(0.3)
    reader.key("Return")


def test_booking_is_heard(window):
    driver, reader, o = window
    mark = o.mark()
    press_on(driver, reader, "//button[@id='agenda-find']")
    o.hear("Prendre un rendez-vous boîte de dialogue", mark, "opening the booking dialog", poke=poke(reader))
    time.sleep(0.5)
    mark = o.mark()
    # From « Motif » into the « Créneau » fieldset: the group is announced by its legend (then
    # by Orca 43's word for what WebKitGTK calls a panel, « tableau de bord »: see
    # docs/accessibility.md), before the box it enters.
    reader.key("Tab")
    said = o.hear("Rendez-vous exceptionnel, hors des permanences case à cocher", mark, "entering the slot's group",
                  poke=poke(reader))
    assert any(line.startswith("Créneau ") for line in said), f"the group's legend: {said}"
    mark = o.mark()
    press_on(driver, reader, "//dialog//button[normalize-space()='Enregistrer le rendez-vous']")
    o.hear("Choisissez d'abord un créneau", mark, "saving without a slot", poke=poke(reader))
    press_on(driver, reader, "//dialog//button[@id='book-search']")
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.ID, "book-choice-0"))
    driver.find_element(By.ID, "book-choice-0").click()
    mark = o.mark()
    press_on(driver, reader, "//dialog//button[normalize-space()='Enregistrer le rendez-vous']")
    # Focus back on the button that opened the dialog, the confirmation read with it.
    said = o.hear("Rendez-vous enregistré :", mark, "the booking saved", poke=poke(reader))
    assert any("Prendre un rendez-vous bouton" in line for line in said), f"focus back on the button: {said}"


def test_recording_a_visit_is_heard(window):
    driver, reader, o = window
    mark = o.mark()
    press_on(driver, reader, "//nav//button[normalize-space()='Accompagnements']")
    o.hear("point de repère Accompagnements", mark, "moving to « Accompagnements »", poke=poke(reader))
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.ID, "visit-new"))
    mark = o.mark()
    press_on(driver, reader, "//button[@id='visit-new']")
    o.hear("Noter l'accompagnement boîte de dialogue", mark, "opening the visit form", poke=poke(reader))
    time.sleep(0.5)
    mark = o.mark()
    press_on(driver, reader, "//dialog//button[@type='submit']")
    o.hear("Dites d'abord qui vous avez accompagné", mark, "saving without saying whom", poke=poke(reader))


def test_finding_an_appointment_is_heard(window):
    driver, reader, o = window
    mark = o.mark()
    press_on(driver, reader, "//button[@id='find-submit']")
    o.hear("Tapez un prénom, des initiales ou un numéro de téléphone", mark, "searching for nothing", poke=poke(reader))
    field = driver.find_element(By.ID, "find-text")
    field.send_keys("06 12")
    mark = o.mark()
    press_on(driver, reader, "//button[@id='find-submit']")
    o.hear("Rendez-vous de « 06 12 » boîte de dialogue", mark, "the results", poke=poke(reader))


def test_saving_a_place_is_heard(window):
    driver, reader, o = window
    press_on(driver, reader, "//nav//button[normalize-space()='Lieux et permanences']")
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.ID, "site-edit"))
    press_on(driver, reader, "//button[@id='site-new']")
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.ID, "site-name"))
    time.sleep(0.5)
    for field, text in (("site-name", "Maison des services du Port du Rhin"), ("site-address", "3 rue Kuhn"),
                        ("site-postcode", "67000"), ("site-city", "Strasbourg")):
        driver.find_element(By.ID, field).send_keys(text)
    o.caught_up()
    mark = o.mark()
    press_on(driver, reader, "//button[normalize-space()='Enregistrer le lieu']")
    # Saved in the page first (its status line), so that a silence below is Orca's.
    WebDriverWait(driver, 10).until(lambda d: "Lieu enregistré" in d.execute_script(
        "return document.querySelector('.live-status')?.textContent || ''"))
    # The form gone, the focus back on the button the person came from, the confirmation read with it.
    said = o.hear("Lieu enregistré : Maison des services du Port du Rhin.", mark, "the place saved", poke=poke(reader))
    assert any("Ajouter un lieu bouton" in line for line in said), f"focus back on « Ajouter un lieu »: {said}"


def test_a_setting_saved_in_place_is_heard(window):
    driver, reader, o = window
    press_on(driver, reader, "//nav//button[normalize-space()='Paramètres']")
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(
        By.XPATH, "//button[normalize-space()='Enregistrer les durées' and not(@disabled)]"))
    mark = o.mark()
    # The button stays where it is: the confirmation is read as its description.
    press_on(driver, reader, "//button[normalize-space()='Enregistrer les durées']")
    o.hear("Durées de conservation enregistrées.", mark, "the retention saved", poke=poke(reader))


def test_the_first_place_steps_are_heard(first_start):
    driver, reader, o = first_start
    mark = o.mark()
    press_on(driver, reader, "//button[@id='way-create']")
    # Orca 43 reads neither a focused heading nor a text field the page focuses: the step is a
    # region named by its title, which takes the focus.
    o.hear("point de repère Étape 1 sur 3 : le lieu", mark, "the first step reached", poke=poke(reader))
    for field, text in (("site-name", "Espace numérique du Marché"), ("site-address", "3 rue du Marché"),
                        ("site-postcode", "67000"), ("site-city", "Strasbourg")):
        driver.find_element(By.ID, field).send_keys(text)
    o.caught_up()
    mark = o.mark()
    press_on(driver, reader, "//button[normalize-space()='Enregistrer le lieu']")
    said = o.hear("Lieu enregistré : Espace numérique du Marché.", mark, "going on to the second step", poke=poke(reader))
    assert any("point de repère Étape 2 sur 3 : ses permanences" in line for line in said), f"the next step: {said}"
