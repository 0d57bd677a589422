"""A newcomer's first hour, in the real window, from an empty database: each of the three
ways in (« Créer mon premier lieu », « Rejoindre le réseau de mon association », « Importer
mes lieux ») ends on an agenda where an appointment is booked; the first place's path prints
its poster. Then the guide: every page opens from its screen with F1 (or « Aide »), its links
lead to its pages, its pictures are shown."""

import os
import subprocess

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

from conftest import ROOT, open_file, screenshot
from keyboard import Keyboard
from test_network import PASSWORD, USER, radicale  # noqa: F401 (the fixture)
from test_sites import click_button, fill, open_area, wait

CLI = ROOT / "target" / "debug" / "permanences"

# A file of the national map (cartographie nationale des lieux de médiation numérique, v1.0.2
# columns): two places whose hours are on appointment ("Téléphoner", "Prendre un RDV en ligne").
NATIONAL_MAP = (
    "id;pivot;nom;commune;code_postal;adresse;horaires;modalites_acces;prise_rdv;source;date_maj\n"
    "cnfs-1;43493312300029;Maison France Services;Schiltigheim;67300;1 place de la Mairie;"
    "Mo-Fr 09:00-12:00,14:00-17:00;Téléphoner|Prendre un RDV en ligne;;conseiller-numerique;2024-05-02\n"
    "cnfs-2;43493312300029;Médiathèque de l'Illiade;Illkirch-Graffenstaden;67400;11 allée François Mitterrand;"
    "Tu,Th 14:00-18:00;Téléphoner;;conseiller-numerique;2024-05-02\n"
)


def press(driver, label: str) -> None:
    """Clicks the button with this text (which may hold an apostrophe)."""
    xpath = f'//button[normalize-space()="{label}"]'
    wait(driver).until(EC.element_to_be_clickable((By.XPATH, xpath))).click()


def cli(db, *args, **kw) -> str:
    return subprocess.run([str(CLI), "--db", str(db), *args], check=True, capture_output=True, text=True, **kw).stdout


def first_start(launch, tmp_path):
    """The window on a new, empty database: the three ways in are offered."""
    driver = launch(tmp_path / "vide.sqlite3")
    wait(driver, 30).until(EC.element_to_be_clickable((By.ID, "way-create")))
    offered = [b.text for b in driver.find_elements(By.CSS_SELECTOR, ".ways-list button")]
    assert offered == ["Créer mon premier lieu", "Rejoindre le réseau de mon association", "Importer mes lieux"], offered
    return driver


def step_title(driver) -> str:
    return wait(driver).until(EC.visibility_of_element_located((By.ID, "ways-step-title"))).text


def settled_step(driver) -> str:
    """The title of the step reached, once the page has put the focus on the step (`arrive`
    does, a few frames after drawing it, and the page scrolls to it then): a click sent before
    that may land where the page is scrolling from."""
    wait(driver).until(lambda d: d.execute_script("return document.activeElement?.id") == "ways-step")
    return step_title(driver)


def book_on_the_agenda(driver, name: str) -> None:
    """« Aller à l'agenda », then a booking on the next free slot: the agenda is bookable."""
    press(driver, "Aller à l'agenda")
    wait(driver).until(EC.element_to_be_clickable((By.ID, "agenda-find")))
    assert driver.find_element(By.CSS_SELECTOR, "nav button[aria-current=page]").text == "Agenda"
    driver.find_element(By.ID, "agenda-find").click()
    click_button(driver, "Chercher les prochains créneaux libres")
    wait(driver).until(EC.presence_of_element_located((By.ID, "book-choice-0")))
    field = wait(driver).until(EC.presence_of_element_located((By.ID, "book-residentName")))
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus();", field)
    field.send_keys(name)
    click_button(driver, "Enregistrer le rendez-vous")
    wait(driver).until(EC.invisibility_of_element_located((By.ID, "book-title")))


def booked(db, name: str) -> list[str]:
    return [line for line in cli(db, "find", name).splitlines() if name in line]


