"""Paramètres › Protection des données: a mediator protects the data with a passphrase;
after a restart the app asks for it, refuses a wrong one in French, and the right one opens
the data. Then a backup is taken and restored from the list.
"""

import sqlite3
import subprocess

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from conftest import ROOT, screenshot
from test_sites import click_button, fill, open_area, wait

PASS = "le chat dort au soleil"
CLI = ROOT / "target" / "debug" / "permanences"


def demo_db(tmp_path):
    db = tmp_path / "demo.sqlite3"
    subprocess.run([str(CLI), "--db", str(db), "demo"], check=True, capture_output=True)
    return db


def sites_seen_by_cli(db, passphrase=None):
    env = {"PERMANENCES_PASSPHRASE": passphrase} if passphrase else {}
    return subprocess.run([str(CLI), "--db", str(db), "sites", "list"], capture_output=True, text=True, env=env)


def test_set_a_passphrase_restart_and_unlock(launch, tmp_path):
    db = demo_db(tmp_path)
    driver = launch(db)
    open_area(driver, "Paramètres")
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".protection[data-ready='true']")))
    driver.find_element(By.ID, "prot-set").click()
    # The warning comes before anything can be set, and the box must be ticked.
    warning = wait(driver).until(EC.visibility_of_element_located((By.ID, "prot-warning")))
    assert "ne peut pas être retrouvée" in warning.text
    fill(driver, "prot-passphrase", PASS)
    fill(driver, "prot-confirmation", PASS)
    assert not driver.find_element(By.ID, "prot-submit").is_enabled(), "not before « J'ai noté »"
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", driver.find_element(By.ID, "prot-noted"))
    screenshot(driver, "protection-phrase-secrete.png")
    driver.find_element(By.ID, "prot-noted").click()
    driver.find_element(By.ID, "prot-submit").click()
    wait(driver).until(EC.text_to_be_present_in_element((By.ID, "prot-state"), "Les données sont chiffrées"))
    driver.quit()

    # The file is encrypted: the command line cannot read it without the passphrase.
    refused = sites_seen_by_cli(db)
    assert refused.returncode == 1 and "phrase secrète" in refused.stderr, refused.stderr
    assert b"SQLite format 3" not in db.read_bytes()[:16]

    driver = launch(db)
    wait(driver).until(EC.visibility_of_element_located((By.ID, "unlock-title")))
    fill(driver, "unlock-passphrase", "le chien dort au soleil")
    click_button(driver, "Ouvrir")
    error = wait(driver).until(EC.visibility_of_element_located((By.ID, "unlock-passphrase-error")))
    assert "phrase secrète est incorrecte" in error.text, error.text
    screenshot(driver, "deverrouillage.png")
    fill(driver, "unlock-passphrase", PASS)
    click_button(driver, "Ouvrir")
    open_area(driver, "Lieux et permanences")
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".site-list")))
    assert "Médiathèque" in driver.find_element(By.TAG_NAME, "main").text, "the demo data is there"
    assert sites_seen_by_cli(db, PASS).returncode == 0


def test_backup_now_and_restore_from_the_list(launch, tmp_path):
    db = demo_db(tmp_path)
    # The demo's visits follow today's date: count them rather than expect a fixed number.
    conn = sqlite3.connect(db)
    visits = conn.execute("SELECT count(*) FROM visits").fetchone()[0]
    conn.close()
    driver = launch(db)
    open_area(driver, "Paramètres")
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".protection[data-ready='true']")))
    # The backup thread takes one at start, without anyone asking; then one more now.
    backups = tmp_path / "sauvegardes"
    wait(driver).until(lambda _: list(backups.glob("permanences-*.sqlite3")))
    click_button(driver, "Sauvegarder maintenant")
    wait(driver).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "tr[data-backup]")) >= 2)
    assert len(list(backups.glob("permanences-*.sqlite3"))) == 2, "the start-up backup and this one"
    section = driver.find_element(By.CSS_SELECTOR, ".protection")
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", section)
    screenshot(driver, "protection-donnees.png")
    driver.find_element(By.CSS_SELECTOR, "tr[data-backup] button").click()
    counts = wait(driver).until(EC.visibility_of_element_located((By.ID, "restore-counts")))
    assert "5 lieu(x)" in counts.text and f"{visits} accompagnement(s)" in counts.text, counts.text
    screenshot(driver, "restauration.png")
    driver.find_element(By.ID, "restore-confirm").click()
    # The window starts again on the restored data.
    wait(driver).until(EC.staleness_of(counts))
    open_area(driver, "Paramètres")
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".protection[data-ready='true']")))
    # The two backups, and the replaced file kept as a third before the restore.
    wait(driver).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "tr[data-backup]")) == 3)
    assert len(list(backups.glob("permanences-*.sqlite3"))) == 3
