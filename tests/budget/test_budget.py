"""The budgets of budgets.toml, kept by `make test` (`make test-budget`): what a person pays
for may not grow unless someone raises its budget there, with the reason.

Here: the UI bundle (gzip) and the crates compiled into the shipped binaries. The first
screen's IPC round trips are counted by ui/tests/firstScreen.test.ts, the package's sizes by
tests/package (both read the same file).
"""

import gzip
import re
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUDGETS_FILE = ROOT / "budgets.toml"
BUDGETS = tomllib.loads(BUDGETS_FILE.read_text(encoding="utf-8"))


def within(what: str, value: float, budget: float, unit: str) -> None:
    """Fails, saying how to decide otherwise, when `value` is past `budget`."""
    assert value <= budget, (
        f"{what}: {value:g} {unit}, past its budget of {budget:g} {unit}. If the growth is "
        f"worth it, raise the budget in budgets.toml with a comment saying who and why."
    )


def bundle_gzip_kib(dist: Path) -> float:
    """gzip -9 of every file the binary embeds, as `make footprint` counts it."""
    files = [f for f in dist.rglob("*") if f.is_file()]
    assert files, f"{dist} is empty: build the UI first (make ui)"
    return sum(len(gzip.compress(f.read_bytes(), 9)) for f in files) / 1024


def crates(package: str) -> set[str]:
    """Name and version of each crate compiled into `package`'s binaries (normal edges only:
    no build scripts' or tests' dependencies), from Cargo.lock without the network."""
    out = subprocess.run(
        ["cargo", "tree", "-e", "normal", "--prefix", "none", "--offline", "-p", package],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout
    return {" ".join(line.split()[:2]) for line in out.splitlines() if line.strip()}


def test_every_budget_says_who_raised_it_and_why():
    """A figure without its comment is a budget nobody decided."""
    lines = BUDGETS_FILE.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        if re.match(r"^\s*[a-z_]+\s*=", line):
            above = lines[i - 1].strip() if i else ""
            assert above.startswith("#") or re.match(r"^\s*[a-z_]+\s*=", lines[i - 1]), (
                f"budgets.toml line {i + 1} ({line.strip()}) has no comment above its block"
            )


def test_ui_bundle_gzip():
    within("UI bundle (gzip -9 of ui/dist)", round(bundle_gzip_kib(ROOT / "ui" / "dist"), 1),
           BUDGETS["ui"]["bundle_gzip_kib"], "KiB")


@pytest.mark.parametrize("program,package", [("app", "permanences-app"), ("cli", "permanences")])
def test_crates_compiled_into_the_binaries(program, package):
    found = crates(package)
    # The count must be of the real tree: the core and its main dependencies are in it.
    assert {c.split()[0] for c in found} >= {"permanences", "rusqlite", "chrono"}, sorted(found)
    within(f"crates compiled into the {program} ({package})", len(found),
           BUDGETS["crates"][program], "crates")


def test_a_growth_past_a_budget_fails():
    """The check itself: one unit past the budget fails, the budget itself passes."""
    within("at the budget", 10, 10, "KiB")
    with pytest.raises(AssertionError, match="past its budget of 10 KiB.*budgets.toml"):
        within("one past", 11, 10, "KiB")
