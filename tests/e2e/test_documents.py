"""The Documents screen previews a site's poster from the real data, and switches documents."""

import subprocess

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from conftest import ROOT, screenshot
from test_sites import open_area, wait


def test_poster_preview_of_the_demo_network(launch, tmp_path):
    db = tmp_path / "demo.sqlite3"
    subprocess.run([str(ROOT / "target" / "debug" / "permanences"), "--db", str(db), "demo"], check=True, capture_output=True)
    driver = launch(db)
    open_area(driver, "Documents")
    img = wait(driver).until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".preview img.page")))
    assert "Aperçu de la première page" in img.get_attribute("alt")
    # The preview is drawn: the image has a real size once loaded.
    wait(driver).until(lambda d: d.execute_script("return arguments[0].naturalWidth", img) > 100)
    info = driver.find_element(By.CSS_SELECTOR, ".preview").text
    assert "1 page" in info, info
    screenshot(driver, "documents.png")

    driver.find_element(By.XPATH, "//label[contains(., 'Feuille du jour')]/input").click()
    notice = wait(driver).until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".preview .notice")))
    assert "Document interne" in notice.text
