"""Suites A to D: labelled cases written by people who had seen neither the scanner nor its
corpus nor the other suites (A: 84 cases; B, C and D: 112 each, across more frameworks).

Their first runs scored +0.67, +0.54, +0.71 and +0.80 (the README says so). The engine was then
improved on what A, B and C missed, so they are no longer held out; D has not been tuned on
(write a fresh suite before changing the engine from D's misses). All stay as regression floors.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from aicc.code import builtin_rules
from aicc.code.scorecard import Scorecard, benchmark

HERE = Path(__file__).parent
#: suite -> (real and safe cases per category, the least average score, the least score of a
#: category, the most average false-positive rate)
FLOORS = {
    "suite_a": (3, 0.9, 0.6, 0.05),
    "suite_b": (4, 0.85, 0.5, 0.05),
    "suite_c": (4, 0.85, 0.5, 0.05),
    "suite_d": (4, 0.75, 0.5, 0.15),
}


@pytest.fixture(scope="module", params=sorted(FLOORS))
def suite(request: pytest.FixtureRequest) -> tuple[str, Scorecard]:
    folder = HERE / request.param
    return request.param, benchmark(folder, folder / "expected.csv", builtin_rules(), bandit=False)


def test_each_suite_has_fourteen_categories_of_as_many_real_as_safe_cases(
    suite: tuple[str, Scorecard],
) -> None:
    name, scorecard = suite
    static = scorecard.tool("static")
    per_side = FLOORS[name][0]
    assert len(static.categories) == 14
    assert all((c.tp + c.fn, c.tn + c.fp) == (per_side, per_side) for c in static.categories)


def test_the_static_scan_keeps_its_score_on_each_suite(suite: tuple[str, Scorecard]) -> None:
    name, scorecard = suite
    static = scorecard.tool("static")
    _, least_average, least_category, most_fpr = FLOORS[name]
    assert static.average_score is not None and static.average_score >= least_average
    assert static.average_fpr is not None and static.average_fpr <= most_fpr
    assert all(c.score is not None and c.score >= least_category for c in static.categories), [
        (c.category, c.score) for c in static.categories
    ]
