"""`aicc admin`: organisations and tokens set up from the command line, errors as every
command gives them (one line, exit status 2), tokens shown once and stored as a hash only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner, Result

from aicc.cli.main import app
from aicc.store.center_tables import api_tokens, users
from aicc.store.db import open_store


@pytest.fixture
def admin(tmp_path: Path, store_url: str) -> CliRunner:
    return CliRunner(env={"AICC_HOME": str(tmp_path / "home"), "AICC_DATABASE_URL": store_url})


def _run(runner: CliRunner, *args: str) -> Result:
    return runner.invoke(app, ["admin", *args])


def test_organisations_are_created_and_listed(admin: CliRunner) -> None:
    made = _run(
        admin, "org", "create", "Mercy Rural Hospital", "--sector", "hospital", "--region", "Iowa"
    )
    assert made.exit_code == 0, made.stderr
    mercy = json.loads(made.stdout)
    assert mercy["id"].startswith("org_") and len(mercy["id"]) == 24
    assert (mercy["name"], mercy["sector"], mercy["region"]) == (
        "Mercy Rural Hospital",
        "hospital",
        "Iowa",
    )
    assert mercy["profile"] == "hospital"  # the sector's shipped profile
    bank = json.loads(_run(admin, "org", "create", "Prairie Bank", "--sector", "bank").stdout)
    other = json.loads(_run(admin, "org", "create", "Water Co-op", "--sector", "other").stdout)
    assert (bank["profile"], other["profile"]) == ("bank", "default")

    listed = _run(admin, "org", "list", "--format", "json")
    assert [o["name"] for o in json.loads(listed.stdout)] == [
        "Mercy Rural Hospital",
        "Prairie Bank",
        "Water Co-op",
    ]
    table = _run(admin, "org", "list")
    assert table.exit_code == 0 and mercy["id"] in table.stdout and "Prairie Bank" in table.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--sector", "hospital", "--profile", "nowhere"], 'profile: unknown profile "nowhere"'),
        (["--sector", "hospital", "--profile", "/nope/own.yaml"], "profile: /nope/own.yaml"),
        (["--sector", "hospital"], "organization 'Mercy' exists already"),
    ],
)
def test_bad_organisations_are_refused_in_one_line(
    admin: CliRunner, args: list[str], message: str
) -> None:
    assert _run(admin, "org", "create", "Mercy", "--sector", "federal").exit_code == 0
    name = "Mercy" if "exists" in message else "Other"
    refused = _run(admin, "org", "create", name, *args)
    assert refused.exit_code == 2
    assert refused.stderr.startswith(f"error: {message}")
    assert len(refused.stderr.strip().splitlines()) == 1
    assert len(json.loads(_run(admin, "org", "list", "-f", "json").stdout)) == 1


def test_an_unknown_sector_is_a_usage_error(admin: CliRunner) -> None:
    refused = _run(admin, "org", "create", "Mercy", "--sector", "casino")
    assert refused.exit_code == 2 and "casino" in refused.stderr


def test_tokens_are_shown_once_and_kept_as_a_hash(admin: CliRunner, store_url: str) -> None:
    _run(admin, "org", "create", "Mercy", "--sector", "hospital")
    made = _run(admin, "token", "create", "--org", "Mercy", "--role", "admin", "--expires", "30")
    assert made.exit_code == 0, made.stderr
    token = json.loads(made.stdout)
    assert token["token"].startswith("aicc_") and len(token["token"]) == 48
    assert (token["organization"], token["center"], token["role"]) == ("Mercy", None, "admin")
    assert token["expires_at"] is not None
    assert "shown this once" in made.stderr
    center = json.loads(
        _run(admin, "token", "create", "--center", "CISA", "--role", "read-only").stdout
    )
    assert (center["organization"], center["center"], center["expires_at"]) == (None, "CISA", None)

    engine = open_store(store_url)
    with engine.connect() as conn:
        rows = list(conn.execute(select(api_tokens)).mappings())
    engine.dispose()
    stored = " ".join(str(value) for row in rows for value in row.values())
    assert token["token"] not in stored and token["token"][5:] not in stored
    assert len(rows) == 2 and all(len(row["token_hash"]) == 64 for row in rows)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--org", "Mercy", "--role", "analyst"],
            "role: 'analyst' is not a role of an organization",
        ),
        (["--center", "CISA", "--role", "member"], "role: 'member' is not a role of the center"),
        (["--org", "Nobody", "--role", "admin"], "organization 'Nobody': not found"),
        (["--org", "Mercy", "--center", "CISA", "--role", "admin"], "give an organization or"),
        (["--role", "admin"], "give an organization or a center agency"),
    ],
)
def test_bad_tokens_are_refused_in_one_line(
    admin: CliRunner, args: list[str], message: str
) -> None:
    _run(admin, "org", "create", "Mercy", "--sector", "hospital")
    refused = _run(admin, "token", "create", *args)
    assert refused.exit_code == 2
    assert refused.stderr.startswith(f"error: {message}")
    assert refused.stdout == ""


def test_revoking_an_unknown_token_is_an_error(admin: CliRunner) -> None:
    refused = _run(admin, "token", "revoke", "tok_nothing")
    assert refused.exit_code == 2
    assert refused.stderr.strip() == "error: token 'tok_nothing': not found"


def test_users_read_their_password_from_stdin_and_keep_an_argon2_hash(
    admin: CliRunner, store_url: str
) -> None:
    assert _run(admin, "org", "create", "Mercy", "--sector", "hospital").exit_code == 0
    args = ("user", "create", "IT@Mercy.example", "--org", "Mercy", "--role", "admin")
    made = admin.invoke(app, ["admin", *args], input="a long pass phrase\n")
    assert made.exit_code == 0, made.stderr
    user = json.loads(made.stdout)
    assert user["id"].startswith("usr_") and user["email"] == "it@mercy.example"
    assert (user["organization"], user["role"]) == ("Mercy", "admin")
    engine = open_store(store_url)
    with engine.connect() as conn:
        stored = conn.execute(select(users.c.password_hash)).scalar_one()
    engine.dispose()
    assert stored.startswith("$argon2id$") and "a long pass phrase" not in stored
    again = admin.invoke(app, ["admin", *args], input="another pass phrase\n")
    assert again.exit_code == 2 and "already has a user" in again.stderr


@pytest.mark.parametrize(
    ("args", "password", "message"),
    [
        (("x@y.org", "--center", "CISA", "--role", "analyst"), "", "give it on stdin"),
        (("x@y.org", "--center", "CISA", "--role", "analyst"), "short", "needs 12 to 1024"),
        (("x@y.org", "--center", "CISA", "--role", "member"), "a long pass phrase", "role"),
        (("not-an-email", "--center", "CISA", "--role", "admin"), "a long pass phrase", "email"),
        (("x@y.org", "--org", "Nobody", "--role", "admin"), "a long pass phrase", "not found"),
    ],
)
def test_bad_users_are_refused_in_one_line(
    admin: CliRunner, args: tuple[str, ...], password: str, message: str
) -> None:
    made = admin.invoke(app, ["admin", "user", "create", *args], input=password + "\n")
    assert made.exit_code == 2, made.stdout
    assert message in made.stderr and len(made.stderr.strip().splitlines()) == 1
