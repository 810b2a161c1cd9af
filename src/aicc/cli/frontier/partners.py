"""`aicc frontier partners`: trusted partners, their grants and findings."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import typer
from sqlalchemy import Connection

from aicc.cli.common import (
    FormatOption,
    OutputFormat,
    print_json,
)
from aicc.cli.frontier._common import (
    ActorOption,
    AsOfOption,
    PartnerArgument,
    SubmissionArgument,
    _acting,
    _cipher,
    _day,
    _grant_line,
    _say,
)
from aicc.core.times import iso
from aicc.frontier import partners
from aicc.frontier.access import Actor, Grant, Scope

partners_app = typer.Typer(
    help="Trusted partners: vetted by the center, proposed per "
    "submission by the developer, confirmed by the center.",
    no_args_is_help=True,
)


@partners_app.command("add")
def partners_add(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="The vetted organisation's name."),
    actor: str | None = ActorOption,
    as_of: datetime | None = AsOfOption,
    fmt: OutputFormat = FormatOption,
) -> None:
    """Record a partner the center has vetted (program administrators)."""
    with _acting(ctx, actor) as (conn, who):
        partner = partners.add_partner(conn, actor=who, name=name, as_of=_day(as_of))
    if fmt is OutputFormat.json:
        print_json(partner.as_dict())
    else:
        _say(f"vetted partner {partner.name}")


@partners_app.command("list")
def partners_list(
    ctx: typer.Context,
    submission: str | None = typer.Argument(
        None,
        metavar="[SUBMISSION]",
        help="Show this submission's partners; without it, the vetted partners.",
    ),
    actor: str | None = ActorOption,
    as_of: datetime | None = AsOfOption,
    fmt: OutputFormat = FormatOption,
) -> None:
    """List a submission's partners with state, scope and dates, or the vetted partners."""
    day = _day(as_of)
    with _acting(ctx, actor) as (conn, who):
        if submission is None:
            vetted = partners.list_partners(conn, actor=who, as_of=day)
        else:
            grants = partners.list_grants(conn, actor=who, ref=submission, as_of=day)
    if submission is None and fmt is OutputFormat.json:
        print_json([p.as_dict() for p in vetted])
    elif submission is None:
        for partner in vetted:
            _say(partner.name)
    elif fmt is OutputFormat.json:
        print_json([g.as_dict(day) for g in grants])
    else:
        for grant in grants:
            _say(_grant_line(grant, day).strip())


@partners_app.command("propose")
def partners_propose(
    ctx: typer.Context,
    submission: str = SubmissionArgument,
    partner: str = PartnerArgument,
    model: bool = typer.Option(False, "--model", help="The partner may use the model."),
    suites: list[str] = typer.Option(
        None, "--suite", metavar="S", help="A suite the partner may run (repeatable; * for all)."
    ),
    results: list[str] = typer.Option(
        None,
        "--results",
        metavar="R",
        help="A suite whose results the partner may read (repeatable; * for all).",
    ),
    until: datetime | None = typer.Option(
        None,
        "--until",
        help="End the grant on this day instead of the release date.",
        formats=["%Y-%m-%d"],
        show_default=False,
    ),
    actor: str | None = ActorOption,
    as_of: datetime | None = AsOfOption,
    fmt: OutputFormat = FormatOption,
) -> None:
    """Propose a vetted partner and its scope (the developer); the center confirms."""
    scope = Scope(model=model, suites=tuple(suites or ()), results=tuple(results or ()))
    _grant_command(
        ctx,
        actor,
        as_of,
        fmt,
        lambda conn, who, day: partners.propose(
            conn,
            actor=who,
            ref=submission,
            partner=partner,
            scope=scope,
            until=until.date() if until else None,
            as_of=day,
        ),
    )


