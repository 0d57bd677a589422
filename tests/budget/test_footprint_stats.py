"""The footprint's arithmetic (scripts/footprint.py): median and interquartile range, and from
how many rounds on two runs agree within 5 %. The measure itself needs a release build and a
quiet machine (`make footprint`); its verdicts rest on these."""

import importlib.util
from pathlib import Path

import pytest

SPEC = importlib.util.spec_from_file_location(
    "footprint", Path(__file__).resolve().parents[2] / "scripts" / "footprint.py")
footprint = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(footprint)


def test_median_and_interquartile_range():
    med, iqr = footprint.quartiles([1.0, 2.0, 3.0, 4.0, 100.0])
    assert med == 3.0
    assert iqr == 2.0  # Q1 2, Q3 4: one slow launch moves neither


def test_two_runs_agree_from_the_round_where_they_stay_within_five_percent():
    names = ["demo", "floor"]
    before = {"demo": [1.0, 1.0, 1.0, 1.0, 1.0, 1.0], "floor": [1.0] * 6}
    # This run's first launches are slow (a cold machine), then it matches the last one.
    now = {"demo": [1.5, 1.5, 1.0, 1.0, 1.0, 1.0], "floor": [1.0] * 6}
    gaps, settled = footprint.agreement(now, before, names)
    assert gaps[3] == pytest.approx(0.5)
    assert gaps[6] == pytest.approx(0.0)
    assert settled == 5, gaps


def test_two_runs_that_never_agree_say_so():
    before = {"demo": [1.0] * 5}
    now = {"demo": [1.2] * 5}
    gaps, settled = footprint.agreement(now, before, ["demo"])
    assert settled is None
    assert max(gaps.values()) == pytest.approx(0.2)