def test_create_my_first_place_in_three_visible_steps_prints_its_poster_and_books(launch, tmp_path, save_dir):
    driver = first_start(launch, tmp_path)
    screenshot(driver, "premiers-pas.png")
    steps = []

    click_button(driver, "Créer mon premier lieu")
    steps.append(settled_step(driver))
    current = driver.find_element(By.CSS_SELECTOR, ".steps li[aria-current=step]").text
    assert current == "Le lieu", current
    fill(driver, "site-name", "Espace numérique du Marché")
    fill(driver, "site-address", "3 rue du Marché")
    fill(driver, "site-postcode", "67000")
    fill(driver, "site-city", "Strasbourg")
    click_button(driver, "Enregistrer le lieu")

    steps.append(settled_step(driver))
    on_appointment = driver.find_element(By.CSS_SELECTOR, 'input[name="perm-kind"][value="appointment"]')
    on_appointment.click()
    assert on_appointment.is_selected(), "« sur rendez-vous » is chosen"
    fill(driver, "perm-startTime", "14:00")
    fill(driver, "perm-endTime", "17:00")
    click_button(driver, "Enregistrer la permanence")
    wait(driver).until(EC.text_to_be_present_in_element((By.ID, "ways-permanences"), "1 permanence enregistrée"))
    press(driver, "Continuer : l'affiche")

    steps.append(settled_step(driver))
    poster = save_dir / "imprime-affiche-espace-numerique-du-marche.pdf"
    poster.unlink(missing_ok=True)
    press(driver, "Imprimer l'affiche")
    wait(driver).until(EC.visibility_of_element_located((By.ID, "ways-printed")))
    assert poster.exists(), f"the poster was printed: {sorted(p.name for p in save_dir.iterdir())}"
    text = subprocess.run(["pdftotext", str(poster), "-"], check=True, capture_output=True, text=True).stdout
    text = " ".join(text.split())
    assert "Espace numérique du Marché" in text and "3 rue du Marché" in text, text[:300]
    assert "14 h – 17 h, sur rendez-vous" in text.replace("\u00a0", " "), f"the permanence of step 2 is on the poster: {text[:300]}"
    click_button(driver, "Terminer")

    steps.append(settled_step(driver))
    assert steps == [
        "Étape 1 sur 3 : le lieu",
        "Étape 2 sur 3 : ses permanences",
        "Étape 3 sur 3 : l'affiche",
        "C'est prêt : l'agenda vous attend",
    ], steps
    db = tmp_path / "vide.sqlite3"
    book_on_the_agenda(driver, "Nadia Premierlieu")
    assert booked(db, "Nadia Premierlieu"), "the first appointment is in the database"


def test_the_first_place_path_can_be_left_at_any_step_and_keeps_what_was_saved(launch, tmp_path):
    driver = first_start(launch, tmp_path)
    click_button(driver, "Créer mon premier lieu")
    fill(driver, "site-name", "Mairie de quartier")
    fill(driver, "site-address", "1 place du Marché")
    fill(driver, "site-postcode", "67000")
    fill(driver, "site-city", "Strasbourg")
    click_button(driver, "Enregistrer le lieu")
    assert step_title(driver) == "Étape 2 sur 3 : ses permanences"
    click_button(driver, "Quitter les premiers pas")
    title = wait(driver).until(EC.visibility_of_element_located((By.ID, "site-title")))
    assert title.text == "Mairie de quartier", "the place saved before leaving stays, shown in its list"


def test_join_my_associations_network_from_an_empty_database_and_book(launch, tmp_path, radicale):  # noqa: F811
    # Another desk of the association already shares its places on the server.
    other = tmp_path / "autre-poste.sqlite3"
    source = tmp_path / "lieux.csv"
    source.write_text(NATIONAL_MAP, encoding="utf-8")
    cli(other, "import", "opendata", str(source))
    cli(other, "network", "join", "--url", radicale, "--user", USER, env=dict(os.environ, PERMANENCES_CALDAV_PASSWORD=PASSWORD))

    driver = first_start(launch, tmp_path)
    click_button(driver, "Rejoindre le réseau de mon association")
    needs = driver.find_element(By.ID, "ways-join-needs").text
    assert "l'adresse de son serveur d'agendas" in needs and "un compte" in needs, needs
    screenshot(driver, "premiers-pas-reseau.png")
    fill(driver, "net-address", radicale)
    fill(driver, "net-username", USER)
    fill(driver, "net-password", PASSWORD)
    click_button(driver, "Rejoindre le réseau")
    assert wait(driver, 90).until(lambda d: "C'est prêt" in step_title(d))
    db = tmp_path / "vide.sqlite3"
    sites = cli(db, "sites", "list")
    assert "Maison France Services" in sites, f"the network's places came with the join: {sites}"
    book_on_the_agenda(driver, "Karim Reseau")
    assert booked(db, "Karim Reseau")


def test_import_my_places_from_a_national_map_file_and_book(launch, tmp_path, save_dir):
    chosen = open_file(save_dir)
    chosen.write_text(NATIONAL_MAP, encoding="utf-8")
    try:
        driver = first_start(launch, tmp_path)
        click_button(driver, "Importer mes lieux")
        assert "cartographie nationale" in driver.find_element(By.ID, "ways-import-needs").text
        click_button(driver, "Importer des lieux depuis un fichier…")
        assert wait(driver, 30).until(lambda d: "C'est prêt" in step_title(d))
    finally:
        chosen.unlink(missing_ok=True)
    db = tmp_path / "vide.sqlite3"
    sites = cli(db, "sites", "list")
    assert "Maison France Services" in sites and "Illiade" in sites, sites
    book_on_the_agenda(driver, "Lucie Import")
    assert booked(db, "Lucie Import")


