"""One window per database file: launching the app again on a file that is already open brings
the open window forward and ends at once, instead of a second window editing the same data.
Another file still opens in its own window."""

import os
import signal
import subprocess
import time

from conftest import APP


def start(args, env, out_dir, name):
    """Starts the app in a process group of its own, its output in files: a launch that does
    not end is killed whole (with the web processes it started) and shown, never waited on."""
    out, err = out_dir / f"{name}.out", out_dir / f"{name}.err"
    with open(out, "w") as o, open(err, "w") as e:
        proc = subprocess.Popen([str(APP), *args], env=env, stdout=o, stderr=e, start_new_session=True)
    return proc, out, err


def stop(proc):
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)


def test_second_launch_on_the_same_file_hands_over_to_the_first(launch, display, tmp_path):
    db = tmp_path / "unique.sqlite3"
    driver = launch(db)
    driver.find_element("css selector", "nav")  # the first window is up, on its data
    env = dict(os.environ, DISPLAY=display)

    again, out, err = start(["--db", str(db)], env, tmp_path, "again")
    try:
        again.wait(timeout=30)
    except subprocess.TimeoutExpired:
        stop(again)
        raise AssertionError(
            "the second launch on the same file opened instead of handing over; it said:\n"
            + out.read_text() + err.read_text()
        ) from None
    assert again.returncode == 0, err.read_text()
    assert "déjà ouvert" in out.read_text(), out.read_text() + err.read_text()

    other, _, other_err = start(["--db", str(tmp_path / "autre.sqlite3")], env, tmp_path, "other")
    try:
        time.sleep(3)
        assert other.poll() is None, "another database file opens in a window of its own: " + other_err.read_text()
    finally:
        stop(other)

    assert driver.find_element("css selector", "nav").is_displayed(), "the first window is still there"
