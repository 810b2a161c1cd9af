"""`aicc admin campaign`: remediation campaigns from the command line, over the same library
calls as the server (`aicc.center.campaigns`), acting as the center's operator."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import typer
from rich.markup import escape
from rich.table import Table

from aicc.cli.common import (
    FormatOption,
    OutputFormat,
    failures,
    print_json,
    settings_of,
    stdout,
    store_of,
)

if TYPE_CHECKING:
    from aicc.center import Principal

# Whoever runs `aicc admin` opens the store directly: the center's operator. The audit trail
# names it as "aicc admin admin (token operator)".
OPERATOR_TOKEN = "operator"

campaign_app = typer.Typer(
    help="Remediation campaigns: vulnerabilities, a scope and a deadline; who is exposed and late.",
    no_args_is_help=True,
    rich_markup_mode="markdown",
    add_completion=False,
)


def _operator() -> Principal:
    from aicc.center import Principal

    return Principal(token_id=OPERATOR_TOKEN, role="admin", agency="aicc admin")


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(
            f"{value!r} is not a date (YYYY-MM-DD)", param_hint=option
        ) from exc


AsOfOption = typer.Option(None, "--as-of", help="Count overdue as of this day [default: today].")


@campaign_app.command("create")
def create(
    ctx: typer.Context,
    title: str = typer.Argument(..., help="The campaign's title, unique in the center."),
    cve: list[str] | None = typer.Option(None, "--cve", help="A CVE id (repeat for more)."),
    kev_vendor: str | None = typer.Option(
        None, "--kev-vendor", help="Or the KEV entries whose vendor contains this (any case)."
    ),
    kev_product: str | None = typer.Option(
        None, "--kev-product", help="... whose product contains this."
    ),
    kev_added_from: str | None = typer.Option(
        None, "--kev-added-from", help="... added on or after."
    ),
    kev_added_to: str | None = typer.Option(None, "--kev-added-to", help="... added on or before."),
    sector: list[str] | None = typer.Option(None, "--sector", help="A sector in scope (repeat)."),
    region: list[str] | None = typer.Option(None, "--region", help="A region in scope (repeat)."),
    org: list[str] | None = typer.Option(None, "--org", help="An organisation (name or id)."),
    due: str | None = typer.Option(None, "--due", help="The deadline (YYYY-MM-DD)."),
    bod: bool = typer.Option(False, "--bod-26-04", help="Or each finding's BOD 26-04 timeline."),
    starts: str | None = typer.Option(
        None, "--starts", help="When BOD 26-04 clocks start [default: today]."
    ),
    description: str | None = typer.Option(None, "--description", help="What and why."),
) -> None:
    """Start a campaign; prints it as JSON with every organisation exposed."""
    from aicc.center.campaigns import create_campaign

    kev = {
        "vendor": kev_vendor,
        "product": kev_product,
        "added_from": kev_added_from,
        "added_to": kev_added_to,
    }
    given = {k: v for k, v in kev.items() if v}
    operator = _operator()
    with failures():
        made = create_campaign(
            store_of(ctx),
            operator,
            title=title,
            description=description,
            vulnerabilities=cve or [],
            kev=given or None,
            sectors=sector or [],
            regions=region or [],
            organizations=org or [],
            due=_day(due, "--due"),
            bod_26_04=bod,
            starts=_day(starts, "--starts"),
            timeout=settings_of(ctx).store_timeout,
        )
    print_json(made)


@campaign_app.command("list")
def list_command(
    ctx: typer.Context, as_of: str | None = AsOfOption, fmt: OutputFormat = FormatOption
) -> None:
    """List the campaigns, newest first, with how many organisations are fixed and overdue."""
    from aicc.center.campaigns import list_campaigns

    operator = _operator()
    with failures():
        found = list_campaigns(store_of(ctx), operator, as_of=_day(as_of, "--as-of"))
    if fmt is OutputFormat.json:
        print_json(found)
        return
    table = Table(title="Campaigns", title_justify="left")
    for column in ("id", "title", "deadline", "organisations", "fixed", "overdue"):
        table.add_column(column)
    for c in found:
        deadline = c["due"] or f"BOD 26-04 from {c['starts']}"
        if c["closed"]:
            deadline += f" (closed {c['closed']['at'][:10]})"
        numbers = c["counts"]
        table.add_row(
            escape(c["id"]),
            escape(c["title"]),
            escape(deadline),
            str(numbers["organizations"]),
            str(numbers["fixed"]),
            str(numbers["overdue"]),
        )
    stdout.print(table)


@campaign_app.command("show")
def show(
    ctx: typer.Context,
    campaign_id: str = typer.Argument(..., help="The campaign's id (cmp_...)."),
    as_of: str | None = AsOfOption,
) -> None:
    """A campaign's board as JSON: totals, by sector and region, who is late, the burn-down,
    every entry and the findings whose deadline could not be worked out."""
    from aicc.center.campaign_board import campaign_progress
    from aicc.center.campaigns import show_campaign

    operator = _operator()
    day = _day(as_of, "--as-of")
    with failures():
        board = campaign_progress(store_of(ctx), operator, campaign_id, as_of=day)
        entries = show_campaign(store_of(ctx), operator, campaign_id, as_of=day)["entries"]
    print_json(board | {"entries": entries})


@campaign_app.command("edit")
def edit(
    ctx: typer.Context,
    campaign_id: str = typer.Argument(..., help="The campaign's id (cmp_...)."),
    reason: str = typer.Option(..., "--reason", help="Why (kept in the audit trail, told)."),
    title: str | None = typer.Option(None, "--title", help="A new title."),
    due: str | None = typer.Option(None, "--due", help="A new deadline (YYYY-MM-DD)."),
    sector: list[str] | None = typer.Option(
        None, "--sector", help="The sectors in scope, replacing them (repeat)."
    ),
    region: list[str] | None = typer.Option(
        None, "--region", help="The regions in scope, replacing them (repeat)."
    ),
    org: list[str] | None = typer.Option(
        None, "--org", help="The organisations named in scope, replacing them (repeat)."
    ),
) -> None:
    """Change a campaign's title, deadline or scope (what is not given stays); the
    organisations assigned before hear what changed and those new to it are assigned it.
    Prints the campaign as JSON."""
    from aicc.center.campaign_changes import edit_campaign

    with failures():
        changed = edit_campaign(
            store_of(ctx),
            _operator(),
            campaign_id,
            reason=reason,
            title=title,
            due=_day(due, "--due"),
            sectors=sector,
            regions=region,
            organizations=org,
            timeout=settings_of(ctx).store_timeout,
        )
    print_json(changed)


@campaign_app.command("close")
def close(
    ctx: typer.Context,
    campaign_id: str = typer.Argument(..., help="The campaign's id (cmp_...)."),
    reason: str = typer.Option(..., "--reason", help="Why (kept in the audit trail)."),
) -> None:
    """Close a campaign: its numbers today are kept as its final ones and no more due or
    overdue notices are sent. Prints the campaign as JSON."""
    from aicc.center.campaign_changes import close_campaign

    with failures():
        closed = close_campaign(
            store_of(ctx),
            _operator(),
            campaign_id,
            reason=reason,
            timeout=settings_of(ctx).store_timeout,
        )
    print_json(closed)


@campaign_app.command("deadlines")
def deadlines(
    ctx: typer.Context,
    since: str = typer.Option(..., "--since", help="The last day already told (YYYY-MM-DD)."),
    until: str | None = typer.Option(None, "--until", help="Up to this day [default: today]."),
    warn_days: int = typer.Option(7, "--warn-days", min=1, help="Days before a deadline to warn."),
) -> None:
    """Which entries came due soon or overdue after ``--since`` up to ``--until``, as JSON (what
    notifications tell)."""
    from aicc.center.campaigns import campaign_deadlines
    from aicc.core.times import utcnow

    start = _day(since, "--since")
    assert start is not None
    end = _day(until, "--until") or utcnow().date()
    with failures():
        found = campaign_deadlines(store_of(ctx), since=start, until=end, warn_days=warn_days)
    print_json(found)