# Every guide page, and a screen it opens from: (the page's title, how to get there).
FROM_SCREENS = [
    ("Premiers pas", "lieux", None),
    ("Prendre un rendez-vous", "Agenda", None),
    ("Accueillir sans rendez-vous", "Agenda", "#walkin-name"),
    ("La liste d'attente", "Agenda", "#waiting-add"),
    ("Noter un accompagnement", "Accompagnements", None),
    ("Retrouver et prévenir", "Agenda", "#find-text"),
    ("Partager avec d'autres accueils", "Paramètres", "#net-address"),
    ("Imprimer pour le public", "Documents", None),
    ("Rendre compte à la Coop et aux financeurs", "Statistiques", None),
    ("Protéger les données personnelles", "Paramètres", "#prot-set"),
    ("Sauvegarder et restaurer", "Paramètres", "#prot-backup-now"),
]


def test_every_guide_page_opens_from_its_screen_with_f1_and_its_links_and_pictures_hold(launch, tmp_path):
    db = tmp_path / "reseau.sqlite3"
    cli(db, "demo")
    driver = launch(db)
    keys = Keyboard(driver)
    wait(driver, 30).until(EC.element_to_be_clickable((By.ID, "agenda-find")))
    titles = []
    for title, area, focus in FROM_SCREENS:
        if area == "lieux":
            open_area(driver, "Lieux et permanences")
        else:
            open_area(driver, area)
        if focus in ("#walkin-name", "#waiting-add"):
            # The walk-in queue and the waiting list are a place's: choose one.
            Select(wait(driver).until(EC.element_to_be_clickable((By.ID, "agenda-site")))).select_by_index(1)
        if focus:
            el = wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, focus)))
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus();", el)
        keys.press(Keys.F1)
        heading = wait(driver).until(EC.visibility_of_element_located((By.ID, "guide-title")))
        titles.append(heading.text)
        assert driver.find_element(By.CSS_SELECTOR, "nav button[aria-current=page]").text == "Aide"
    assert titles == [t for t, _, _ in FROM_SCREENS], titles

    # « Aide » in the navigation opens it too; then every page's links and pictures.
    open_area(driver, "Agenda")
    open_area(driver, "Aide")
    assert wait(driver).until(EC.visibility_of_element_located((By.ID, "guide-title"))).text == "Prendre un rendez-vous"
    screenshot(driver, "aide.png")
    pages = [a.get_attribute("href").split("#guide-")[-1] for a in driver.find_elements(By.CSS_SELECTOR, "a.guide-link")]
    assert len(pages) == len(FROM_SCREENS), pages
    for slug in pages:
        driver.find_element(By.CSS_SELECTOR, f'a.guide-link[href="#guide-{slug}"]').click()
        wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, f'article[data-page="{slug}"]')))
        missing = driver.execute_script(
            "return [...document.querySelectorAll('.guide-page img')].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.alt)"
        )
        assert not missing, f"{slug}: pictures not shown: {missing}"
        assert not driver.find_elements(By.CSS_SELECTOR, ".guide-page p.hint"), f"{slug}: a picture is missing from the bundle"
        for link in driver.find_elements(By.CSS_SELECTOR, ".guide-page a"):
            target = link.get_attribute("href").split("#guide-")[-1]
            assert target in pages, f"{slug}: the link « {link.text} » leads to a page of the guide"

    # Searchable: a word finds its page, accents aside.
    fill(driver, "guide-search", "sauvegarde")
    found = [a.text for a in driver.find_elements(By.CSS_SELECTOR, "a.guide-link")]
    assert "Sauvegarder et restaurer" in found and "Noter un accompagnement" not in found, found


