"""A small program to test against: one developer, one partner, a submission, shared actors;
and the helpers of the `aicc frontier` CLI tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from cryptography.fernet import Fernet
from sqlalchemy import Connection, Engine, MetaData, Table, inspect, select
from typer.testing import Result

from aicc.frontier import partners, records
from aicc.frontier.access import Actor, Role, Scope
from aicc.frontier.crypto import KEY_VARIABLE, cipher_from_env, new_key

RELEASE = date(2026, 6, 1)
BEFORE = date(2026, 4, 1)  # scheduled: the window opens on 2026-05-02
DURING = date(2026, 5, 10)  # open
AFTER = date(2026, 6, 10)  # closed: released

ADMIN = Actor(Role.admin, "ada")
EVALUATOR = Actor(Role.evaluator, "eve")
DEVELOPER = Actor(Role.developer, "Example AI")
OTHER_DEVELOPER = Actor(Role.developer, "Other Labs")
PARTNER = Actor(Role.partner, "Acme Security")
OTHER_PARTNER = Actor(Role.partner, "Beta Red Team")

NO_DOCKER = "no docker in this test"

Invoke = Callable[..., Result]  # the `frontier` fixture of conftest.py: runs `aicc frontier ARGS`


def ok(result: Result) -> Result:
    assert result.exit_code == 0, result.output
    return result


def cipher() -> Fernet:
    """A cipher with a fresh key."""
    return cipher_from_env({KEY_VARIABLE: new_key()})


def seed(conn: Connection, *, release: date = RELEASE, as_of: date = BEFORE) -> str:
    """Two developers, two vetted partners and one submission of Example AI; its id."""
    for developer in (DEVELOPER, OTHER_DEVELOPER):
        records.add_developer(conn, actor=ADMIN, name=developer.name, as_of=as_of)
    for partner in (PARTNER, OTHER_PARTNER):
        partners.add_partner(conn, actor=ADMIN, name=partner.name, as_of=as_of)
    submission = records.create_submission(
        conn,
        actor=DEVELOPER,
        developer=DEVELOPER.name,
        model_name="Falcon",
        model_version="1.0",
        release_date=release,
        access=records.ModelAccess.inspect("mockllm/model"),
        as_of=as_of,
    )
    return submission.id


def grant(
    conn: Connection, ref: str, *, scope: Scope, as_of: date = BEFORE, partner: Actor = PARTNER
) -> None:
    """The developer proposes ``partner`` with ``scope`` and the center confirms."""
    partners.propose(conn, actor=DEVELOPER, ref=ref, partner=partner.name, scope=scope, as_of=as_of)
    partners.confirm(conn, actor=ADMIN, ref=ref, partner=partner.name, as_of=as_of)


def all_stored_text(engine: Engine) -> str:
    """Every value of every table, as text (binary values decoded leniently)."""
    parts: list[str] = []
    tables = inspect(engine).get_table_names()
    with engine.connect() as conn:
        metadata = MetaData()
        for name in tables:
            table = Table(name, metadata, autoload_with=conn)
            for row in conn.execute(select(table)):
                for value in row:
                    if isinstance(value, bytes | memoryview):
                        parts.append(bytes(value).decode("latin-1"))
                    else:
                        parts.append(str(value))
    return "\n".join(parts)
