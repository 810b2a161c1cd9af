"""The AI review part of `aicc code scan`: which model, the review run with its progress bar,
and how verdicts and candidates print. Inspect is imported only when a model is configured."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from aicc.cli.common import progress, stderr, stdout
from aicc.core.code_findings import CodeScan
from aicc.core.extras import MissingExtra, require_extra

if TYPE_CHECKING:
    from aicc.code.review import Candidate, CodeReview, ReviewCost, Verdict
    from aicc.code.review.reviewer import OnFailure

STATIC_ONLY = "static analysis only: no model configured (--model or AICC_CODE_MODEL)"


def _fail(message: str) -> typer.Exit:
    stderr.print(f"[bold red]error:[/] {escape(message)}", markup=True, highlight=False)
    return typer.Exit(2)


#: The options that reach a model, shared by `aicc code scan` and `aicc code bench`.
BASE_URL_OPTION: Any = typer.Option(
    None,
    "--model-base-url",
    metavar="URL",
    help="The model's API base URL (an OpenAI-compatible server, say).",
)
API_KEY_ENV_OPTION: Any = typer.Option(
    None,
    "--model-api-key-env",
    metavar="VAR",
    help="Read the model's API key from this environment variable.",
)
TIMEOUT_OPTION: Any = typer.Option(
    None,
    "--model-timeout",
    min=1,
    metavar="SECONDS",
    help="Give up a model call after this long (then retried as --model-retries says); "
    "a call that still fails keeps its static verdict and is reported.",
)
RETRIES_OPTION: Any = typer.Option(
    None,
    "--model-retries",
    min=0,
    metavar="N",
    help="Retries of a model call that failed or timed out (default 3).",
)


def model_args(base_url: str | None, api_key_env: str | None) -> dict[str, Any]:
    """Inspect's ``model_args`` for the options; the key is read from the named variable."""
    args: dict[str, Any] = {}
    if base_url:
        args["base_url"] = base_url
    if api_key_env:
        key = os.environ.get(api_key_env, "")
        if not key:
            raise _fail(f"--model-api-key-env: the environment variable {api_key_env} is not set")
        args["api_key"] = key
    return args


def run_review(
    scan: CodeScan,
    model: str,
    args: dict[str, Any],
    *,
    hunt: bool,
    hunt_files: Sequence[Path],
    concurrency: int,
    timeout: int | None = None,
    retries: int | None = None,
    on_failure: OnFailure = "stop",
) -> CodeReview:
    """The review of ``scan`` by ``model``, with a progress bar on a terminal; a model that
    cannot be built or reached is one error line and exit status 2. ``timeout`` (seconds per
    call) and ``retries`` (the provider's retries of a failed call) change the default config;
    with ``on_failure="record"`` a failed call is an ``error`` verdict, counted in the cost."""
    try:
        require_extra("ai", "The AI review (--model)")
    except MissingExtra as exc:
        raise _fail(str(exc)) from exc
    from inspect_ai.model import GenerateConfig

    from aicc.code.review import DEFAULT_CONFIG, CodeReviewError, review_scan

    config = None
    if timeout is not None or retries is not None:
        config = DEFAULT_CONFIG.merge(GenerateConfig(attempt_timeout=timeout, max_retries=retries))

    with progress(True) as bar:
        task = bar.add_task("Reviewing findings", total=None)
        try:
            return review_scan(
                scan,
                model,
                model_args=args,
                concurrency=concurrency,
                hunt=hunt,
                hunt_files=hunt_files,
                progress=lambda done, total: bar.update(task, completed=done, total=total),
                config=config,
                on_failure=on_failure,
            )
        except CodeReviewError as exc:
            raise _fail(str(exc)) from exc


def verdict_cell(verdict: Verdict) -> str:
    """A verdict in a table cell: ``true positive (high)``, ``false positive``, ``error``."""
    text = verdict.verdict.replace("_", " ")
    return (
        f"{text} ({verdict.severity})"
        if verdict.severity and verdict.verdict == ("true_positive")
        else text
    )


def print_summary(review: CodeReview, console: Console = stdout) -> None:
    """What the model said, counted, and the unverified candidates of a hunt."""
    counts = review.counts()
    console.print(
        f"reviewed by {review.model} (prompt {review.prompt_version}): true positive "
        f"{counts['true_positive']}, false positive {counts['false_positive']}, "
        f"error {counts['error']}",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )
    if review.cost is not None:
        for line in cost_lines(review.cost):
            console.print(line, markup=False, highlight=False, soft_wrap=True)
    if review.candidates:
        _print_candidates(review.candidates, console)


def cost_lines(cost: ReviewCost) -> list[str]:
    """The review's cost in one line (time, calls, tokens, failures), then each failed call."""
    if cost.prompt_tokens is None or cost.completion_tokens is None:
        tokens = "tokens unknown (no response carried usage)"
    else:
        tokens = (
            f"{cost.prompt_tokens:,} prompt + {cost.completion_tokens:,} completion tokens"
            f" (usage from {cost.calls_with_usage} of {cost.calls} calls,"
            f" {cost.prompt_tokens_per_call:,} prompt tokens a call)"
        )
    failed = f"{len(cost.failures)} failed" + (
        f" ({cost.timed_out} timed out)" if cost.timed_out else ""
    )
    lines = [f"review cost: {cost.seconds:.2f} s, {cost.calls} calls, {tokens}, {failed}"]
    lines += [
        f"failed call ({failure.kind}): {failure.subject}: {failure.reason}"
        for failure in cost.failures
    ]
    return lines


def _print_candidates(candidates: Sequence[Candidate], console: Console) -> None:
    table = Table(
        "Status",
        "CWE",
        "Location",
        "Function",
        "Reason",
        title="Candidates from the model (unverified: no rule checked them)",
    )
    for candidate in candidates:
        table.add_row(
            candidate.status,
            f"CWE-{candidate.cwe}" if candidate.cwe else "",
            f"{candidate.file}:{candidate.line}",
            candidate.function,
            candidate.reason,
        )
    console.print(table)
