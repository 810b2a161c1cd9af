"""An OWASP-Benchmark-style scorecard: how well a tool tells real vulnerabilities from safe code.

A corpus is a folder of Python files and an expected-results CSV naming, per test file, its
category, whether it holds a real vulnerability, and the CWE. Every tool scans the whole corpus
once; a test is *flagged* by a tool when the tool reports a finding of an equivalent CWE in the
test's file (or on a source-to-sink path through it). Findings of other CWEs in a test's file
count neither for nor against it, as in the OWASP Benchmark scorecard. Per category the tool
gets a true-positive rate (TPR), a false-positive rate (FPR) and a score, TPR - FPR; a tool that
flags everything, or nothing, scores 0.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aicc.code import python_files, scan_paths
from aicc.code.cwes import accepted_cwes
from aicc.code.rules import RuleSet
from aicc.code.scorecard_review import REVIEWED, ReviewEffect, review_effect, touched_files
from aicc.core.code_findings import CodeScan
from aicc.core.errors import LocatedError

if TYPE_CHECKING:
    from aicc.code.review import CodeReview

Review = Callable[[CodeScan], "CodeReview"]

_BANDIT_CWES: dict[str, int] = {
    "B102": 95,
    "B307": 95,  # exec_used, eval: Bandit tags them CWE-78, they are code injection
    "B506": 502,  # yaml_load: tagged CWE-20, it is unsafe deserialisation
    **{f"B{n}": 611 for n in (*range(313, 321), *range(405, 412))},  # XML parsers: CWE-20 -> 611
}
"""Bandit tests whose own CWE tag is a generic or different id than the weakness they find.

Bandit files every XML parser and ``yaml.load`` under CWE-20 (improper input validation) and
``eval``/``exec`` under CWE-78; scored by those ids it could never be credited for XXE,
deserialisation or code injection. Correcting them makes the comparison about detection, not
about labels. Every other Bandit finding keeps Bandit's own ``issue_cwe``.
"""


class ScorecardError(LocatedError):
    """The expected-results file or the corpus cannot be scored."""


# --- the expected results ---------------------------------------------------------------------


@dataclass(frozen=True)
class ExpectedResult:
    """One test of the corpus: its category, whether it is really vulnerable, and the CWE."""

    test: str
    category: str
    real: bool
    cwe: int
    line: int

    def to_json(self) -> dict[str, Any]:
        """The test as a JSON object."""
        return {"test": self.test, "category": self.category, "real": self.real, "cwe": self.cwe}


_BOOLEANS = {"true": True, "false": False}


def read_expected(path: Path) -> tuple[ExpectedResult, ...]:
    """Read an expected-results CSV: ``test name, category, real vulnerability, cwe`` per line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ScorecardError(f"cannot read: {exc}", path=str(path)) from exc
    results: dict[str, ExpectedResult] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        fields = [part.strip() for part in line.split(",")]
        if fields[0].lower() == "test name":
            continue
        result = _expected_row(fields, path, number)
        if result.test in results:
            first = results[result.test].line
            raise _row_error(
                path, number, f"duplicate test name {result.test!r} (first on line {first})"
            )
        results[result.test] = result
    if not results:
        raise ScorecardError("no tests in the expected-results file", path=str(path))
    return tuple(results.values())


def _expected_row(fields: list[str], path: Path, number: int) -> ExpectedResult:
    if len(fields) != 4:
        raise _row_error(
            path,
            number,
            f"expected 4 fields (test name, category, real vulnerability, cwe), got {len(fields)}",
        )
    test, category, real, cwe = fields
    if not test or not category:
        raise _row_error(path, number, "the test name and category must not be empty")
    if real.lower() not in _BOOLEANS:
        raise _row_error(path, number, f"real vulnerability must be true or false, not {real!r}")
    if not cwe.isdigit() or int(cwe) == 0:
        raise _row_error(path, number, f"cwe must be a positive integer, not {cwe!r}")
    return ExpectedResult(test, category, _BOOLEANS[real.lower()], int(cwe), number)


