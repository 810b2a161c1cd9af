"""`aicc frontier audit`: the program's audit log."""

from __future__ import annotations

from datetime import datetime

import typer
from rich.markup import escape

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
    _cipher,
    _day,
    _head_file,
    _say,
)
from aicc.core.times import iso
from aicc.frontier import audit

audit_app = typer.Typer(
    help="The program's append-only audit log, chained and keyed with AICC_FRONTIER_KEY.",
    no_args_is_help=True,
)


@audit_app.command("verify")
def audit_verify(
    ctx: typer.Context,
    rewrite_head: bool = typer.Option(
        False,
        "--rewrite-head",
        help="Write the head file in AICC_HOME anew from the store's head, once the log in the "
        "store verifies (administrators; for a new AICC_HOME or a lost file). Logged.",
    ),
    actor: str | None = ActorOption,
    as_of: datetime | None = AsOfOption,
    fmt: OutputFormat = FormatOption,
) -> None:
    """Check every entry's MAC and link, the log's end against its head in the store and in
    the head file: exit 0 when intact, 1 naming everything that is wrong."""
    with _acting(ctx, actor) as (conn, who):
        if rewrite_head:
            result = audit.rewrite_head_file(
                conn, actor=who, as_of=_day(as_of), head_file=_head_file(ctx)
            )
        else:
            result = audit.verify_log(conn, actor=who, as_of=_day(as_of), head_file=_head_file(ctx))
    if fmt is OutputFormat.json:
        print_json(result.as_dict())
    elif result.ok:
        kind = "keyed" if result.keyed else "legacy SHA-256 chain"
        _say(
            f"audit log intact: {result.entries} entries ({kind}), head {result.head}, "
            f"head file {result.head_file}"
        )
    else:
        where = f" at entry {result.broken_seq}" if result.broken_seq is not None else ""
        stderr.print(
            f"[bold red]audit log broken{where}:[/] {escape(result.problems[0])}",
            highlight=False,
            soft_wrap=True,
        )
        for problem in result.problems[1:]:
            stderr.print(f"  also: {problem}", markup=False, highlight=False, soft_wrap=True)
    for note in result.notes:
        stderr.print(f"note: {note}", markup=False, highlight=False, soft_wrap=True)
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
    """Print the audit log (program administrators), confidential details decrypted."""
    with _acting(ctx, actor) as (conn, who):
        found = audit.read_log(
            conn, actor=who, subject=subject, as_of=_day(as_of), cipher=_cipher()
        )
    if fmt is OutputFormat.json:
        print_json([e.as_dict() for e in found])
        return
    for entry in found:
        detail = "" if entry.detail is None else f"  {entry.detail}"
        _say(
            f"{entry.seq:>5}  {iso(entry.at)}  {entry.actor}  {entry.action}  "
            f"{entry.subject or '-'}{detail}"
        )
