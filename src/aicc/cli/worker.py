"""`aicc worker`: a Celery worker of the center (the same as ``celery -A aicc.workers worker``),
and `aicc worker status`: the re-check runs in progress and the workers seen on the broker.

Workers on other machines join by running `aicc worker` with the same ``AICC_BROKER_URL`` and
``AICC_DATABASE_URL``; nothing else is configured.
"""

from __future__ import annotations

import os
from typing import Any

import typer
from rich.markup import escape
from rich.table import Table

from aicc.cli.common import (
    FormatOption,
    OutputFormat,
    failures,
    invocation,
    print_json,
    settings_of,
    stdout,
    store_of,
)

app = typer.Typer(  # its help is the callback's docstring
    invoke_without_command=True,
    rich_markup_mode="markdown",
    add_completion=False,
)


@app.callback()
def worker(
    ctx: typer.Context,
    concurrency: int | None = typer.Option(
        None, "--concurrency", "-c", min=1, help="Worker processes [default: one per CPU]."
    ),
    queues: str | None = typer.Option(
        None, "--queues", "-Q", help="Comma-separated queues to take tasks from [default: aicc]."
    ),
    name: str | None = typer.Option(
        None,
        "--name",
        "-n",
        help="The worker's name, e.g. w2@%h, when several run on one machine [default: "
        "celery@HOST].",
    ),
    beat: bool = typer.Option(
        False,
        "--beat",
        help="Also send the notifications that are due every AICC_DELIVERY_INTERVAL seconds "
        "(default 60) and take the portfolio trend's daily snapshot: run it in one worker only.",
    ),
) -> None:
    """Run a Celery worker of the center (`aicc worker status`: the work in progress).

    It takes re-check chunks (and, with --beat, sends the notifications that are due and takes
    the day's portfolio snapshot for the trend) from the
    broker AICC_BROKER_URL names (redis:// or amqp://), writing to the store the global options
    name. Workers on other machines join with the same two settings. Stop one with Ctrl-C (it
    finishes its task first); a task of a worker killed outright goes to another worker.
    """
    if ctx.invoked_subcommand is not None:
        return
    from aicc.core.extras import require_extra

    with failures():
        require_extra("worker", "aicc worker")
        settings = settings_of(ctx)
        store_of(ctx).dispose()  # opened and migrated here: a bad store is one error line
        # the tasks open the store from the environment: hand them the global options'
        os.environ["AICC_HOME"] = str(settings.home)
        os.environ["AICC_DATABASE_URL"] = settings.database_url
        from aicc.workers.app import make_app

        celery = make_app()
    argv = ["worker", "--loglevel", "WARNING" if invocation(ctx).quiet else "INFO"]
    if concurrency is not None:
        argv += ["--concurrency", str(concurrency)]
    if queues:
        argv += ["--queues", queues]
    if name:
        argv += ["--hostname", name]
    if beat:  # beat keeps when it last sent each periodic task in AICC_HOME
        settings.home.mkdir(parents=True, exist_ok=True)
        argv += ["--beat", "--schedule", str(settings.home / "celerybeat-schedule")]
    celery.worker_main(argv)


@app.command("status")
def status(
    ctx: typer.Context,
    timeout: float = typer.Option(
        2.0, "--timeout", min=0.1, help="Seconds to wait for the workers to answer."
    ),
    fmt: OutputFormat = FormatOption,
) -> None:
    """The re-check runs in progress (chunks done of all, components, findings new and closed,
    when each started) and the workers that answer on the broker, with the tasks each runs."""
    from aicc.workers.status import worker_status

    with failures():
        from aicc.core.extras import require_extra

        require_extra("worker", "aicc worker status")
        from aicc.workers.app import make_app

        report = worker_status(store_of(ctx), make_app(), timeout=timeout)
    if fmt is OutputFormat.json:
        print_json(report)
        return
    _runs(report["runs"])
    if not report["workers"]:
        stdout.print(f"no worker answered on {report['broker']}", markup=False)
    for seen in report["workers"]:
        stdout.print(f"worker {seen['name']}: {seen['active']} tasks running", markup=False)


def _runs(runs: list[dict[str, Any]]) -> None:
    if not runs:
        stdout.print("no re-check in progress", markup=False)
        return
    table = Table(title="Re-checks in progress", title_justify="left")
    for column in ("id", "state", "chunks", "components", "new", "closed", "started"):
        table.add_column(column)
    for run in runs:
        done = run["progress"]
        total = "?" if done["chunks_total"] is None else done["chunks_total"]
        started = (run["started_at"] or run["created_at"])[:19]
        found = run["findings"]
        chunks = f"{done['chunks_done']}/{total}"
        row = (run["id"], run["state"], chunks, run["components"], found["new"], found["closed"])
        table.add_row(*(escape(str(x)) for x in (*row, started)))
    stdout.print(table)
