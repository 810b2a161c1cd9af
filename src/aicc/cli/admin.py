"""`aicc admin`: set up the center from the command line: organisations, users and API tokens.

Whoever runs these commands can open the store directly, so they act as the center's operator;
the tokens they make are how everyone else reaches the server (`aicc serve`).
"""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import TYPE_CHECKING

import typer
from rich.markup import escape
from rich.table import Table

from aicc.cli.admin_campaigns import campaign_app
from aicc.cli.admin_vex import vex_command
from aicc.cli.common import (
    FormatOption,
    OutputFormat,
    failures,
    invocation,
    print_json,
    settings_of,
    stderr,
    stdout,
    store_of,
)

if TYPE_CHECKING:
    from aicc.center import Principal


def _group(help_text: str) -> typer.Typer:
    """A command group of `aicc admin`, shown the same way as the others."""
    return typer.Typer(
        help=help_text, no_args_is_help=True, rich_markup_mode="markdown", add_completion=False
    )


app = _group("Set up the center: organisations, the people who log in, and API tokens.")
org_app = _group("Organisations the center serves, each with a sector profile.")
token_app = _group(
    "API tokens, for an organisation or for the center (shown once, kept as a hash)."
)
user_app = _group("People who log in to the web pages, for an organisation or for the center.")
app.add_typer(org_app, name="org")
app.add_typer(user_app, name="user")
app.add_typer(token_app, name="token")
app.add_typer(campaign_app, name="campaign")
app.command("vex")(vex_command)


class Sector(StrEnum):
    federal = "federal"
    hospital = "hospital"
    bank = "bank"
    utility = "utility"
    other = "other"


# A center user's or token's grant (aicc.center.grants): repeat the option for several.
SectorGrant = typer.Option(
    None, "--sector", help="With --center: only this sector (repeat for more) [default: all]."
)
RegionGrant = typer.Option(
    None, "--region", help="With --center: only this region (repeat for more) [default: all]."
)


@org_app.command("create")
def org_create(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="The organisation's name, unique in the center."),
    sector: Sector = typer.Option(..., "--sector", help="Its sector."),
    region: str | None = typer.Option(None, "--region", help="Where it is, e.g. a state."),
    profile: str | None = typer.Option(
        None,
        "--profile",
        help="The sector profile its findings are decided by: a shipped one's name or a .yaml "
        "file [default: the sector's own, else default].",
    ),
) -> None:
    """Add an organisation; prints it as JSON, with its `id`."""
    from aicc.center import create_organisation

    with failures():
        created = create_organisation(
            store_of(ctx),
            name=name,
            sector=sector.value,
            region=region,
            profile=profile,
            timeout=settings_of(ctx).store_timeout,
        )
    print_json(created)


@org_app.command("list")
def org_list(ctx: typer.Context, fmt: OutputFormat = FormatOption) -> None:
    """List the organisations."""
    from aicc.center import list_organisations

    with failures():
        found = list_organisations(store_of(ctx))
    if fmt is OutputFormat.json:
        print_json(found)
        return
    table = Table(title="Organisations", title_justify="left")
    for column in ("id", "name", "sector", "region", "profile"):
        table.add_column(column)
    for row in found:
        table.add_row(
            *(escape(str(row[c] or "-")) for c in ("id", "name", "sector", "region")),
            escape(row["profile"]),
        )
    stdout.print(table)


@token_app.command("create")
def token_create(
    ctx: typer.Context,
    org: str | None = typer.Option(None, "--org", help="The organisation (name or id)."),
    center: str | None = typer.Option(
        None, "--center", help="Or the center, on behalf of this agency (e.g. CISA)."
    ),
    role: str = typer.Option(
        ...,
        "--role",
        help="An organisation's: admin or member; the center's: admin, analyst or read-only.",
    ),
    expires: int | None = typer.Option(
        None, "--expires", min=1, help="Days until it expires [default: never]."
    ),
    sector: list[str] | None = SectorGrant,
    region: list[str] | None = RegionGrant,
) -> None:
    """Make an API token; prints it as JSON, the token itself under `token`: shown only now."""
    from aicc.center import create_token

    with failures():
        made = create_token(
            store_of(ctx),
            role=role,
            organisation=org,
            agency=center,
            expires_days=expires,
            sectors=sector,
            regions=region,
            timeout=settings_of(ctx).store_timeout,
        )
    print_json(made)
    if not invocation(ctx).quiet:
        stderr.print(
            "The token is shown this once: the center keeps only its hash.", highlight=False
        )


@token_app.command("revoke")
def token_revoke(
    ctx: typer.Context, token_id: str = typer.Argument(..., help="The token's id (tok_...).")
) -> None:
    """Revoke a token: it is refused from now on."""
    from aicc.center import revoke_token

    with failures():
        revoke_token(store_of(ctx), token_id, timeout=settings_of(ctx).store_timeout)
    if not invocation(ctx).quiet:
        stderr.print(f"revoked {escape(token_id)}", highlight=False)


def _operator() -> Principal:
    """The caller `aicc admin` acts as: it holds the store, so the whole portfolio."""
    from aicc.center import Principal

    return Principal(token_id="operator", role="admin", agency="aicc admin")


