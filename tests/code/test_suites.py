"""Suites A to M: labelled cases written by people who had seen neither the scanner nor its
corpus nor the other suites (A: 84 cases; B to M: 112 each; A to F across several frameworks,
G small single-file Flask applications, H to M small Flask, Django, FastAPI, aiohttp and
Tornado applications).

Their first runs scored +0.67, +0.54, +0.71, +0.80, +0.50, +0.29, +0.84, +0.73, +0.68, +0.41,
+0.59, +0.79 and +0.91 (the README says so). The engine was then improved on what A, B, C, E,
F, H, I, J, K and L missed, so they are no longer held out; D, G and M have not been tuned on
(write a fresh suite before changing the engine from their misses). All stay as regression
floors.
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
    # first run +0.50 (TPR 0.68, FPR 0.18); +0.80 after the engine learnt from its misses
    "suite_e": (4, 0.8, 0.25, 0.06),
    # first run +0.29 (TPR 0.52, FPR 0.23), +0.46 after E's changes (TPR 0.64, FPR 0.18);
    # +0.80 (TPR 0.82, FPR 0.02) after the engine learnt from F's own misses
    "suite_f": (4, 0.8, 0.25, 0.03),
    # first run +0.84 (TPR 0.96, FPR 0.12) on the engine of before F's changes; +0.88 (TPR 0.96,
    # FPR 0.09) after them, still held out (nothing was changed for G)
    "suite_g": (4, 0.85, 0.5, 0.1),
    # first run +0.73 (TPR 0.88, FPR 0.14; trustbound and xss +0.25) on the engine of
    # 2026-12-07, held out; +0.95 (TPR 0.98, FPR 0.04; hash, secure cookie and XXE +0.75) after
    # the engine learnt from its misses
    "suite_h": (4, 0.94, 0.75, 0.05),
    # first run +0.68 (TPR 0.77, FPR 0.09; hash and redirect +0.25) on the engine after H's
    # lessons, 2026-12-07; +0.77 (TPR 0.80, FPR 0.04; hash +0.25, XXE +0.50) after the engine
    # learnt from its misses
    "suite_i": (4, 0.87, 0.75, 0.05),
    # first run +0.41 (TPR 0.63, FPR 0.21; hash -0.50, trust boundary and XXE 0.00) on the
    # engine after I's lessons, 2026-12-07; +0.71 (TPR 0.84, FPR 0.12) after the engine learnt
    # from its misses (hash, judged by the algorithm, stays -0.25: MD5 as an ETag is flagged,
    # a single SHA-256 of a password is not)
    # ... +0.80 (hash +1.00) once a weak hash was judged by what it hashes
    "suite_j": (4, 0.8, 0.5, 0.08),
    # first run +0.59 (TPR 0.73, FPR 0.14; hash -0.25, XPath and XXE +0.25) on the engine after
    # J's lessons, 2026-12-07; +0.80 (TPR 0.91, FPR 0.11) after the engine learnt from its
    # misses once L was scored
    "suite_k": (4, 0.8, 0.25, 0.11),
    # first run +0.79 (TPR 0.89, FPR 0.11; codeinj and trust boundary +0.50) on the engine
    # after J's lessons and the hash rules, 2026-12-07 (+0.73 on the engine before the hash
    # rules: hash 0.00); +0.89 (TPR 0.96, FPR 0.07) after the engine learnt from its misses
    "suite_l": (4, 0.89, 0.5, 0.08),
    # first run +0.91 (TPR 0.95, FPR 0.04; no category under +0.75) on the engine after K's
    # and L's lessons, 2026-12-07 (+0.89 before them, +0.88 before this day's hash rules);
    # held out: not tuned on
    "suite_m": (4, 0.91, 0.75, 0.04),
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
