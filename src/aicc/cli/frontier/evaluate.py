"""`aicc frontier evaluate`, `logs`, `determine` and `report`."""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson
import typer
from rich.table import Table
from sqlalchemy import Engine

from aicc.cli.common import (
    FormatOption,
    OutputFormat,
    failures,
    print_json,
    settings_of,
    stderr,
    stdout,
)
from aicc.cli.frontier._common import (
    ActorOption,
    AsOfOption,
    SubmissionArgument,
    _acting,
    _actor,
    _check_key,
    _cipher,
    _day,
    _say,
    _store,
    app,
)
from aicc.core.extras import require_extra
from aicc.core.times import utcnow
from aicc.frontier import audit, records
from aicc.frontier.access import AccessDenied, Actor
from aicc.frontier.window import FrontierError

if TYPE_CHECKING:  # the evaluation modules import Inspect: loaded by the commands that need it
    from aicc.frontier.evaluations import DeterminationRecord, EvaluationRecord, ModelProgress
    from aicc.frontier.results import EvaluationRunResults


@contextmanager
def _acting_on_store(ctx: typer.Context, actor_text: str | None) -> Iterator[tuple[Engine, Actor]]:
    """As `_acting`, for commands that open their own transactions (a long evaluation)."""
    with failures():
        actor = _actor(ctx, actor_text)
        _cipher()  # a missing or malformed key is refused before the store is opened
        engine = _store(ctx)
        with engine.begin() as conn:
            _check_key(conn)
            actor = records.identify(conn, actor)
        try:
            yield engine, actor
        except AccessDenied as exc:
            with engine.begin() as conn:
                audit.record(
                    conn,
                    actor=actor,
                    action="access.refused",
                    subject=None,
                    detail={"command": ctx.command_path, "reason": str(exc)},
                    at=utcnow(),
                )
            raise


def _model_progress(event: ModelProgress) -> None:
    """One line on stderr as each model of an evaluation run starts and ends."""
    step = f"[{event.index}/{event.count}] {event.model} ({event.role})"
    if event.seconds is None:
        stderr.print(f"{step}: running...", markup=False, highlight=False)
    else:
        stderr.print(f"{step}: done in {event.seconds:.1f} s", markup=False, highlight=False)