@partners_app.command("confirm")
def partners_confirm(
    ctx: typer.Context,
    submission: str = SubmissionArgument,
    partner: str = PartnerArgument,
    actor: str | None = ActorOption,
    as_of: datetime | None = AsOfOption,
    fmt: OutputFormat = FormatOption,
) -> None:
    """Confirm a proposed partner (the center): its access starts."""
    _grant_command(
        ctx,
        actor,
        as_of,
        fmt,
        lambda conn, who, day: partners.confirm(
            conn, actor=who, ref=submission, partner=partner, as_of=day
        ),
    )


@partners_app.command("revoke")
def partners_revoke(
    ctx: typer.Context,
    submission: str = SubmissionArgument,
    partner: str = PartnerArgument,
    reason: str | None = typer.Option(None, "--reason", help="Why."),
    actor: str | None = ActorOption,
    as_of: datetime | None = AsOfOption,
    fmt: OutputFormat = FormatOption,
) -> None:
    """Revoke a partner's grant now (the center or the developer)."""
    _grant_command(
        ctx,
        actor,
        as_of,
        fmt,
        lambda conn, who, day: partners.revoke(
            conn, actor=who, ref=submission, partner=partner, reason=reason, as_of=day
        ),
    )


@partners_app.command("extend")
def partners_extend(
    ctx: typer.Context,
    submission: str = SubmissionArgument,
    partner: str = PartnerArgument,
    until: datetime = typer.Option(
        ...,
        "--until",
        help="The grant ends on this day (no access from it on).",
        formats=["%Y-%m-%d"],
    ),
    actor: str | None = ActorOption,
    as_of: datetime | None = AsOfOption,
    fmt: OutputFormat = FormatOption,
) -> None:
    """Extend a grant past the release date (the center or the developer)."""
    _grant_command(
        ctx,
        actor,
        as_of,
        fmt,
        lambda conn, who, day: partners.extend(
            conn, actor=who, ref=submission, partner=partner, until=until.date(), as_of=day
        ),
    )


def _grant_command(
    ctx: typer.Context,
    actor: str | None,
    as_of: datetime | None,
    fmt: OutputFormat,
    change: Callable[[Connection, Actor, date], Grant],
) -> None:
    day = _day(as_of)
    with _acting(ctx, actor) as (conn, who):
        grant = change(conn, who, day)
    if fmt is OutputFormat.json:
        print_json(grant.as_dict(day))
    else:
        _say(_grant_line(grant, day).strip())


@partners_app.command("file")
def partners_file(
    ctx: typer.Context,
    submission: str = SubmissionArgument,
    title: str = typer.Option(..., "--title", help="A one-line summary."),
    body_file: Path = typer.Option(
        ...,
        "--body-file",
        exists=True,
        dir_okay=False,
        readable=True,
        help="The finding (text), stored encrypted.",
    ),
    actor: str | None = ActorOption,
    as_of: datetime | None = AsOfOption,
    fmt: OutputFormat = FormatOption,
) -> None:
    """File the acting partner's own finding against a submission."""
    with _acting(ctx, actor) as (conn, who):
        finding = partners.file_finding(
            conn,
            actor=who,
            ref=submission,
            title=title,
            body=body_file.read_text(encoding="utf-8"),
            cipher=_cipher(),
            as_of=_day(as_of),
        )
    if fmt is OutputFormat.json:
        print_json({k: v for k, v in finding.as_dict().items() if k != "body"})
    else:
        _say(f"filed finding {finding.id} on {finding.submission_id}: {finding.title}")


@partners_app.command("findings")
def partners_findings(
    ctx: typer.Context,
    submission: str = SubmissionArgument,
    actor: str | None = ActorOption,
    as_of: datetime | None = AsOfOption,
    fmt: OutputFormat = FormatOption,
) -> None:
    """Read the partners' findings on a submission (a partner reads its own)."""
    with _acting(ctx, actor) as (conn, who):
        found = partners.list_findings(
            conn, actor=who, ref=submission, cipher=_cipher(), as_of=_day(as_of)
        )
    if fmt is OutputFormat.json:
        print_json([f.as_dict() for f in found])
        return
    for finding in found:
        _say(f"#{finding.id} {finding.title}  ({finding.partner}, {iso(finding.filed_at)})")
        _say(finding.body.rstrip() + "\n")