def _row_error(path: Path, number: int, message: str) -> ScorecardError:
    return ScorecardError(message, path=str(path), location=f"line {number}")


def files_of_tests(
    corpus: Path, expected: Sequence[ExpectedResult], expected_path: Path
) -> dict[str, Path]:
    """Each test's file: the one ``.py`` file under ``corpus`` whose stem is the test name."""
    by_stem: dict[str, list[Path]] = {}
    for file in python_files([corpus]):
        by_stem.setdefault(file.stem, []).append(file.resolve())
    files = {}
    for result in expected:
        found = by_stem.get(result.test, [])
        if not found:
            raise _row_error(
                expected_path,
                result.line,
                f"no file {result.test}.py for test {result.test!r} under {corpus}",
            )
        if len(found) > 1:
            raise _row_error(
                expected_path,
                result.line,
                f"test {result.test!r} matches several files: {', '.join(map(str, found))}",
            )
        files[result.test] = found[0]
    return files


# --- what the tools report --------------------------------------------------------------------


@dataclass(frozen=True)
class Reported:
    """One finding reduced to what scoring needs: its CWE and the files it touches."""

    cwe: int
    files: frozenset[Path]


@dataclass(frozen=True)
class ToolRun:
    """A tool's findings over the corpus, how long it took, or why it could not run."""

    tool: str
    reported: tuple[Reported, ...] = ()
    files: int = 0
    seconds: float = 0.0
    version: str | None = None
    unavailable: str | None = None


def _aicc_version() -> str | None:
    try:
        return metadata.version("aicc")
    except metadata.PackageNotFoundError:  # pragma: no cover - run from an uninstalled tree
        return None


def reported_of(scan: CodeScan) -> tuple[Reported, ...]:
    """Our findings, each touching its own file and every file of its source-to-sink path."""
    return tuple(Reported(f.cwe, touched_files(f)) for f in scan.findings)


def run_static(corpus: Path, rules: RuleSet) -> tuple[ToolRun, CodeScan]:
    """Scan the corpus with our taint analysis; the scan is returned too, for the AI review."""
    started = time.perf_counter()
    scan = scan_paths([corpus], rules)
    seconds = time.perf_counter() - started
    return ToolRun("static", reported_of(scan), scan.files, seconds, _aicc_version()), scan


def run_reviewed(static: ToolRun, scan: CodeScan, review: Review) -> tuple[ToolRun, CodeReview]:
    """The static findings a reviewer kept (all but its false positives), and the review; the
    run's time is the scan's plus the review's."""
    started = time.perf_counter()
    done = review(scan)
    seconds = time.perf_counter() - started
    run = ToolRun(
        REVIEWED,
        reported_of(done.confirmed()),
        static.files,
        static.seconds + seconds,
        static.version,
    )
    return run, done


def run_bandit(targets: Sequence[Path]) -> ToolRun:
    """Run Bandit over files and folders in a subprocess; unavailable (with why) if it cannot."""
    if importlib.util.find_spec("bandit") is None:
        return ToolRun("bandit", unavailable="Bandit is not installed (pip install bandit)")
    version = metadata.version("bandit")
    command = [sys.executable, "-m", "bandit", "-r", *map(str, targets), "-f", "json", "-q"]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    try:  # exit status 1 only means "issues found"; the JSON report is what counts
        report = json.loads(done.stdout)
        return ToolRun(
            "bandit",
            _bandit_reported(report["results"]),
            len(set(report["metrics"]) - {"_totals"}),
            seconds,
            version,
        )
    except (ValueError, KeyError, TypeError) as exc:
        reason = (done.stderr.strip().splitlines() or [f"unreadable report: {exc}"])[-1]
        return ToolRun(
            "bandit",
            version=version,
            unavailable=f"Bandit failed (exit status {done.returncode}): {reason}",
        )


