#!/usr/bin/env python3
"""`make link-order`: writes src-tauri/link-order.txt, the functions of the window's binary that
its start and the footprint's screen tour run, for the linker to place together (build.rs).

The kernel maps a binary's code around each page that runs (64 KiB at a time): with the
functions of the start spread over the whole binary, 9 of its 10 MB of code were resident after
the tour, for about 2.4 MB of functions run. Laid out together, they fill fewer pages.

Called by scripts/link-order.sh with an unstripped release binary; runs it once under
callgrind (valgrind), on the demo data set, the day pinned as `make footprint` pins it, with
the same screen tour, then keeps the names callgrind saw that the binary defines.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import footprint as fp  # noqa: E402

HEADER = """\
# The functions that the window's start and `make footprint`'s screen tour run, one mangled
# name per line: build.rs gives this file to the linker (lld's --symbol-ordering-file) for
# release builds, which places them first and together in the binary's code. Written by
# `make link-order` (scripts/link_order.py, under callgrind): run it again after a change of
# the start's code or of the dependencies (names no longer found are skipped, so a stale list
# only costs memory: the footprint's resident code grows back towards 9 MB).
"""


def defined_text_symbols(binary: Path) -> set[str]:
    out = subprocess.run(["nm", "--defined-only", str(binary)], check=True, capture_output=True, text=True).stdout
    names = set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in "tTwW":
            names.add(parts[2])
    if not names:
        raise SystemExit(f"{binary} : aucun symbole (binaire sans symboles ?)")
    return names


def ran(outputs: list[Path]) -> set[str]:
    """Every function name callgrind recorded as run or called (`fn=` and `cfn=` lines)."""
    named = re.compile(r"^c?fn=\(\d+\) (.+)$")
    names = set()
    for out in outputs:
        for line in out.read_text(errors="replace").splitlines():
            m = named.match(line)
            if m:
                names.add(m.group(1))
    return names


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--app", type=Path, required=True, help="the window's binary, with its symbols")
    ap.add_argument("--demo-db", type=Path, required=True)
    ap.add_argument("--now", required=True)
    ap.add_argument("--out", type=Path, required=True)
    a = ap.parse_args()

    defined = defined_text_symbols(a.app)
    with tempfile.TemporaryDirectory(prefix="link-order-") as tmp:
        work = Path(tmp)
        source = work / "source"
        source.mkdir()
        shutil.copyfile(a.demo_db, source / "permanences.sqlite3")
        wrapper = work / "permanences-app"
        wrapper.write_text(
            "#!/bin/sh\nexec valgrind -q --tool=callgrind --demangle=no "
            f"--callgrind-out-file={work}/callgrind.out.%p \"{a.app.resolve()}\" \"$@\"\n"
        )
        wrapper.chmod(0o755)
        disp, xvfb = fp.start_xvfb()
        try:
            env = dict(os.environ, DISPLAY=disp, PERMANENCES_FOOTPRINT="1", PERMANENCES_NOW=a.now)
            subject = fp.Subject("window", wrapper, env, source)
            run = subject.launch(work / "launch")
            try:
                # Under callgrind the start takes seconds, not milliseconds.
                run.wait_for("agenda", timeout=600)
                run.wait_for("idle", timeout=600)
                time.sleep(2)
                subprocess.run(["callgrind_control", "--dump", str(run.proc.pid)], capture_output=True)
            finally:
                run.stop()  # callgrind writes the rest as the program ends
        finally:
            xvfb.terminate()
        outputs = sorted(work.glob("callgrind.out.*"))
        if not outputs:
            raise SystemExit("callgrind n'a rien écrit : valgrind est-il installé ?")
        order = sorted(ran(outputs) & defined)
    a.out.write_text(HEADER + "".join(f"{name}\n" for name in order))
    print(f"{a.out}: {len(order)} functions of {len(defined)} run at start and in the tour")


if __name__ == "__main__":
    main()
