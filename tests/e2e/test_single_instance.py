"""One window per database file: launching the app again on a file that is already open brings
the open window forward and ends at once, instead of a second window editing the same data.
Another file still opens in its own window."""

import os
import subprocess
import time

from conftest import APP


def test_second_launch_on_the_same_file_hands_over_to_the_first(launch, display, tmp_path):
    db = tmp_path / "unique.sqlite3"
    driver = launch(db)
    driver.find_element("css selector", "nav")  # the first window is up, on its data
    env = dict(os.environ, DISPLAY=display)

    again = subprocess.run([str(APP), "--db", str(db)], env=env, capture_output=True, text=True, timeout=30)
    assert again.returncode == 0, again
    assert "déjà ouvert" in again.stdout, again.stdout

    other = subprocess.Popen([str(APP), "--db", str(tmp_path / "autre.sqlite3")], env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(3)
        assert other.poll() is None, "another database file opens in a window of its own"
    finally:
        other.terminate()
        other.wait(timeout=10)

    assert driver.find_element("css selector", "nav").is_displayed(), "the first window is still there"
