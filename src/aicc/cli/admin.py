"""`aicc admin`: set up the center from the command line: organisations, users and API tokens.

Whoever runs these commands can open the store directly, so they act as the center's operator;
the tokens they make are how everyone else reaches the server (`aicc serve`).
"""

from __future__ import annotations

import sys
from enum import StrEnum

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
    stderr,
    stdout,
    store_of,
)


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


class Sector(StrEnum):
    federal = "federal"
    hospital = "hospital"
    bank = "bank"
    utility = "utility"
    other = "other"


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
            timeout=settings_of(ctx).store_timeout,
        )
    print_json(made)
