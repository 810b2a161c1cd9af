"""Suite A: 84 labelled cases written by someone who had not seen the scanner or its corpus.

Its first run scored +0.67 (the README says so); the engine was then improved on what it missed,
so it is no longer held out. It stays as a regression floor: every category must keep scoring.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from aicc.code import builtin_rules
from aicc.code.scorecard import Scorecard, benchmark

SUITE = Path(__file__).parent / "suite_a"


@pytest.fixture(scope="module")
def scorecard() -> Scorecard:
    return benchmark(SUITE, SUITE / "expected.csv", builtin_rules(), bandit=False)


def test_the_suite_has_fourteen_categories_of_three_real_and_three_safe_cases(
        scorecard: Scorecard) -> None:
    static = scorecard.tool("static")
    assert len(static.categories) == 14
    assert all((c.tp + c.fn, c.tn + c.fp) == (3, 3) for c in static.categories)


def test_the_static_scan_keeps_its_score_on_suite_a(scorecard: Scorecard) -> None:
    static = scorecard.tool("static")
    assert static.average_score is not None and static.average_score >= 0.9
    assert static.average_fpr == 0
    assert all(c.score is not None and c.score >= 0.6 for c in static.categories), [
        (c.category, c.score) for c in static.categories]
