"""Sharing the agenda through a CalDAV server, in the real window: a real Radicale on loopback,
a demo desk joins it from Paramètres › Réseau (test first, then join), the navigation column
says « Synchronisé à … », a booking made in the Agenda claims its place on the server, and the
line still says synchronised with nothing waiting. The server is read back with an independent
client (Python `caldav`)."""

import contextlib
import datetime
import json
import socket
import subprocess
import threading
import time
from zoneinfo import ZoneInfo

import caldav
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

# The server's fixture and account are the harness's (tests/atspi starts the same server).
from conftest import PASSWORD, ROOT, USER, radicale, screenshot  # noqa: F401 (radicale: the fixture)
from test_sites import click_button, fill, open_area, wait

CLI = ROOT / "target" / "debug" / "permanences"
PARIS = ZoneInfo("Europe/Paris")


def cli(db, *args) -> str:
    out = subprocess.run([str(CLI), "--db", str(db), *args], check=True, capture_output=True, text=True)
    return out.stdout


def network_line(driver) -> str:
    return driver.execute_script("const l = document.getElementById('network-line'); return l && !l.hidden ? l.textContent : '';")


def server_appointments(address: str) -> list[tuple[datetime.datetime, str]]:
    """(start, text) of every appointment event on the server, read by another client: the
    sites' calendars, not the calendar of claimed places nor the recurring permanences."""
    client = caldav.DAVClient(url=address, username=USER, password=PASSWORD)
    found = []
    for calendar in client.principal().calendars():
        if str(calendar.url).rstrip("/").rsplit("/", 1)[-1].startswith("permanences-places"):
            continue
        for event in calendar.events():
            vevent = event.icalendar_component
            start = vevent.decoded("DTSTART")
            if "RRULE" in vevent or not isinstance(start, datetime.datetime):
                continue
            found.append((start.astimezone(PARIS), event.data))
    return found


def test_join_the_network_from_settings_book_and_see_the_status_line(launch, tmp_path, radicale):
    db = tmp_path / "reseau.sqlite3"
    cli(db, "demo")
    driver = launch(db)
    wait(driver).until(EC.element_to_be_clickable((By.ID, "agenda-find")))
    assert network_line(driver) == "", "no network line before joining a network"

    open_area(driver, "Paramètres")
    section = wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "section.network[data-ready=true]")))
    fill(driver, "net-address", radicale)
    fill(driver, "net-username", USER)
    fill(driver, "net-password", PASSWORD)
    names = driver.find_element(By.ID, "net-shareNames")
    assert not names.is_selected(), "names and phones stay on the desk unless the network chooses otherwise"
    assert driver.find_element(By.ID, "net-all").is_selected(), "all active sites are shared by default"

    click_button(driver, "Tester la connexion")
    result = wait(driver, 30).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "#net-test-result p")))
    assert result.text.startswith("Serveur d'agendas trouvé"), result.text
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", section)
    screenshot(driver, "reseau-formulaire.png")

    click_button(driver, "Rejoindre le réseau")
    wait(driver, 90).until(EC.visibility_of_element_located((By.ID, "net-facts")))
    seen = []
    try:
        wait(driver).until(lambda d: seen.append(network_line(d)) or "Synchronisé à" in seen[-1])
    except Exception as e:
        raise AssertionError(f"the navigation column says it is synchronised: {seen[-3:]!r}") from e
    facts = driver.find_element(By.ID, "net-facts").text
    assert radicale in facts and USER in facts, facts
    assert "Gardés sur le poste qui a pris le rendez-vous" in facts, facts
    nav_line = driver.find_element(By.ID, "network-line")
    assert nav_line.get_attribute("role") == "status"
    assert driver.execute_script("return !!arguments[0].closest('header')", nav_line), "the line is in the navigation column"
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", driver.find_element(By.ID, "net-title"))
    in_view = driver.execute_script(
        "const r = arguments[0].getBoundingClientRect(); return r.height > 0 && r.top >= 0 && r.bottom <= innerHeight;", nav_line
    )
    assert in_view, "the network line stays in view while the page scrolls"
    screenshot(driver, "reseau-rejoint.png")
    before = [start for start, _ in server_appointments(radicale)]

    # A booking in the Agenda: the next free slot, for Zoé.
    open_area(driver, "Agenda")
    wait(driver).until(EC.element_to_be_clickable((By.ID, "agenda-find"))).click()
    click_button(driver, "Chercher les prochains créneaux libres")
    choice = wait(driver).until(EC.presence_of_element_located((By.ID, "book-choice-0")))
    _, start_at = choice.get_attribute("value").split("|")
    name = wait(driver).until(EC.presence_of_element_located((By.ID, "book-residentName")))
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus();", name)
    name.send_keys("Zoé Réseau")
    click_button(driver, "Enregistrer le rendez-vous")
    wait(driver).until(EC.invisibility_of_element_located((By.ID, "book-title")))

    # Confirmed once its place was claimed; its event follows at once, and the line says so.
    seen = []
    try:
        wait(driver, 30).until(lambda d: seen.append(network_line(d)) or ("Synchronisé à" in seen[-1] and "attente" not in seen[-1]))
    except Exception as e:
        raise AssertionError(f"the booking's event is sent: {seen[-3:]!r}") from e
    status = json.loads(cli(db, "network", "status", "--json"))
    assert status["pending"] == 0, status
    assert status["conflicts"] == 0, status

    booked = datetime.datetime.fromisoformat(start_at).astimezone(PARIS)
    after = server_appointments(radicale)
    starts = [start for start, _ in after]
    assert starts.count(booked) == before.count(booked) + 1, (
        f"the server holds the new appointment at {booked}: {sorted(set(starts) - set(before))}"
    )
    texts = [text for start, text in after if start == booked]
    assert not any("Zoé" in t or "Zo\\u00e9" in t for t in texts), "names are not shared unless the network ticked it"


