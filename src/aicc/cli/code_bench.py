"""`aicc code bench`: score the scanner, and Bandit beside it, on a corpus with expected results."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from aicc.cli.code_review import API_KEY_ENV_OPTION, BASE_URL_OPTION, model_args, run_review
from aicc.cli.common import failures, print_json, stdout
from aicc.code.rules import load_rules
from aicc.code.scorecard import Review, Scorecard, ToolScore, benchmark
from aicc.core.code_findings import CodeScan


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
    no_bandit: bool = typer.Option(False, "--no-bandit", help="Do not run Bandit."),
    rules: list[Path] = typer.Option(
        [],
        "--rules",
        exists=True,
        help="More YAML rules (a file or a folder of them), added "
        "to the built-in ones; repeatable.",
    ),
) -> None:
    """Score the scan per category as the OWASP Benchmark does (TPR - FPR), Bandit beside it."""
    review = _review(model, model_args(model_base_url, model_api_key_env)) if model else None
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


def _review(model: str, args: dict[str, Any]) -> Review:
    """The static+ai column: what the review keeps (errors and true positives)."""

    def review(scan: CodeScan) -> CodeScan:
        return run_review(scan, model, args, hunt=False, hunt_files=(), concurrency=4).confirmed()

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


def _rates_header() -> str:
    return f"{'TPR':>4} {'FPR':>4} {'score':>5}"


def _timing(tool: ToolScore) -> str:
    if tool.unavailable:
        return f"{tool.tool}: unavailable: {tool.unavailable}"
    speed = f", {tool.files_per_minute:,.0f} files/min" if tool.files_per_minute else ""
    return f"{tool.tool}: {tool.files} files in {tool.seconds:.2f} s{speed}"