def _rate(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _summary_rows(results: EvaluationRunResults) -> list[dict[str, Any]]:
    """Solve rate with its 95% interval for every tier and model (default bootstrap)."""
    from aicc.frontier.stats import evaluation_run_stats

    stats, _ = evaluation_run_stats(results)
    ladder = results.tiers()
    stats.sort(key=lambda item: ladder.index(item.tier))  # stable: models in evaluation run order
    roles = {run.model: run.role for run in results.runs}
    return [
        {
            "tier": item.tier,
            "model": item.model,
            "role": roles[item.model],
            "tasks": item.tasks,
            "epochs": item.epochs,
            "solve_rate": item.solve_rate,
            "ci_low": item.ci_low,
            "ci_high": item.ci_high,
            "skipped": results.skipped_tiers.get(item.tier),
            "failed": next(
                (
                    run.failed_tiers[item.tier]
                    for run in results.runs
                    if run.model == item.model and item.tier in run.failed_tiers
                ),
                None,
            ),
        }
        for item in stats
    ]


def _print_evaluation(
    record: EvaluationRecord, rows: list[dict[str, Any]] | None, hidden: str | None
) -> None:
    settings = record.settings
    limits = settings.get("limits") or {}
    _say(
        f"{record.id} {record.state.value}: {settings.get('submission_model')} "
        f"({record.submission_id}), suite {record.suite}, {settings.get('epochs')} epochs, "
        f"message limit {limits.get('message_limit') or 'none'}"
    )
    _say(f"logs: {record.log_dir}")
    if rows is None:
        _say(f"results: not shown ({hidden})")
    else:
        table = Table(box=None, pad_edge=False)
        for column in ("tier", "model", "role", "tasks", "solve rate", "95% CI"):
            table.add_column(
                column, justify="right" if column in {"tasks", "solve rate"} else "left"
            )
        for row in rows:
            if row["skipped"] is not None:
                continue
            interval = (
                "-" if row["ci_low"] is None else f"{_rate(row['ci_low'])}-{_rate(row['ci_high'])}"
            )
            table.add_row(
                row["tier"],
                row["model"],
                row["role"],
                str(row["tasks"]),
                _rate(row["solve_rate"]),
                interval,
            )
        stdout.print(table, markup=False, highlight=False)
        for tier, reason in (settings.get("skipped_tiers") or {}).items():
            _say(f"skipped {tier}: {reason.removeprefix('skipped: ')}")
        for row in rows:
            if row["failed"] is not None:
                _say(f"failed {row['tier']} for {row['model']}: {row['failed']}")
    if record.timing is not None:
        timing = record.timing
        _say(
            f"timing: total {timing.total_s:.1f} s = Inspect {timing.inspect_s:.1f} s + "
            f"ours {timing.ours_s:.1f} s"
        )
    if settings.get("window_state") == "closed":
        _say(
            "note: the model was already released on the as-of date; the evaluation still "
            "ran: the program never blocks a release"
        )


@app.command()
def evaluate(
    ctx: typer.Context,
    submission: str = SubmissionArgument,
    suite: str = typer.Option(
        ...,
        "--suite",
        metavar="NAME",
        help="The suite to run: builtin, or an inspect_evals suite (cybench, intercode_ctf, ...).",
    ),
    references: list[str] = typer.Option(
        None,
        "--reference",
        metavar="MODEL",
        help="A reference model as an Inspect model string (repeatable), run with the same "
        "tasks, solver, limits and epochs, e.g. openai/gpt-4o or mockllm/reference.",
    ),
    epochs: int = typer.Option(5, "--epochs", min=1, help="Attempts per task and model."),
    message_limit: int = typer.Option(
        30, "--limit", min=1, metavar="N", help="Messages per sample (the same for every model)."
    ),
    token_limit: int | None = typer.Option(
        None, "--token-limit", min=1, metavar="N", help="Tokens per sample [default: none]."
    ),
    time_limit: int | None = typer.Option(
        None,
        "--time-limit",
        min=1,
        metavar="SECONDS",
        help="Wall-clock seconds per sample [default: none].",
    ),
    tiers: list[str] = typer.Option(
        None, "--tier", metavar="TIER", help="Run only this tier (repeatable) [default: all]."
    ),
    sandbox: str = typer.Option(
        "docker",
        "--sandbox",
        metavar="KIND",
        help="The sandbox of agentic tiers: docker or k8s; without a "
        "usable one they are skipped with the reason.",
    ),
    log_dir: Path | None = typer.Option(
        None,
        "--log-dir",
        metavar="DIR",
        help="Where the Inspect logs go, one folder per "
        "evaluation [default: $AICC_HOME/frontier/logs].",
    ),
    actor: str | None = ActorOption,
    as_of: datetime | None = AsOfOption,
    fmt: OutputFormat = FormatOption,
) -> None:
    """Run a suite against the submitted model and reference models; store the results.

    The results and the Inspect logs are stored encrypted (AICC_FRONTIER_KEY; `aicc frontier
    logs` exports the logs). The evaluation may start once the window opens and may continue
    after the release.
    """
    with failures():
        require_extra("ai", "aicc frontier evaluate")
    from aicc.frontier import evaluations
    from aicc.frontier.suites.base import Limits
    from aicc.frontier.suites.registry import get_suite

    day = _day(as_of)
    root = log_dir or settings_of(ctx).home / "frontier" / "logs"
    with _acting_on_store(ctx, actor) as (engine, who):
        cipher = _cipher()
        record = evaluations.run_evaluation(
            engine,
            actor=who,
            ref=submission,
            suite=get_suite(suite, sandbox=sandbox),
            references=references or [],
            epochs=epochs,
            limits=Limits(message_limit, token_limit, time_limit),
            tiers=tiers or None,
            log_root=root,
            cipher=cipher,
            as_of=day,
            env=os.environ,
            on_model=_model_progress,
        )
        rows: list[dict[str, Any]] | None = None
        hidden: str | None = None
        try:
            with engine.begin() as conn:
                stored = evaluations.load_results(
                    conn,
                    actor=who,
                    ref=record.submission_id,
                    evaluation_id=record.id,
                    cipher=cipher,
                    as_of=day,
                )
            rows = _summary_rows(stored.results)
        except AccessDenied as exc:  # a partner that may run the suite but not read results
            hidden = str(exc)
    if fmt is OutputFormat.json:
        print_json({"evaluation": record.as_dict(), "summary": rows, "results_hidden": hidden})
    else:
        _print_evaluation(record, rows, hidden)


@app.command("logs")
def logs_command(
    ctx: typer.Context,
    submission: str = SubmissionArgument,
    out: Path = typer.Option(
        ...,
        "--out",
        metavar="DIR",
        file_okay=False,
        help="Write the decrypted logs here (created, mode 0700).",
    ),
    evaluation: str | None = typer.Option(
        None,
        "--evaluation",
        metavar="ID",
        help="Export this evaluation's logs [default: the latest finished one].",
    ),
    actor: str | None = ActorOption,
    as_of: datetime | None = AsOfOption,
    fmt: OutputFormat = FormatOption,
) -> None:
    """Decrypt an evaluation's Inspect logs into a folder, for `inspect view`.

    The logs are stored encrypted (AICC_FRONTIER_KEY); whoever may read the results may
    export them, and the export is logged. The copies in DIR are in clear: delete them
    when done.
    """
    from aicc.frontier import evaluations

    with _acting(ctx, actor) as (conn, who):
        written = evaluations.export_logs(
            conn,
            actor=who,
            ref=submission,
            evaluation_id=evaluation,
            out_dir=out,
            cipher=_cipher(),
            as_of=_day(as_of),
        )
    hint = f"inspect view --log-dir {out}"
    if fmt is OutputFormat.json:
        print_json({"out_dir": str(out), "files": [str(path) for path in written], "view": hint})
        return
    for path in written:
        _say(f"wrote {path}")
    _say(f"view them with: {hint}")


def _number_lines(rule: dict[str, Any]) -> list[str]:
    """The numbers behind one rule, in words."""
    numbers = rule.get("numbers") or {}
    if rule.get("kind") == "evidence":
        return [f"- {problem}" for problem in numbers.get("problems") or []]
    if "key" in numbers and "levels" in numbers:
        declared = numbers.get("declared")
        met_by = {"framework": "its framework counts it high", "policy-levels": "a policy level"}
        met = [met_by.get(str(how), str(how)) for how in numbers.get("met_by") or []]
        return [
            f"declared {numbers['key']}: {declared if declared is not None else 'nothing'}"
            f" (counted high: {', '.join(numbers['levels'])}, or as the developer's framework "
            "says)" + (f"; met: {' and '.join(met)}" if met else "")
        ]
    lines = []
    for tier, entry in numbers.items():
        if not isinstance(entry, dict):
            continue
        if not entry.get("assessed"):
            lines.append(f"{tier}: not assessed ({entry.get('reason')})")
        elif "threshold" in entry:
            lines.append(
                f"{tier}: solve rate {_rate(entry.get('solve_rate'))} (95% CI "
                f"{_rate(entry.get('ci_low'))}-{_rate(entry.get('ci_high'))}), "
                f"threshold {entry['threshold']:.2f} on the lower bound; "
                f"{entry.get('tasks')} tasks x {entry.get('epochs')} epochs"
            )
        else:
            lines.append(
                f"{tier}: solve rate {_rate(entry.get('solve_rate'))}, margin {entry.get('margin')}"
            )
            for item in entry.get("comparisons") or []:
                lines.append(
                    f"  vs {item['reference']} ({_rate(item['reference_solve_rate'])})"
                    f": difference {_rate(item['diff'])} (95% CI "
                    f"{_rate(item['ci_low'])}-{_rate(item['ci_high'])}) over "
                    f"{item['tasks']} tasks"
                )
    return lines


def _print_determination(made: DeterminationRecord) -> None:
    from aicc.frontier.meaning import COVERED_HELP
    from aicc.frontier.report import ADVISORY

    _say(f"outcome: {made.outcome}")
    _say(f"policy: {made.policy_id}")
    _say(f"evaluation: {made.evaluation_id}  (determination {made.id})")
    _say(f"summary: {made.summary}")
    for kind, title in (("criterion", "criteria"), ("evidence", "evidence checks")):
        _say(f"{title}:")
        for rule in made.rules:
            if rule.get("kind") != kind:
                continue
            mark = "fired" if rule.get("fired") else "not fired"
            _say(f"  [{mark}] {rule['id']}: {rule.get('description', '')}")
            for line in _number_lines(rule):
                _say(f"      {line}")
    if made.log_links:
        _say(f"logs: {', '.join(made.log_links)}")
    _say(ADVISORY)
    _say(COVERED_HELP)


@app.command("determine")
def determine_command(
    ctx: typer.Context,
    submission: str = SubmissionArgument,
    policy: Path | None = typer.Option(
        None,
        "--policy",
        metavar="FILE",
        exists=True,
        dir_okay=False,
        readable=True,
        help="A policy file (YAML) [default: the packaged policy].",
    ),
    evaluation: str | None = typer.Option(
        None,
        "--evaluation",
        metavar="ID",
        help="Use this evaluation [default: the latest finished one].",
    ),
    actor: str | None = ActorOption,
    as_of: datetime | None = AsOfOption,
    fmt: OutputFormat = FormatOption,
) -> None:
    """Apply the policy to the stored results: covered | not_covered | insufficient_evidence.

    Prints every rule, fired or not, with its numbers, and stores the determination.

    Covered means a covered frontier model: under the published policy, the evaluation showed
    cyber capabilities at the level the policy names (a professional tier solved often
    enough, the model clearly beyond every reference, or a high level the developer
    declared). What follows is advisory only: the center records it with the evidence and
    shares it with the developer; it never licenses, approves or blocks a release.
    """
    from aicc.frontier import evaluations

    with _acting(ctx, actor) as (conn, who):
        made = evaluations.make_determination(
            conn,
            actor=who,
            ref=submission,
            policy_path=policy,
            cipher=_cipher(),
            as_of=_day(as_of),
            evaluation_id=evaluation,
        )
    if fmt is OutputFormat.json:
        print_json(made.as_dict())
    else:
        _print_determination(made)


class ReportFormat(StrEnum):
    """The formats of the developer's report."""

    json = "json"
    markdown = "markdown"
    html = "html"


def _renderer(fmt: ReportFormat) -> Callable[[dict[str, Any]], str]:
    """The function that renders the report dict in ``fmt``; a clear error when absent."""
    if fmt is ReportFormat.json:
        return lambda data: orjson.dumps(data, option=orjson.OPT_INDENT_2).decode() + "\n"
    function = f"report_{fmt.value}"
    try:
        module = importlib.import_module("aicc.frontier.report_html")
    except ModuleNotFoundError as exc:
        if exc.name != "aicc.frontier.report_html":
            raise
        module = None
    render = getattr(module, function, None)
    if render is None:
        raise FrontierError(
            f"the {fmt.value} report is not available yet in this version of "
            "aicc; use --format json"
        )
    return render  # type: ignore[no-any-return]


@app.command("report")
def report_command(
    ctx: typer.Context,
    submission: str = SubmissionArgument,
    fmt: ReportFormat = typer.Option(
        ReportFormat.json, "--format", "-f", help="json, markdown or single-file html."
    ),
    output: Path | None = typer.Option(
        None, "--output", "-o", metavar="FILE", help="Write the report here instead of stdout."
    ),
    actor: str | None = ActorOption,
    as_of: datetime | None = AsOfOption,
) -> None:
    """The developer's record: suites, settings, scores with intervals against references,
    the criteria and the outcome (advisory).

    The report says what covered means and what follows: a finding recorded with its
    evidence, advisory only; the center never licenses, approves or blocks a release.
    """
    from aicc.frontier import evaluations, report

    day = _day(as_of)
    with _acting(ctx, actor) as (conn, who):
        render = _renderer(fmt)
        found = records.submission_status(conn, actor=who, ref=submission, as_of=day)
        inputs = evaluations.report_inputs(
            conn, actor=who, ref=submission, cipher=_cipher(), as_of=day
        )
    data = report.report_dict(
        found, inputs.evaluation, inputs.results, inputs.determination, notes=inputs.notes
    )
    text = render(data)
    if output is not None:
        output.write_text(text, encoding="utf-8")
        stderr.print(f"wrote {output}", markup=False, highlight=False)
    else:
        sys.stdout.write(text)
