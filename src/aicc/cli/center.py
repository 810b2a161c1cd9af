"""`aicc center`: the center's background work, run by hand: re-checks after feed updates, and
the notifications that are due (`deliver`).

`aicc db import` and `aicc db sync` re-check at their end (unless `--no-recheck`), and
`aicc serve` in a background thread; these commands run one now and list them.
"""

from __future__ import annotations

from typing import Any

import typer
from rich.markup import escape
from rich.table import Table

from aicc.cli.common import (
    ERROR,
    FormatOption,
    OutputFormat,
    failures,
    invocation,
    print_json,
    progress,
    stderr,
    stdout,
    store_of,
)

app = typer.Typer(
    help="The center's background work, by hand: re-check stored inventories after feed updates, "
    "send the notifications that are due.",
    no_args_is_help=True,
    rich_markup_mode="markdown",
    add_completion=False,
)


def run_rechecks(
    ctx: typer.Context,
    *,
    trigger: str | None = None,
    full: bool = False,
    retry_failed: bool = False,
    show_progress: bool = True,
) -> list[dict[str, Any]]:
    """Run the re-checks due now (in this process, or on the Celery workers when AICC_BROKER_URL
    is set), with a progress bar on stderr; the runs.

    Called inside the caller's `failures()`: a run that fails is marked failed with the reason
    (and listed by `aicc center rechecks`), and the error is one line on stderr.
    """
    from aicc.center.recheck_runner import recheck_now
    from aicc.workers.runner import runner_for

    engine = store_of(ctx)
    with progress(show_progress, ctx=ctx) as bar:
        task = bar.add_task("Re-checking inventories", total=None)

        def on_progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        runs = recheck_now(
            engine,
            runner_for(engine, on_progress=on_progress),  # the workers when AICC_BROKER_URL is set
            trigger=trigger,
            full=full,
            retry_failed=retry_failed,
        )
    if not invocation(ctx).quiet:
        for run in runs:
            stderr.print(escape(summary_line(run)), highlight=False)
    return runs


def any_failed(runs: list[dict[str, Any]]) -> bool:
    """Whether a run failed (the command then exits with status 2, after its report)."""
    return any(run["state"] == "failed" for run in runs)


def left_for_later(ctx: typer.Context) -> None:
    """Say (on stderr) that the changes an import logged wait for a later re-check."""
    from aicc.center.recheck import unclaimed_changes

    waiting = unclaimed_changes(store_of(ctx))
    if waiting and not invocation(ctx).quiet:
        stderr.print(
            f"{waiting} knowledge base changes wait for a re-check of the center's inventories "
            "(aicc center recheck, or aicc serve)",
            markup=False,
            highlight=False,
        )


def summary_line(run: dict[str, Any]) -> str:
    """One line saying what a run did."""
    found = run["findings"]
    text = (
        f"re-check {run['id']} ({run['trigger']}): {run['state']}; "
        f"{run['inventories']} inventories, {run['components']} components "
        f"{'re-matched' if run['state'] == 'done' else 'to re-match'}; "
        f"findings {found['new']} new, {found['closed']} closed, {found['again']} back, "
        f"{found['redecided']} re-decided; {run['new_exploited']} new exploited"
    )
    if run["reason"]:
        text = text.replace(f": {run['state']};", f": {run['state']} ({run['reason']});", 1)
    if run.get("new_exploited_vulnerabilities"):
        text += f" ({', '.join(run['new_exploited_vulnerabilities'])})"
    if run["problems"]:
        text += f"; {len(run['problems'])} problems (aicc center rechecks --format json)"
    return text


@app.command("recheck")
def recheck(
    ctx: typer.Context,
    everything: bool = typer.Option(
        False,
        "--all",
        help="Re-match every component of every asset's latest inventory, not only those the "
        "feed updates since the last re-check can touch.",
    ),
    retry_failed: bool = typer.Option(
        False, "--retry-failed", help="Also run again the re-checks that failed."
    ),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Re-check the stored inventories now: finish unfinished runs, then re-match what the
    feed updates since the last re-check touch (everything with --all), and print the runs."""
    with failures():
        runs = run_rechecks(
            ctx,
            trigger="manual",
            full=everything,
            retry_failed=retry_failed,
            show_progress=fmt is OutputFormat.table,
        )
    if fmt is OutputFormat.json:
        print_json({"rechecks": runs})
    elif not runs:
        stdout.print("nothing to re-check: no feed update since the last re-check", markup=False)
    else:
        _table(runs)
    if any_failed(runs):
        raise typer.Exit(ERROR)


@app.command("rechecks")
def rechecks(
    ctx: typer.Context,
    limit: int = typer.Option(20, "--limit", min=1, max=500, help="How many, newest first."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """List the re-checks, newest first: trigger, state, progress and what each found."""
    from aicc.center.recheck_views import list_runs

    with failures():
        runs = list_runs(store_of(ctx), None, limit=limit)
    if fmt is OutputFormat.json:
        print_json({"rechecks": runs})
    else:
        _table(runs)


def _table(runs: list[dict[str, Any]]) -> None:
    table = Table(title="Re-checks", title_justify="left")
    columns = ("id", "trigger", "state", "created", "chunks", "components")
    for column in (*columns, "new", "closed", "back", "re-decided", "new exploited"):
        table.add_column(column)
    for run in runs:
        found, done = run["findings"], run["progress"]
        total = "?" if done["chunks_total"] is None else done["chunks_total"]
        chunks = f"{done['chunks_done']}/{total}"
        state = run["state"] + (f": {run['reason']}" if run["reason"] else "")
        table.add_row(
            *(
                escape(str(x))
                for x in (
                    run["id"],
                    run["trigger"],
                    state,
                    run["created_at"][:19],
                    chunks,
                    run["components"],
                    found["new"],
                    found["closed"],
                    found["again"],
                    found["redecided"],
                    run["new_exploited"],
                )
            )
        )
    stdout.print(table)


@app.command("deliver")
def deliver(ctx: typer.Context, fmt: OutputFormat = FormatOption) -> None:
    """Send the notifications that are due now, as the thread of `aicc serve` does every few
    seconds (webhooks, and e-mail through AICC_SMTP_HOST), and say what was sent, what will be
    retried and what failed, with why. First it queues the campaigns' due (AICC_CAMPAIGN_DUE_DAYS
    before, 7 by default) and overdue notices not sent yet. For a center that runs no server
    thread: cron, or a worker of its own."""
    from aicc.center.campaign_notices import check_campaign_deadlines, warn_days_from_env
    from aicc.center.delivery import DeliverySettings, deliver_due

    with failures():
        settings, warn_days = DeliverySettings.from_env(), warn_days_from_env()
        engine = store_of(ctx)
        campaigns = check_campaign_deadlines(engine, warn_days=warn_days)
        report = deliver_due(engine, settings)
    if fmt is OutputFormat.json:
        print_json(report | {"campaign_notices": campaigns["queued"]})
        return
    for notice in campaigns["queued"]:
        stdout.print(
            f"queued {notice['event']} for {notice['organization']['name']}: "
            f"{notice['campaign']['title']} (due {notice['due']})",
            markup=False,
            highlight=False,
        )
    stdout.print(
        f"{report['sent']} sent, {report['retrying']} to be retried, {report['failed']} failed",
        markup=False,
    )
    for problem in report["problems"]:
        stderr.print(
            f"warning: delivery {problem['source']} to {problem['location']} failed: "
            f"{problem['reason']}",
            markup=False,
            highlight=False,
        )