def _bandit_reported(results: Iterable[dict[str, Any]]) -> tuple[Reported, ...]:
    return tuple(
        Reported(
            _BANDIT_CWES.get(item["test_id"], int(item["issue_cwe"]["id"])),
            frozenset({Path(item["filename"]).resolve()}),
        )
        for item in results
    )


# --- scoring ----------------------------------------------------------------------------------


def _rate(hits: int, misses: int) -> float | None:
    return hits / (hits + misses) if hits + misses else None


@dataclass(frozen=True)
class CategoryScore:
    """One tool's confusion counts and rates for one category."""

    category: str
    tp: int
    fn: int
    tn: int
    fp: int

    @property
    def tpr(self) -> float | None:
        """True-positive rate, TP / (TP + FN); None when the category has no real cases."""
        return _rate(self.tp, self.fn)

    @property
    def fpr(self) -> float | None:
        """False-positive rate, FP / (FP + TN); None when the category has no safe cases."""
        return _rate(self.fp, self.tn)

    @property
    def score(self) -> float | None:
        """TPR - FPR (from -1 to 1); None when either rate is undefined."""
        if self.tpr is None or self.fpr is None:
            return None
        return self.tpr - self.fpr

    def to_json(self) -> dict[str, Any]:
        """The category's counts and rates as a JSON object."""
        return {
            "category": self.category,
            "tp": self.tp,
            "fn": self.fn,
            "tn": self.tn,
            "fp": self.fp,
            "tpr": self.tpr,
            "fpr": self.fpr,
            "score": self.score,
        }


@dataclass(frozen=True)
class ToolScore:
    """One tool's scorecard: per category, the unweighted average, and its speed.

    The averages are over the categories where both rates are defined (each has real and safe
    cases), so that the average score is the average TPR minus the average FPR; the others are
    listed in ``excluded``.
    """

    tool: str
    version: str | None
    unavailable: str | None
    categories: tuple[CategoryScore, ...]
    files: int
    seconds: float

    @property
    def scored(self) -> tuple[CategoryScore, ...]:
        """The categories that enter the averages."""
        return tuple(c for c in self.categories if c.score is not None)

    @property
    def excluded(self) -> tuple[str, ...]:
        """Categories left out of the averages: no real cases, or no safe ones."""
        return tuple(c.category for c in self.categories if c.score is None)

    def _average(self, values: Iterable[float | None]) -> float | None:
        numbers = [v for v in values if v is not None]
        return sum(numbers) / len(numbers) if numbers else None

    @property
    def average_tpr(self) -> float | None:
        """Unweighted mean TPR of the scored categories."""
        return self._average(c.tpr for c in self.scored)

    @property
    def average_fpr(self) -> float | None:
        """Unweighted mean FPR of the scored categories."""
        return self._average(c.fpr for c in self.scored)

    @property
    def average_score(self) -> float | None:
        """Unweighted mean score of the scored categories."""
        return self._average(c.score for c in self.scored)

    @property
    def files_per_minute(self) -> float | None:
        """Files read per minute of wall time."""
        return self.files / self.seconds * 60 if self.seconds > 0 and self.files else None

    def to_json(self) -> dict[str, Any]:
        """The tool's scorecard as a JSON object."""
        return {
            "tool": self.tool,
            "version": self.version,
            "unavailable": self.unavailable,
            "categories": [c.to_json() for c in self.categories],
            "average": {
                "tpr": self.average_tpr,
                "fpr": self.average_fpr,
                "score": self.average_score,
            },
            "excluded_from_average": list(self.excluded),
            "files": self.files,
            "seconds": round(self.seconds, 3),
            "files_per_minute": self.files_per_minute,
        }