def test_f1_over_a_dialog_shows_its_task_over_it_and_closing_comes_back_to_what_was_typed(launch, tmp_path):
    """F1 in the booking dialog: the page « Prendre un rendez-vous » opens over the dialog (the
    person stays on the agenda); Escape, or « Fermer l'aide », comes back to the dialog with the
    name typed and the focus in its field, and the booking goes on. In the visit dialog, F1
    opens « Noter un accompagnement », that dialog's task, not the agenda's."""
    db = tmp_path / "reseau.sqlite3"
    cli(db, "demo")
    driver = launch(db)
    keys = Keyboard(driver)
    wait(driver, 30).until(EC.element_to_be_clickable((By.ID, "agenda-find")))
    driver.find_element(By.ID, "agenda-find").click()
    click_button(driver, "Chercher les prochains créneaux libres")
    wait(driver).until(EC.presence_of_element_located((By.ID, "book-choice-0")))
    # The search puts the focus on the first choice a frame later; the person goes on from there.
    keys.wait_focus(lambda f: f["id"] == "book-choice-0", 5)
    field = wait(driver).until(EC.presence_of_element_located((By.ID, "book-residentName")))
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus();", field)
    field.send_keys("Jeanne Aide")
    assert field.get_attribute("value") == "Jeanne Aide", field.get_attribute("value")

    for close in (Keys.ESCAPE, "Fermer l'aide"):
        keys.press(Keys.F1)
        title = wait(driver).until(EC.visibility_of_element_located((By.ID, "guide-over-title")))
        assert title.text == "Prendre un rendez-vous", title.text
        try:
            keys.wait_focus(lambda f: f["id"] == "guide-over-title", 5)
        except Exception:
            raise AssertionError(f"F1 ({close!r} next): the focus is on {keys.focus()}, not the help's title") from None
        assert driver.find_element(By.CSS_SELECTOR, "nav button[aria-current=page]").text == "Agenda", "F1 does not leave the agenda"
        assert len(driver.find_elements(By.CSS_SELECTOR, "dialog[open]")) == 2, "the help is over the booking dialog, which stays open"
        if close == Keys.ESCAPE:
            keys.press(Keys.ESCAPE)
        else:
            press(driver, close)
        wait(driver).until(EC.invisibility_of_element_located((By.ID, "guide-over-title")))
        # The focus comes back to the field where F1 was pressed. (It once went to the first
        # choice: that was the search's late focus, which this test now waits for above.)
        try:
            keys.wait_focus(lambda f: f["id"] == "book-residentName" and f["dialogOpen"], 5)
        except Exception:
            raise AssertionError(f"closed by {close!r}, the focus is on {keys.focus()}") from None
        assert driver.find_element(By.ID, "book-residentName").get_attribute("value") == "Jeanne Aide", "what was typed is kept"
    click_button(driver, "Enregistrer le rendez-vous")
    wait(driver).until(EC.invisibility_of_element_located((By.ID, "book-title")))
    assert booked(db, "Jeanne Aide"), "the booking went on after the help"

    open_area(driver, "Accompagnements")
    wait(driver).until(EC.element_to_be_clickable((By.ID, "visit-new"))).click()
    wait(driver).until(EC.visibility_of_element_located((By.ID, "visit-title")))
    keys.press(Keys.F1)
    title = wait(driver).until(EC.visibility_of_element_located((By.ID, "guide-over-title")))
    assert title.text == "Noter un accompagnement", title.text
    keys.press(Keys.ESCAPE)
    wait(driver).until(EC.invisibility_of_element_located((By.ID, "guide-over-title")))
    assert driver.find_element(By.ID, "visit-title").is_displayed(), "Escape closes the help only, not the visit dialog"


# Paramètres › « Premiers pas »: each way in, and the first step it reaches.
LATER_WAYS = [
    ("settings-way-create", "Étape 1 sur 3 : le lieu", "site-name"),
    ("settings-way-join", "Rejoindre le réseau de mon association", "net-address"),
    ("settings-way-import", "Importer mes lieux", None),
]


def test_the_three_ways_in_open_from_parametres_on_their_first_step(launch, tmp_path):
    db = tmp_path / "reseau.sqlite3"
    cli(db, "demo")
    driver = launch(db)
    wait(driver, 30).until(EC.element_to_be_clickable((By.ID, "agenda-find")))
    for button, step, field in LATER_WAYS:
        open_area(driver, "Paramètres")
        wait(driver).until(EC.element_to_be_clickable((By.ID, button))).click()
        assert step_title(driver) == step
        assert driver.find_element(By.CSS_SELECTOR, "nav button[aria-current=page]").text == "Lieux et permanences"
        assert driver.find_element(By.ID, "ways-title").text == "Premiers pas", "places exist: no « Bienvenue ! »"
        if field:
            wait(driver).until(EC.element_to_be_clickable((By.ID, field)))
        else:
            assert "cartographie nationale" in driver.find_element(By.ID, "ways-import-needs").text
            button_xpath = "//button[normalize-space()='Importer des lieux depuis un fichier…']"
            wait(driver).until(EC.element_to_be_clickable((By.XPATH, button_xpath)))
        click_button(driver, "Quitter les premiers pas")
        wait(driver).until(EC.invisibility_of_element_located((By.ID, "ways-step-title")))
