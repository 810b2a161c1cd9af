"""Shared options and helpers of the `aicc frontier` commands, and the `app` they register on."""

from __future__ import annotations

import getpass
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path

import typer
from cryptography.fernet import Fernet
from sqlalchemy import Connection, Engine

from aicc.cli.common import (
    failures,
    settings_of,
    stdout,
    store_of,
)
from aicc.core.times import utcnow
from aicc.frontier import audit, crypto, records
from aicc.frontier.access import AccessDenied, Actor, Grant, Role
from aicc.frontier.meaning import COVERED_HELP
from aicc.frontier.window import FrontierError

app = typer.Typer(
    add_completion=False,
    help="The voluntary pre-release evaluation program for frontier AI models: submissions, "
    "evaluation windows, trusted partners and an audit log. Every outcome is advisory: "
    "the program never licenses, approves or blocks a release.\n\n" + COVERED_HELP,
    no_args_is_help=True,
    rich_markup_mode="markdown",
)

ActorOption = typer.Option(
    None,
    "--as",
    envvar="AICC_ACTOR",
    metavar="ROLE:NAME",
    show_default=False,
    help="Who acts: admin:NAME, evaluator:NAME, developer:ORG or partner:ORG (or ROLE:NAME "
    "in $AICC_HOME/frontier-actor). Required: there is no default actor. Recorded in the "
    "audit log.",
)
AsOfOption = typer.Option(
    None,
    "--as-of",
    formats=["%Y-%m-%d"],
    show_default=False,
    help="The date to act on [default: today, UTC].",
)
SubmissionArgument = typer.Argument(
    ..., metavar="SUBMISSION", help="The id `submit` printed, or the model name where it is unique."
)
PartnerArgument = typer.Argument(..., metavar="PARTNER", help="A vetted partner's name.")


ACTOR_FILE = "frontier-actor"  # in AICC_HOME: ROLE:NAME, for whoever always acts as one actor


def _actor(ctx: typer.Context, text: str | None) -> Actor:
    """Who acts: ``--as``, else ``AICC_ACTOR``, else the actor file in AICC_HOME; never a
    default, so nobody acts as the program's administrator without saying so."""
    if text:
        return Actor.parse(text)
    path = settings_of(ctx).home / ACTOR_FILE
    if path.is_file():
        written = path.read_text(encoding="utf-8", errors="replace").strip()
        try:
            return Actor.parse(written)
        except FrontierError as exc:
            raise FrontierError(f"{path}: {exc}") from exc
    raise FrontierError(
        "say who acts: --as ROLE:NAME, AICC_ACTOR=ROLE:NAME, or ROLE:NAME in "
        f"{path} (roles: {', '.join(r.value for r in Role)}; e.g. admin:{_login()} for the "
        "program's administrator, 'developer:Example Lab' for a developer); nothing was done"
    )


def _login() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in a bare container
        return "NAME"


def _day(value: datetime | None) -> date:
    return value.date() if value is not None else utcnow().date()


def _say(text: str) -> None:
    """Print program data: no Rich markup, highlighting or wrapping of what users wrote."""
    stdout.print(text, markup=False, highlight=False, soft_wrap=True)


def _cipher() -> Fernet:
    return crypto.cipher_from_env(os.environ)


def _check_key(conn: Connection) -> None:
    """Refuse a missing key, or one other than the key the store's data is encrypted with: every
    command writes to the audit log, which is keyed with it."""
    crypto.check_key(conn, _cipher(), now=utcnow())


def _head_file(ctx: typer.Context) -> Path:
    """Where the audit log's head is kept outside the store: in AICC_HOME."""
    return settings_of(ctx).home / audit.HEAD_FILE


def _store(ctx: typer.Context) -> Engine:
    """The store, with the audit log's head file kept at each commit that appends to the log."""
    engine = store_of(ctx)
    audit.keep_head_file(engine, _head_file(ctx))
    return engine


@contextmanager
def _acting(ctx: typer.Context, actor_text: str | None) -> Iterator[tuple[Connection, Actor]]:
    """One transaction as one actor; a refusal is logged in a transaction of its own."""
    with failures():
        actor = _actor(ctx, actor_text)
        _cipher()  # a missing or malformed key is refused before the store is opened
        engine = _store(ctx)
        try:
            with engine.begin() as conn:
                _check_key(conn)
                actor = records.identify(conn, actor)  # a developer's or partner's own name
                yield conn, actor
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


def _grant_line(grant: Grant, as_of: date) -> str:
    scope = grant.scope
    parts = (
        (["model"] if scope.model else [])
        + ([f"suites {', '.join(scope.suites)}"] if scope.suites else [])
        + ([f"results {', '.join(scope.results)}"] if scope.results else [])
    )
    ends = f"ends {grant.ends_on.isoformat()}" + (
        " (extended)" if grant.extended else " (the release date)"
    )
    return f"  {grant.partner}: {grant.standing(as_of)}; {'; '.join(parts) or 'no scope'}; {ends}"
