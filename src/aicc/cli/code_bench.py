"""`aicc code bench`: score the scanner, and Bandit beside it, on a corpus with expected results."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.table import Table

from aicc.cli.code_review import (
    API_KEY_ENV_OPTION,
    BASE_URL_OPTION,
    RETRIES_OPTION,
    TIMEOUT_OPTION,
    cost_lines,
    model_args,
    run_review,
)
from aicc.cli.common import failures, print_json, stdout
from aicc.code.rules import load_rules
from aicc.code.scorecard import Review, Scorecard, ToolScore, benchmark
from aicc.code.scorecard_review import ReviewEffect
from aicc.core.code_findings import CodeScan

if TYPE_CHECKING:
    from aicc.code.review import CodeReview


class BenchFormat(StrEnum):
    """How `aicc code bench` prints its scorecard."""

    table = "table"
    json = "json"


def bench_command(
    corpus: Path = typer.Argument(
        ..., exists=True, file_okay=False, help="Folder of Python test files (helper modules too)."
    ),
    expected: Path = typer.Argument(
        ...,
        exists=True,
        dir_okay=False,
        help="CSV: test name, category, real vulnerability (true/false), cwe.",
    ),
    fmt: BenchFormat = typer.Option(
        BenchFormat.table,
        "--format",
        "-f",
        help="table for people, json (with every test's verdict per tool) for machines.",
    ),
    model: str | None = typer.Option(
        None,
        "--model",
        help="Add a static+ai column: the static findings this "
        "model (an Inspect model name) confirms.",
    ),
    model_base_url: str | None = BASE_URL_OPTION,
    model_api_key_env: str | None = API_KEY_ENV_OPTION,
    model_timeout: int | None = TIMEOUT_OPTION,
    model_retries: int | None = RETRIES_OPTION,
    concurrency: int = typer.Option(4, "--concurrency", min=1, help="Model calls at a time."),
    no_bandit: bool = typer.Option(False, "--no-bandit", help="Do not run Bandit."),
    rules: list[Path] = typer.Option(
        [],
        "--rules",
        exists=True,
        help="More YAML rules (a file or a folder of them), added "
        "to the built-in ones; repeatable.",
    ),
) -> None:
    """Score the scan per category as the OWASP Benchmark does (TPR - FPR), Bandit beside it;
    with --model, what the AI review changes (ΔTPR, ΔFPR, the tests it flips) and costs."""
    review = None
    if model:
        args = model_args(model_base_url, model_api_key_env)
        review = _review(model, args, model_timeout, model_retries, concurrency)
    try:  # a bad expected file, corpus, rules file or model: one error line, exit status 2
        with failures():
            card = benchmark(
                corpus, expected, load_rules(rules), review=review, bandit=not no_bandit
            )
    except typer.Exit as exc:
        raise typer.Exit(2) from exc
    if fmt is BenchFormat.json:
        print_json(card.to_json())
    else:
        _print_table(card)


def _review(
    model: str, args: dict[str, Any], timeout: int | None, retries: int | None, concurrency: int
) -> Review:
    """The review behind the static+ai column; a failed call is recorded, not fatal."""

    def review(scan: CodeScan) -> CodeReview:
        return run_review(
            scan,
            model,
            args,
            hunt=False,
            hunt_files=(),
            concurrency=concurrency,
            timeout=timeout,
            retries=retries,
            on_failure="record",
        )

    return review


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0%}"


def _rates(tpr: float | None, fpr: float | None, score: float | None) -> str:
    return f"{_percent(tpr):>4} {_percent(fpr):>4} {_percent(score):>5}"


def _print_table(card: Scorecard) -> None:
    tools = [t for t in card.tools if t.unavailable is None]
    table = Table("Category", "Tests", title="Scorecard (TPR, FPR, score = TPR - FPR)")
    table.columns[0].no_wrap = True
    for tool in tools:
        table.add_column(f"{tool.tool}\n{_rates_header()}", justify="right", no_wrap=True)
    for name in sorted({t.expected.category for t in card.tests}):
        row = [name, str(sum(t.expected.category == name for t in card.tests))]
        for tool in tools:
            score = next(c for c in tool.categories if c.category == name)
            row.append(_rates(score.tpr, score.fpr, score.score))
        table.add_row(*row)
    table.add_row(
        "average",
        str(len(card.tests)),
        *(_rates(t.average_tpr, t.average_fpr, t.average_score) for t in tools),
        style="bold",
    )
    stdout.print(table)
    excluded = sorted({name for tool in tools for name in tool.excluded})
    if excluded:
        stdout.print(
            f"Left out of the averages (no real or no safe cases): {', '.join(excluded)}",
            highlight=False,
            soft_wrap=True,
        )
    for tool in card.tools:
        stdout.print(_timing(tool), highlight=False, soft_wrap=True)
    if card.review is not None:
        _print_review(card.review)


def _rates_header() -> str:
    return f"{'TPR':>4} {'FPR':>4} {'score':>5}"


def _delta(value: float | None) -> str:
    if value is None:
        return "n/a"
    points = value * 100
    return f"{points:+.1f}" if abs(points) >= 0.05 else "0.0"


def _print_review(effect: ReviewEffect) -> None:
    """What the review changed (in percentage points), the tests it flipped, what it cost."""
    table = Table(
        "Category",
        "ΔTPR",
        "ΔFPR",
        "Δscore",
        "TP dropped",
        "FP removed",
        title="Review: static+ai - static (points)",
    )
    for column in table.columns[1:]:
        column.justify = "right"
    for change in effect.categories:
        table.add_row(
            change.category,
            _delta(change.tpr),
            _delta(change.fpr),
            _delta(change.score),
            str(change.true_positives_dropped),
            str(change.false_positives_removed),
        )
    table.add_row(
        "average",
        _delta(effect.average_tpr),
        _delta(effect.average_fpr),
        _delta(effect.average_score),
        str(sum(c.true_positives_dropped for c in effect.categories)),
        str(sum(c.false_positives_removed for c in effect.categories)),
        style="bold",
    )
    stdout.print(table)
    counts = effect.verdicts
    lines = [
        f"reviewed by {effect.model} (prompt {effect.prompt_version}): true positive "
        f"{counts['true_positive']}, false positive {counts['false_positive']}, "
        f"error {counts['error']}"
    ]
    for flip in effect.flips:
        why = "; ".join(f"{f.file}:{f.line} CWE-{f.cwe}: {f.reason}" for f in flip.findings)
        lines.append(
            f"{flip.change.replace('_', ' ')}: {flip.test} ({flip.category})"
            + (f": {why}" if why else "")
        )
    if effect.cost is not None:
        lines += cost_lines(effect.cost)
    for line in lines:
        stdout.print(line, markup=False, highlight=False, soft_wrap=True)


def _timing(tool: ToolScore) -> str:
    if tool.unavailable:
        return f"{tool.tool}: unavailable: {tool.unavailable}"
    speed = f", {tool.files_per_minute:,.0f} files/min" if tool.files_per_minute else ""
    return f"{tool.tool}: {tool.files} files in {tool.seconds:.2f} s{speed}"
