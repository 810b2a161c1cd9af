"""`aicc frontier attachments`: the developer's own evaluation results."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import typer

from aicc.cli.common import (
    FormatOption,
    OutputFormat,
    print_json,
)
from aicc.cli.frontier._common import (
    ActorOption,
    AsOfOption,
    SubmissionArgument,
    _acting,
    _cipher,
    _day,
    _say,
)
from aicc.frontier import records

attachments_app = typer.Typer(
    help="The developer's own evaluation results, kept encrypted.", no_args_is_help=True
)


@attachments_app.command("add")
def attachments_add(
    ctx: typer.Context,
    submission: str = SubmissionArgument,
    files: list[Path] = typer.Argument(
        ...,
        metavar="FILE...",
        exists=True,
        dir_okay=False,
        readable=True,
        help="Files of the developer's own results.",
    ),
    actor: str | None = ActorOption,
    as_of: datetime | None = AsOfOption,
    fmt: OutputFormat = FormatOption,
) -> None:
    """Attach files of the developer's own evaluation results (stored encrypted)."""
    with _acting(ctx, actor) as (conn, who):
        cipher = _cipher()
        added = [
            records.add_attachment(
                conn,
                actor=who,
                ref=submission,
                filename=path.name,
                content=path.read_bytes(),
                cipher=cipher,
                as_of=_day(as_of),
            )
            for path in files
        ]
    if fmt is OutputFormat.json:
        print_json([a.as_dict() for a in added])
        return
    for attachment in added:
        _say(f"attached {attachment.filename}  sha256 {attachment.sha256}")


@attachments_app.command("list")
def attachments_list(
    ctx: typer.Context,
    submission: str = SubmissionArgument,
    actor: str | None = ActorOption,
    as_of: datetime | None = AsOfOption,
    fmt: OutputFormat = FormatOption,
) -> None:
    """List the attached files with their SHA-256."""
    with _acting(ctx, actor) as (conn, who):
        found = records.list_attachments(conn, actor=who, ref=submission, as_of=_day(as_of))
    if fmt is OutputFormat.json:
        print_json([a.as_dict() for a in found])
        return
    for attachment in found:
        _say(f"{attachment.id}  {attachment.filename}  sha256 {attachment.sha256}")


@attachments_app.command("get")
def attachments_get(
    ctx: typer.Context,
    submission: str = SubmissionArgument,
    name: str = typer.Argument(..., metavar="FILE", help="The file's name or id."),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write it here instead of stdout."
    ),
    actor: str | None = ActorOption,
    as_of: datetime | None = AsOfOption,
) -> None:
    """Decrypt an attached file, check its SHA-256, and write it out."""
    with _acting(ctx, actor) as (conn, who):
        _, content = records.read_attachment(
            conn, actor=who, ref=submission, name=name, cipher=_cipher(), as_of=_day(as_of)
        )
    if output is not None:
        output.write_bytes(content)
    else:
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