@token_app.command("grant")
def token_grant(
    ctx: typer.Context,
    token_id: str = typer.Argument(..., help="The center token's id (tok_...)."),
    sector: list[str] | None = typer.Option(
        None, "--sector", help="Only this sector (repeat for more) [default: all]."
    ),
    region: list[str] | None = typer.Option(
        None, "--region", help="Only this region (repeat for more) [default: all]."
    ),
) -> None:
    """Limit a center token to sectors and regions from its next request on; with neither
    option, the whole portfolio again. Audited; prints the token (never its secret) as JSON."""
    from aicc.center import change_token

    with failures():
        changed = change_token(
            store_of(ctx),
            _operator(),
            token_id,
            grants=(sector, region),
            timeout=settings_of(ctx).store_timeout,
        )
    print_json(changed)


@token_app.command("role")
def token_role(
    ctx: typer.Context,
    token_id: str = typer.Argument(..., help="The token's id (tok_...)."),
    role: str = typer.Option(
        ...,
        "--role",
        help="An organisation's: admin or member; the center's: admin, analyst or read-only.",
    ),
) -> None:
    """Change a token's role from its next request on. Audited; prints the token as JSON."""
    from aicc.center import change_token

    with failures():
        changed = change_token(
            store_of(ctx), _operator(), token_id, role=role, timeout=settings_of(ctx).store_timeout
        )
    print_json(changed)


@user_app.command("grant")
def user_grant(
    ctx: typer.Context,
    email: str = typer.Argument(..., help="The center user's e-mail address."),
    sector: list[str] | None = SectorGrant,
    region: list[str] | None = RegionGrant,
) -> None:
    """Limit a center user to sectors and regions from its next page on; with neither option,
    the user sees the whole portfolio again. Prints JSON."""
    from aicc.center.grants import set_user_grants

    with failures():
        made = set_user_grants(
            store_of(ctx),
            email=email,
            sectors=sector,
            regions=region,
            timeout=settings_of(ctx).store_timeout,
        )
    print_json(made)


@user_app.command("link")
def user_link(
    ctx: typer.Context,
    email: str = typer.Argument(..., help="The user's e-mail address."),
    subject: str = typer.Option(
        ..., "--subject", help="The identity's subject: the `sub` of its ID tokens."
    ),
    issuer: str | None = typer.Option(
        None, "--issuer", envvar="AICC_OIDC_ISSUER", help="The identity provider's issuer URL."
    ),
) -> None:
    """Link an identity of the single sign-on provider to a user: logging in with it is then
    logging in as that user, with the user's own scope and role. Prints JSON."""
    from aicc.center.oidc import link_identity

    with failures():
        made = link_identity(
            store_of(ctx),
            email=email,
            subject=subject,
            issuer=issuer or "",
            linked_by="the operator (aicc admin user link)",
            timeout=settings_of(ctx).store_timeout,
        )
    print_json(made)


@user_app.command("reset")
def user_reset(
    ctx: typer.Context,
    email: str = typer.Argument(..., help="The user's e-mail address."),
    hours: int = typer.Option(24, "--hours", min=1, max=168, help="How long the link works."),
    base_url: str | None = typer.Option(
        None,
        "--base-url",
        envvar="AICC_BASE_URL",
        help="The center's address as its users reach it (e.g. https://aicc.example.gov), to "
        "print the whole link [default: the path only].",
    ),
) -> None:
    """Make a one-time link for the user to set a new password; prints JSON with the `link`:
    shown only now. Older links of the user stop working; using it ends all their sessions."""
    from aicc.center.resets import issue_reset

    with failures():
        made = issue_reset(
            store_of(ctx),
            email=email,
            issued_by="the operator (aicc admin user reset)",
            hours=hours,
            timeout=settings_of(ctx).store_timeout,
        )
    link = (base_url.rstrip("/") if base_url else "") + made.pop("path")
    print_json(made | {"link": link})
    if not invocation(ctx).quiet:
        stderr.print(
            "The link is shown this once: pass it on to the person by a channel you trust.",
            highlight=False,
        )


@user_app.command("create")
def user_create(
    ctx: typer.Context,
    email: str = typer.Argument(..., help="The person's e-mail address: what they log in with."),
    org: str | None = typer.Option(None, "--org", help="The organisation (name or id)."),
    center: str | None = typer.Option(
        None, "--center", help="Or the center, on behalf of this agency (e.g. CISA)."
    ),
    role: str = typer.Option(
        ...,
        "--role",
        help="An organisation's: admin or member; the center's: admin, analyst or read-only.",
    ),
    sector: list[str] | None = SectorGrant,
    region: list[str] | None = RegionGrant,
) -> None:
    """Add a user; the password is read from stdin (its first line, 12 characters or more),
    never from an argument, which other users of the machine could see. Prints JSON."""
    from aicc.center import InvalidInput, create_user

    with failures():
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise InvalidInput("password: give it on stdin, e.g. from a password manager's pipe")
        made = create_user(
            store_of(ctx),
            email=email,
            password=password,
            role=role,
            organisation=org,
            agency=center,
            sectors=sector,
            regions=region,
            timeout=settings_of(ctx).store_timeout,
        )
    print_json(made)