class Stall:
    """A loopback proxy in front of the server that can stop answering: it forwards each
    connection, or, once stalled, reads what it is sent and never answers."""

    def __init__(self, upstream: str):
        self.upstream = ("127.0.0.1", int(upstream.rstrip("/").rsplit(":", 1)[1]))
        self.stalled = threading.Event()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}/"
        self.open: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            self.open.append(client)
            target = self._swallow if self.stalled.is_set() else self._forward
            threading.Thread(target=target, args=(client,), daemon=True).start()

    @staticmethod
    def _swallow(client):
        with contextlib.suppress(OSError):
            while client.recv(4096):
                pass

    def _forward(self, client):
        with contextlib.suppress(OSError), socket.create_connection(self.upstream, timeout=5) as server:
            server.settimeout(None)

            def pipe(a, b):
                with contextlib.suppress(OSError):
                    while data := a.recv(16384):
                        b.sendall(data)
                    b.shutdown(socket.SHUT_WR)

            up = threading.Thread(target=pipe, args=(client, server), daemon=True)
            up.start()
            pipe(server, client)
            up.join(timeout=30)

    def close(self):
        self.listener.close()
        for s in self.open:
            with contextlib.suppress(OSError):
                s.close()


@pytest.fixture
def stall(radicale):
    proxy = Stall(radicale)
    yield proxy
    proxy.close()


def test_a_booking_that_waits_for_a_silent_server_freezes_nothing_and_says_a_confirmer(launch, tmp_path, stall):
    db = tmp_path / "silence.sqlite3"
    cli(db, "demo")
    driver = launch(db)
    wait(driver).until(EC.element_to_be_clickable((By.ID, "agenda-find")))
    open_area(driver, "Paramètres")
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "section.network[data-ready=true]")))
    fill(driver, "net-address", stall.url)
    fill(driver, "net-username", USER)
    fill(driver, "net-password", PASSWORD)
    click_button(driver, "Rejoindre le réseau")
    wait(driver, 90).until(EC.visibility_of_element_located((By.ID, "net-facts")))
    wait(driver, 30).until(lambda d: "Synchronisé à" in network_line(d))

    # The server stops answering; a booking is made.
    stall.stalled.set()
    open_area(driver, "Agenda")
    wait(driver).until(EC.element_to_be_clickable((By.ID, "agenda-find"))).click()
    click_button(driver, "Chercher les prochains créneaux libres")
    wait(driver).until(EC.presence_of_element_located((By.ID, "book-choice-0")))
    name = wait(driver).until(EC.presence_of_element_located((By.ID, "book-residentName")))
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus();", name)
    name.send_keys("Silence")
    click_button(driver, "Enregistrer le rendez-vous")

    # While it waits, the app's other commands answer at once: the visits' screen's own read
    # (the app's database connection) comes back before the booking does.
    answered = driver.execute_async_script(
        """
        const done = arguments[0];
        const t = performance.now();
        window.__TAURI_INTERNALS__.invoke('sharing_status').then(
          () => done({ms: performance.now() - t, dialogOpen: !!document.getElementById('book-title')}),
          (e) => done({error: String(e)}));
        """
    )
    assert "error" not in answered, answered
    assert answered["dialogOpen"], f"the booking was still waiting for the server: {answered}"
    assert answered["ms"] < 1000, f"another command did not wait for the booking: {answered}"

    # Within a few seconds the booking is kept, and said « à confirmer », never « enregistré ».
    wait(driver, 15).until(EC.invisibility_of_element_located((By.ID, "book-title")))
    said = wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, ".live-status").text or False)
    assert "à confirmer" in said and "enregistré" not in said, said
    open_area(driver, "Accompagnements")
    wait(driver, 3).until(EC.visibility_of_element_located((By.ID, "visits-title")))
    screenshot(driver, "reseau-a-confirmer.png")
    # The claim that gave up notes that the server did not answer; when a sync held the line
    # to the server for the claim's whole wait, that sync notes it once its own request times
    # out (sharing::account::TIMEOUT, 20 s): read until it shows. A MKCALENDAR without an answer
    # is followed by looking for the calendar (issue 26: an unsure answer is read back), a
    # second request of up to 20 s to the silent server: so up to 40 s, and more under load.
    deadline = time.time() + 75
    status = json.loads(cli(db, "network", "status", "--json"))
    while not status["offlineSince"] and time.time() < deadline:
        time.sleep(0.5)
        status = json.loads(cli(db, "network", "status", "--json"))
    assert status["offlineSince"], f"the desk knows the server did not answer: {status}"
