"""A coordinator opens « Statistiques » on the demo network's year: the months chart is an
image named by its finding, its table has twelve months whose visits add up to the period's,
and the table shown on demand reads the same numbers. The screen is kept as a screenshot."""

import datetime
import subprocess

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

from conftest import ROOT, paris_now, screenshot
from test_sites import open_area, wait

CLI = ROOT / "target" / "debug" / "permanences"


def test_the_year_at_a_glance(launch, tmp_path):
    db = tmp_path / "annee.sqlite3"
    subprocess.run([str(CLI), "--db", str(db), "demo"], check=True, capture_output=True)
    driver = launch(db)
    open_area(driver, "Statistiques")
    # The twelve whole months before this one: the demo's year.
    today = paris_now().date()
    first = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    first = first.replace(year=first.year - 1) if first.month == 12 else first.replace(year=first.year - 1, month=first.month + 1)
    last = today.replace(day=1) - datetime.timedelta(days=1)
    Select(wait(driver).until(EC.element_to_be_clickable((By.ID, "stats-span")))).select_by_visible_text("Dates choisies")
    for field, day in (("stats-from", first), ("stats-to", last)):
        box = wait(driver).until(EC.element_to_be_clickable((By.ID, field)))
        box.clear()
        box.send_keys(day.strftime("%d/%m/%Y"), Keys.ENTER)
    # The chart of the year once it replaced the month's shown on arrival: twelve rows.
    wait(driver).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "[data-chart='months'] tbody tr")) == 12)
    months = driver.find_element(By.CSS_SELECTOR, "[data-chart='months']")
    finding = months.find_element(By.CSS_SELECTOR, ".finding").text
    assert finding.startswith("Le mois le plus chargé"), finding
    image = months.find_element(By.CSS_SELECTOR, "svg[role='img']")
    named_by = driver.find_element(By.ID, image.get_attribute("aria-labelledby")).text
    assert named_by == finding, "the drawing's text alternative is its finding"

    months.find_element(By.XPATH, ".//button[starts-with(normalize-space(), 'Afficher les chiffres')]").click()
    rows = wait(driver).until(lambda d: [r for r in months.find_elements(By.CSS_SELECTOR, "tbody tr") if r.is_displayed()])
    assert len(rows) == 12, [r.text for r in rows]
    visits = [int(r.find_elements(By.TAG_NAME, "td")[1].text) for r in rows]
    assert all(v > 0 for v in visits), visits
    total = int(driver.find_element(By.ID, "stats-result").get_attribute("data-visits"))
    assert sum(visits) == total, f"the months' visits {visits} add up to the period's {total}"
    bars = image.find_elements(By.CSS_SELECTOR, "rect")
    assert len(bars) == 12 * 4, "four bars a month"
    months.find_element(By.XPATH, ".//button[starts-with(normalize-space(), 'Masquer les chiffres')]").click()
    driver.execute_script("document.getElementById('charts-title').scrollIntoView()")
    screenshot(driver, "statistics-year.png")
    driver.execute_script("document.querySelector(\"[data-chart='reasons']\").scrollIntoView()")
    reminded = driver.find_element(By.CSS_SELECTOR, "[data-chart='reminded'] .finding").text
    assert reminded.startswith("Prévenues, les personnes manquent moins souvent"), reminded
    screenshot(driver, "statistics-absences.png")
