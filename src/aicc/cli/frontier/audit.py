"""`aicc frontier audit`: the program's audit log."""

from __future__ import annotations

from datetime import datetime

import typer

from aicc.cli.common import (
    FINDINGS,
    FormatOption,
    OutputFormat,
    print_json,
    stderr,
)
from aicc.cli.frontier._common import (
    ActorOption,
    AsOfOption,
    _acting,
    _day,
    _say,
)
from aicc.core.times import iso
from aicc.frontier import audit

audit_app = typer.Typer(
    help="The program's append-only, hash-chained audit log.", no_args_is_help=True
)


@audit_app.command("verify")
def audit_verify(
    ctx: typer.Context,
    actor: str | None = ActorOption,
    as_of: datetime | None = AsOfOption,
    fmt: OutputFormat = FormatOption,
) -> None:
    """Check the hash chain: exit 0 when intact, 1 naming the first broken entry."""
    with _acting(ctx, actor) as (conn, who):
        result = audit.verify_log(conn, actor=who, as_of=_day(as_of))
    if fmt is OutputFormat.json:
        print_json(result.as_dict())
    elif result.ok:
        _say(f"audit log intact: {result.entries} entries, head {result.head}")
    else:
        stderr.print(
            f"[bold red]audit log broken at entry {result.broken_seq}:[/] {result.problem}",
            highlight=False,
        )
    if not result.ok:
        raise typer.Exit(FINDINGS)


@audit_app.command("list")
def audit_list(
    ctx: typer.Context,
    subject: str | None = typer.Option(
        None,
        "--subject",
        help="Only entries about this (a submission id, a developer or partner name).",
    ),
    actor: str | None = ActorOption,
    as_of: datetime | None = AsOfOption,
    fmt: OutputFormat = FormatOption,
) -> None:
    """Print the audit log (program administrators)."""
    with _acting(ctx, actor) as (conn, who):
        found = audit.read_log(conn, actor=who, subject=subject, as_of=_day(as_of))
    if fmt is OutputFormat.json:
        print_json([e.as_dict() for e in found])
        return
    for entry in found:
        detail = "" if entry.detail is None else f"  {entry.detail}"
        _say(
            f"{entry.seq:>5}  {iso(entry.at)}  {entry.actor}  {entry.action}  "
            f"{entry.subject or '-'}{detail}"
        )