@dataclass(frozen=True)
class Verdict:
    """One test and whether each tool flagged it, for finding out why a tool missed."""

    expected: ExpectedResult
    file: Path
    flagged: dict[str, bool] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The test and each available tool's verdict as a JSON object."""
        return {**self.expected.to_json(), "file": str(self.file), "flagged": self.flagged}


@dataclass(frozen=True)
class Scorecard:
    """Every tool's scorecard over one corpus, and the per-test detail behind them; with a
    review, the change it made to the static column and what it cost."""

    corpus: Path
    expected_file: Path
    tools: tuple[ToolScore, ...]
    tests: tuple[Verdict, ...]
    review: ReviewEffect | None = None

    def tool(self, name: str) -> ToolScore:
        """The scorecard of the tool called ``name``."""
        return next(t for t in self.tools if t.tool == name)

    def to_json(self) -> dict[str, Any]:
        """The whole result, as `aicc code bench --format json` prints it."""
        return {
            "corpus": str(self.corpus),
            "expected": str(self.expected_file),
            "tools": [t.to_json() for t in self.tools],
            "tests": [t.to_json() for t in self.tests],
            "review": self.review.to_json() if self.review else None,
        }


def flagged_by(run: ToolRun, expected: ExpectedResult, file: Path) -> bool:
    """Whether ``run`` reports a finding of an accepted CWE that touches the test's file."""
    cwes = accepted_cwes(expected.cwe)
    return any(r.cwe in cwes and file in r.files for r in run.reported)


def score_run(run: ToolRun, outcomes: Sequence[Verdict]) -> ToolScore:
    """Count one tool's true and false positives and negatives per category."""
    counts: dict[str, list[int]] = {}
    for outcome in outcomes:
        tally = counts.setdefault(outcome.expected.category, [0, 0, 0, 0])  # tp, fn, tn, fp
        flagged = outcome.flagged.get(run.tool, False)
        real = outcome.expected.real
        tally[(0 if flagged else 1) if real else (3 if flagged else 2)] += 1
    categories = (
        ()
        if run.unavailable
        else tuple(CategoryScore(name, *tally) for name, tally in sorted(counts.items()))
    )
    return ToolScore(run.tool, run.version, run.unavailable, categories, run.files, run.seconds)


def score_runs(
    corpus: Path, expected_path: Path, expected: Sequence[ExpectedResult], runs: Sequence[ToolRun]
) -> Scorecard:
    """Score tool runs against the expected results of the corpus."""
    files = files_of_tests(corpus, expected, expected_path)
    outcomes = tuple(
        Verdict(
            result,
            files[result.test],
            {
                run.tool: flagged_by(run, result, files[result.test])
                for run in runs
                if run.unavailable is None
            },
        )
        for result in expected
    )
    return Scorecard(
        corpus, expected_path, tuple(score_run(run, outcomes) for run in runs), outcomes
    )


def benchmark(
    corpus: Path,
    expected_path: Path,
    rules: RuleSet,
    *,
    review: Review | None = None,
    bandit: bool = True,
) -> Scorecard:
    """Run every tool over ``corpus`` once and score each against ``expected_path``.

    ``review`` (e.g. ``lambda scan: review_scan(scan, model)``) adds the static+ai column (the
    static findings it does not judge false positives) and the card's ``review``: the change it
    made and its cost. ``bandit=False`` leaves Bandit out.
    """
    expected = read_expected(expected_path)
    files_of_tests(corpus, expected, expected_path)  # refuse a bad corpus before running anything
    static, scan = run_static(corpus, rules)
    runs = [static]
    done = None
    if review is not None:
        reviewed, done = run_reviewed(static, scan, review)
        runs.append(reviewed)
    if bandit:
        runs.append(run_bandit([corpus]))
    card = score_runs(corpus, expected_path, expected, runs)
    if done is None:
        return card
    effect = review_effect(card.tool(static.tool), card.tool(REVIEWED), card.tests, done)
    return replace(card, review=effect)
