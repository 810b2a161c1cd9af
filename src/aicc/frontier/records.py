"""The program's records: developers, submissions, how to reach a model, release dates, files.

Every function that reads or changes the records takes the acting `Actor`, checks it with
`aicc.frontier.access.require` and appends an entry to the audit log in the caller's
transaction, so a change and its entry are committed together.

API keys are held by reference only: a submission names the environment variable or the file
that holds the key, and the checks below refuse a value that looks like a key itself.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import orjson
from cryptography.fernet import Fernet
from sqlalchemy import Connection, insert, select, update

from aicc.core.times import iso, utcnow
from aicc.core.yamlfile import YamlFileError, read_yaml
from aicc.frontier import audit, crypto
from aicc.frontier.access import Action, Actor, Grant, Role, grants_of, require
from aicc.frontier.window import FrontierError, Window, WindowState, ensure_unreleased, window_state
from aicc.store.frontier_tables import (
    frontier_attachments,
    frontier_audit,
    frontier_developers,
    frontier_grants,
    frontier_partners,
    frontier_release_dates,
    frontier_submissions,
)

# The key-by-reference rule. An environment variable's name is letters, digits and underscores,
# not starting with a digit, at most 64 characters, made of words of at most 24 characters
# (OPENAI_API_KEY); a key is one long random run, often with a vendor prefix. A value breaking
# the rule is refused as "looks like a key", so that a pasted key never reaches the store.
ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
MAX_ENV_NAME = 64
MAX_ENV_WORD = 24
KEY_PREFIXES = (
    "sk-",
    "sk_",
    "pk-",
    "rk-",
    "hf_",
    "ghp_",
    "gho_",
    "ghs_",
    "github_pat_",
    "glpat-",
    "xoxb-",
    "xoxp-",
    "gsk_",
    "AKIA",
    "AIza",
    "Bearer ",
)
SECRET_QUERY = re.compile(r"key|token|secret|passw|auth|sig", re.IGNORECASE)
INSPECT_MODEL = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*/\S+")


class NotFoundError(FrontierError):
    """A developer, submission, partner or file is not in the records."""


class InvalidSubmissionError(FrontierError):
    """A submission's fields break the program's rules (for example a key given in clear)."""


class AccessKind(StrEnum):
    """How the center reaches the model."""

    endpoint = "endpoint"  # an OpenAI-compatible endpoint, the key held by reference
    inspect = "inspect"  # an Inspect model string, e.g. vllm/org/model or mockllm/model


@dataclass(frozen=True)
class ModelAccess:
    """How to reach a submitted model; never the key itself."""

    kind: AccessKind
    endpoint_url: str | None = None
    api_key_env: str | None = None
    api_key_file: str | None = None
    inspect_model: str | None = None

    @classmethod
    def endpoint(
        cls, url: str, *, api_key_env: str | None = None, api_key_file: str | None = None
    ) -> ModelAccess:
        """An endpoint whose key is in ``api_key_env`` or in the file ``api_key_file``."""
        return check_access(
            cls(
                AccessKind.endpoint,
                endpoint_url=url,
                api_key_env=api_key_env,
                api_key_file=api_key_file,
            )
        )

    @classmethod
    def inspect(cls, model: str) -> ModelAccess:
        """An Inspect model string."""
        return check_access(cls(AccessKind.inspect, inspect_model=model))

    def as_dict(self) -> dict[str, str | None]:
        """A JSON-ready view (names of where the key is, never a key)."""
        return {
            "kind": self.kind.value,
            "endpoint_url": self.endpoint_url,
            "api_key_env": self.api_key_env,
            "api_key_file": self.api_key_file,
            "inspect_model": self.inspect_model,
        }


@dataclass(frozen=True)
class Developer:
    """A developer organisation."""

    id: int
    name: str
    contact: str | None
    created_at: datetime

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready view."""
        return {"name": self.name, "contact": self.contact, "created_at": iso(self.created_at)}


@dataclass(frozen=True)
class Submission:
    """A model handed to the program."""

    id: str
    developer: str
    model_name: str
    model_version: str
    release_date: date  # the current planned release date
    submitted_at: datetime
    access: ModelAccess
    # as stored: ``{"encrypted": TOKEN}`` (rows from before their encryption hold them in clear)
    declarations: dict[str, Any] | None = None

    @property
    def declarations_encrypted(self) -> bool:
        return self.declarations is not None and set(self.declarations) == {"encrypted"}

    def declared(self, cipher: Fernet) -> dict[str, Any] | None:
        """The developer's declarations in clear; None when there are none."""
        if self.declarations is None or not self.declarations_encrypted:
            return self.declarations
        clear = crypto.decrypt(cipher, str(self.declarations["encrypted"]).encode("ascii"))
        found: dict[str, Any] = orjson.loads(clear)
        return found

    def as_dict(self, *, full: bool = True) -> dict[str, Any]:
        """A JSON-ready view; without ``full``, no access details and no declarations (which
        show as ``"encrypted"`` when they are: `declared` reads them with the key)."""
        view: dict[str, Any] = {
            "id": self.id,
            "developer": self.developer,
            "model": self.model_name,
            "version": self.model_version,
            "release_date": self.release_date.isoformat(),
            "submitted_at": iso(self.submitted_at),
        }
        if full:
            view["access"] = self.access.as_dict()
            view["declarations"] = "encrypted" if self.declarations_encrypted else self.declarations
        return view


@dataclass(frozen=True)
class ReleaseDate:
    """One planned release date in a submission's history."""

    release_date: date
    changed_at: datetime
    changed_by: str | None
    reason: str | None

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready view."""
        return {
            "release_date": self.release_date.isoformat(),
            "changed_at": iso(self.changed_at),
            "changed_by": self.changed_by,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class Attachment:
    """A file of the developer's own results; its content is stored encrypted."""

    id: int
    filename: str
    sha256: str  # of the plain content
    added_at: datetime

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready view."""
        return {
            "id": self.id,
            "filename": self.filename,
            "sha256": self.sha256,
            "added_at": iso(self.added_at),
        }


@dataclass(frozen=True)
class Withdrawal:
    """The developer withdrew a submission: when, who, and why."""

    at: datetime
    by: str
    reason: str | None

    @property
    def note(self) -> str:
        """One line on what the withdrawal means."""
        return (
            f"withdrawn on {self.at.date().isoformat()} by {self.by}"
            + (f" ({self.reason})" if self.reason else "")
            + "; it is not evaluated"
        )

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready view."""
        return {"at": iso(self.at), "by": self.by, "reason": self.reason}


@dataclass(frozen=True)
class SubmissionStatus:
    """Where a submission stands on a date: its window, release dates, partners and files."""

    submission: Submission
    window: Window
    release_dates: list[ReleaseDate]
    grants: list[Grant]
    attachments: list[Attachment] | None  # None: the actor may not see them
    full: bool = True  # whether the actor sees access details and declarations
    withdrawn: Withdrawal | None = None  # the developer withdrew it: it is not evaluated

    @property
    def note(self) -> str:
        """One line on what the window means for the evaluation."""
        if self.withdrawn is not None:
            return self.withdrawn.note
        return status_note(self.window)

    @property
    def evaluation_allowed(self) -> bool:
        """Whether the center's evaluation may run: from the opening date on, with no end,
        unless the developer withdrew the submission."""
        return self.withdrawn is None and self.window.state is not WindowState.scheduled

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready view."""
        as_of = self.window.as_of
        return {
            "submission": self.submission.as_dict(full=self.full),
            "as_of": as_of.isoformat(),
            "state": self.window.state.value,
            "window": self.window.as_dict(),
            "released": self.window.released,
            "evaluation_allowed": self.evaluation_allowed,
            "note": self.note,
            "release_dates": [r.as_dict() for r in self.release_dates],
            "partners": [g.as_dict(as_of) for g in self.grants],
            "attachments": None
            if self.attachments is None
            else [a.as_dict() for a in self.attachments],
            "withdrawn": None if self.withdrawn is None else self.withdrawn.as_dict(),
        }


def status_note(window: Window) -> str:
    """One line on what the window means for the evaluation."""
    if window.state is WindowState.scheduled:
        return (
            f"accepted; the evaluation window opens on {window.opens.isoformat()} "
            f"({(window.opens - window.as_of).days} days)"
        )
    if window.state is WindowState.open:
        left = window.as_dict()["days_left"]
        return (
            f"evaluation window open until the release on {window.closes.isoformat()} "
            f"({left} days left)"
        )
    return (
        f"released on {window.release_date.isoformat()}; evaluation may continue; "
        "the program never blocks a release"
    )


def check_env_name(name: str) -> str:
    """Accept the name of an environment variable; refuse anything that looks like a key."""
    if name.startswith(KEY_PREFIXES):
        raise InvalidSubmissionError(
            f"--api-key-env takes the NAME of an environment variable, and {name[:4]}... looks "
            "like a key: put the key in a variable (export MODEL_API_KEY=...) and pass its name"
        )
    if not ENV_NAME.fullmatch(name):
        raise InvalidSubmissionError(
            "--api-key-env takes the name of an environment variable (letters, digits and "
            f"underscores, e.g. MODEL_API_KEY), not {_hint(name)}"
        )
    if len(name) > MAX_ENV_NAME or any(len(w) > MAX_ENV_WORD for w in name.split("_")):
        raise InvalidSubmissionError(
            f"--api-key-env {_hint(name)} looks like a key, not a variable name (names are at "
            f"most {MAX_ENV_NAME} characters of words of at most {MAX_ENV_WORD}): pass the name "
            "of the variable that holds the key"
        )
    return name


def _hint(value: str) -> str:
    """A value shown in an error without revealing a secret it may be."""
    return repr(value) if len(value) <= 12 else f"a {len(value)}-character value"


def check_key_file(path: str) -> str:
    """Accept an absolute path to the file that holds the key."""
    if path.startswith(KEY_PREFIXES) or "\n" in path:
        raise InvalidSubmissionError(
            "--api-key-file takes the PATH of a file holding the key, "
            "and the value given looks like a key"
        )
    if not PurePath(path).is_absolute():
        raise InvalidSubmissionError(
            f"--api-key-file {path!r} must be an absolute path, so "
            "that it means the same wherever the evaluation runs"
        )
    return path


def check_endpoint_url(url: str) -> str:
    """Accept an http(s) URL that carries no credentials."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise InvalidSubmissionError(
            f"endpoint {url!r} is not an http(s) URL, e.g. https://models.example.com/v1"
        )
    if parts.username or parts.password:
        raise InvalidSubmissionError(
            "the endpoint URL holds credentials: remove them and pass "
            "the key by reference (--api-key-env or --api-key-file)"
        )
    if any(SECRET_QUERY.search(name) for name, _ in parse_qsl(parts.query)):
        raise InvalidSubmissionError(
            "the endpoint URL carries a key or token in its query: "
            "remove it and pass the key by reference"
        )
    return url


def check_access(access: ModelAccess) -> ModelAccess:
    """Enforce the access rules: one way to reach the model, the key only by reference."""
    if access.kind is AccessKind.inspect:
        if access.endpoint_url or access.api_key_env or access.api_key_file:
            raise InvalidSubmissionError("give either an endpoint or an Inspect model, not both")
        model = access.inspect_model or ""
        if not INSPECT_MODEL.fullmatch(model) or model.startswith(KEY_PREFIXES):
            raise InvalidSubmissionError(
                f"Inspect model {_hint(model)} is not PROVIDER/MODEL, e.g. vllm/org/model or "
                "mockllm/model"
            )
        return access
    if access.inspect_model:
        raise InvalidSubmissionError("give either an endpoint or an Inspect model, not both")
    check_endpoint_url(access.endpoint_url or "")
    if (access.api_key_env is None) == (access.api_key_file is None):
        raise InvalidSubmissionError(
            "an endpoint needs exactly one of --api-key-env VAR or --api-key-file PATH"
        )
    if access.api_key_env is not None:
        check_env_name(access.api_key_env)
    if access.api_key_file is not None:
        check_key_file(access.api_key_file)
    return access


def check_declarations(data: Any, source: str = "declarations") -> dict[str, Any]:
    """Accept the developer's declarations: a mapping, as JSON stores it.

    Known keys: ``capabilities`` and ``safeguards`` (text or lists), and
    ``cyber_capability_level``: ``{"framework": str, "level": str, "high": bool}``, the level
    the developer declares under its own framework and whether that framework counts it high.
    """
    if not isinstance(data, Mapping):
        raise InvalidSubmissionError(
            f"{source}: expected a mapping of declarations "
            "(capabilities, safeguards, cyber_capability_level)"
        )
    level = data.get("cyber_capability_level")
    if level is not None:
        if (
            not isinstance(level, Mapping)
            or not isinstance(level.get("framework"), str)
            or not isinstance(level.get("level"), str | int)
        ):
            raise InvalidSubmissionError(
                f"{source}: cyber_capability_level: expected "
                "{framework: NAME, level: LEVEL, high: true|false}"
            )
        if not isinstance(level.get("high", False), bool):
            raise InvalidSubmissionError(
                f"{source}: cyber_capability_level.high: expected true or false"
            )
    try:
        return dict(orjson.loads(orjson.dumps(data, default=str)))
    except (TypeError, orjson.JSONEncodeError) as exc:  # pragma: no cover - YAML gives JSON types
        raise InvalidSubmissionError(f"{source}: not storable as JSON: {exc}") from exc


def load_declarations(path: Path) -> dict[str, Any]:
    """Read declarations from a JSON or YAML file."""
    try:
        data = read_yaml(path)  # YAML reads JSON too
    except YamlFileError as exc:
        what = "not JSON or YAML" if "YAML" in exc.message else "cannot read the declarations"
        raise InvalidSubmissionError(f"{path}: {what}: {exc.reason}") from exc
    return check_declarations(data, str(path))


def find_named(table: Any, conn: Connection, name: str) -> Any:
    """The row of ``table`` (developers or partners) whose name is ``name`` in any case."""
    wanted = name.strip().casefold()
    for row in conn.execute(select(table.c.id, table.c.name)):
        if row.name.casefold() == wanted:
            return row
    return None


def developer_name(conn: Connection, name: str) -> str:
    """The registered name of the developer ``name`` (compared in any case)."""
    found = find_named(frontier_developers, conn, name)
    if found is None:
        raise NotFoundError(
            f"unknown developer {name.strip()!r}: a program administrator registers it "
            f"with `aicc frontier developer add {name.strip()!r}`"
        )
    return str(found.name)


def _developer_id(conn: Connection, name: str) -> int:
    found = find_named(frontier_developers, conn, name)
    if found is None:
        developer_name(conn, name)  # raises, naming the developer
    return int(found.id)


def identify(conn: Connection, actor: Actor) -> Actor:
    """``actor`` with the registered name of its developer or partner (names compare in any
    case); an unknown one is refused naming it, so a typo never reads as "no submission"."""
    if actor.role is Role.developer:
        return Actor(actor.role, developer_name(conn, actor.name))
    if actor.role is Role.partner:
        found = find_named(frontier_partners, conn, actor.name)
        if found is None:
            raise NotFoundError(
                f"unknown partner {actor.name!r}: the center vets partners with "
                f"`aicc frontier partners add {actor.name!r}`"
            )
        return Actor(actor.role, str(found.name))
    return actor


def _log(
    conn: Connection,
    actor: Actor,
    action: Action | str,
    subject: str | None,
    detail: Mapping[str, Any] | None,
    at: datetime | None,
) -> None:
    audit.record(
        conn, actor=actor, action=str(action), subject=subject, detail=detail, at=at or utcnow()
    )


def add_developer(
    conn: Connection,
    *,
    actor: Actor,
    name: str,
    contact: str | None = None,
    as_of: date,
    at: datetime | None = None,
) -> Developer:
    """Register a developer organisation (program administrators)."""
    require(actor, Action.developer_add, None, (), as_of)
    name = name.strip()
    if not name:
        raise InvalidSubmissionError("a developer needs a name")
    exists = find_named(frontier_developers, conn, name)
    if exists is not None:
        raise FrontierError(f"developer {name!r} is already registered (as {exists.name!r})")
    created = at or utcnow()
    new_id = conn.execute(
        insert(frontier_developers).values(name=name, contact=contact, created_at=created)
    ).inserted_primary_key
    _log(conn, actor, Action.developer_add, name, {"contact": contact is not None}, at)
    return Developer(int(new_id[0]) if new_id else 0, name, contact, created)


def list_developers(
    conn: Connection, *, actor: Actor, as_of: date, at: datetime | None = None
) -> list[Developer]:
    """The developer organisations the actor may see (a developer sees only its own)."""
    require(actor, Action.developer_list, None, (), as_of)
    query = select(frontier_developers).order_by(frontier_developers.c.name)
    if actor.role is Role.developer:
        query = query.where(frontier_developers.c.name == actor.name)
    found = [Developer(r.id, r.name, r.contact, r.created_at) for r in conn.execute(query)]
    _log(conn, actor, Action.developer_list, None, {"count": len(found)}, at)
    return found


_SUBMISSION_COLUMNS = (frontier_submissions, frontier_developers.c.name.label("developer"))


def _submission(row: Any) -> Submission:
    access = ModelAccess(
        AccessKind(row.access_kind),
        endpoint_url=row.endpoint_url,
        api_key_env=row.api_key_env,
        api_key_file=row.api_key_file,
        inspect_model=row.inspect_model,
    )
    return Submission(
        row.id,
        row.developer,
        row.model_name,
        row.model_version,
        row.release_date,
        row.submitted_at,
        access,
        row.declarations,
    )


def _visible_to(actor: Actor) -> Any:
    """The condition on submissions that a developer or partner may look up by name."""
    if actor.role is Role.developer:
        return frontier_developers.c.name == actor.name
    if actor.role is Role.partner:
        granted = (
            select(frontier_grants.c.submission_id)
            .join(frontier_partners, frontier_partners.c.id == frontier_grants.c.partner_id)
            .where(frontier_partners.c.name == actor.name)
        )
        return frontier_submissions.c.id.in_(granted)
    return None


def resolve(conn: Connection, ref: str, actor: Actor) -> Submission:
    """The submission ``ref`` names: its id, or its model name where that is unique.

    A name is looked up among the submissions the actor could see, so an error never lists
    another developer's submissions. Resolving checks nothing: use `checked`.
    """
    base = select(*_SUBMISSION_COLUMNS).join(
        frontier_developers, frontier_developers.c.id == frontier_submissions.c.developer_id
    )
    row = conn.execute(base.where(frontier_submissions.c.id == ref)).first()
    if row is not None:
        return _submission(row)
    query = base.where(frontier_submissions.c.model_name == ref)
    visible = _visible_to(actor)
    if visible is not None:
        query = query.where(visible)
    rows = conn.execute(query.order_by(frontier_submissions.c.submitted_at)).all()
    if not rows:
        raise NotFoundError(f"no submission with the id or model name {ref!r}")
    if len(rows) > 1:
        listed = "; ".join(f"{r.id} ({r.developer}, version {r.model_version})" for r in rows)
        raise NotFoundError(f"{len(rows)} submissions are named {ref!r}: {listed}; give the id")
    return _submission(rows[0])


def checked(
    conn: Connection,
    *,
    actor: Actor,
    ref: str,
    action: Action,
    as_of: date,
    item: str | None = None,
) -> tuple[Submission, list[Grant]]:
    """Resolve ``ref`` and check that ``actor`` may do ``action`` on it; the caller audits."""
    submission = resolve(conn, ref, actor)
    grants = grants_of(conn, submission)
    require(actor, action, submission, grants, as_of, item=item)
    return submission, grants


def create_submission(
    conn: Connection,
    *,
    actor: Actor,
    developer: str,
    model_name: str,
    model_version: str,
    release_date: date,
    access: ModelAccess,
    declarations: Mapping[str, Any] | None = None,
    cipher: Fernet | None = None,
    as_of: date,
    at: datetime | None = None,
) -> Submission:
    """Accept a model for evaluation; refused when it is already released on ``as_of``.

    Declarations are stored encrypted with ``cipher``, which they therefore need."""
    if actor.role is Role.developer and developer.strip().casefold() == actor.name.casefold():
        developer = actor.name
    require(actor, Action.submission_create, None, (), as_of, item=developer)
    developer = developer_name(conn, developer)
    if not model_name.strip() or not model_version.strip():
        raise InvalidSubmissionError("a submission needs a model name and a version")
    check_access(access)
    stored_declarations = None if declarations is None else check_declarations(declarations)
    sealed: dict[str, Any] | None = None
    if stored_declarations is not None:
        if cipher is None:
            raise InvalidSubmissionError(
                f"declarations are stored encrypted: set {crypto.KEY_VARIABLE} to submit them"
            )
        token = crypto.encrypt(cipher, orjson.dumps(stored_declarations))
        sealed = {"encrypted": token.decode("ascii")}
    ensure_unreleased(f"{model_name} {model_version}", release_date, as_of)
    developer_id = _developer_id(conn, developer)
    twins = conn.execute(
        select(frontier_submissions.c.id).where(
            frontier_submissions.c.developer_id == developer_id,
            frontier_submissions.c.model_name == model_name,
            frontier_submissions.c.model_version == model_version,
        )
    ).scalars()
    twin = next((t for t in twins if withdrawal(conn, t) is None), None)  # withdrawn: resubmit
    if twin is not None:
        raise InvalidSubmissionError(
            f"{developer} already submitted {model_name} {model_version} as {twin}; move its "
            f"release date with `aicc frontier release {twin} --date DATE`"
        )
    submitted = at or utcnow()
    new_id = _new_id(conn)
    conn.execute(
        insert(frontier_submissions).values(
            id=new_id,
            developer_id=developer_id,
            model_name=model_name,
            model_version=model_version,
            release_date=release_date,
            submitted_at=submitted,
            access_kind=access.kind.value,
            endpoint_url=access.endpoint_url,
            api_key_env=access.api_key_env,
            api_key_file=access.api_key_file,
            inspect_model=access.inspect_model,
            declarations=sealed,
        )
    )
    conn.execute(
        insert(frontier_release_dates).values(
            submission_id=new_id,
            release_date=release_date,
            changed_at=submitted,
            changed_by=str(actor),
            reason="submitted",
        )
    )
    _log(
        conn,
        actor,
        Action.submission_create,
        new_id,
        {
            "developer": developer,
            "model": model_name,
            "version": model_version,
            "release_date": release_date.isoformat(),
            "access": access.kind.value,
            "api_key_env": access.api_key_env,
            "api_key_file": access.api_key_file,
            "declarations": stored_declarations is not None,
        },
        at,
    )
    return Submission(
        new_id,
        developer,
        model_name,
        model_version,
        release_date,
        submitted,
        access,
        stored_declarations,
    )


def _new_id(conn: Connection) -> str:
    while True:
        candidate = f"sub-{secrets.token_hex(4)}"
        taken = conn.execute(
            select(frontier_submissions.c.id).where(frontier_submissions.c.id == candidate)
        ).first()
        if taken is None:
            return candidate


def get_submission(
    conn: Connection, *, actor: Actor, ref: str, as_of: date, at: datetime | None = None
) -> Submission:
    """One submission, as the actor may read it."""
    submission, _ = checked(conn, actor=actor, ref=ref, action=Action.submission_read, as_of=as_of)
    _log(conn, actor, Action.submission_read, submission.id, None, at)
    return submission


def release_history(conn: Connection, submission_id: str) -> list[ReleaseDate]:
    """Every release date a submission has had, the first (at submission) first."""
    rows = conn.execute(
        select(frontier_release_dates)
        .where(frontier_release_dates.c.submission_id == submission_id)
        .order_by(frontier_release_dates.c.id)
    )
    return [ReleaseDate(r.release_date, r.changed_at, r.changed_by, r.reason) for r in rows]


def move_release(
    conn: Connection,
    *,
    actor: Actor,
    ref: str,
    release_date: date,
    reason: str | None = None,
    as_of: date,
    at: datetime | None = None,
) -> Submission:
    """Move the planned release date; the window and grants without an extension move too.

    A date on or before ``as_of`` records that the model came out then.
    """
    submission, _ = checked(conn, actor=actor, ref=ref, action=Action.release_move, as_of=as_of)
    if release_date == submission.release_date:
        raise FrontierError(
            f"{submission.id} is already planned for release on {release_date.isoformat()}"
        )
    changed = at or utcnow()
    conn.execute(
        update(frontier_submissions)
        .where(frontier_submissions.c.id == submission.id)
        .values(release_date=release_date)
    )
    conn.execute(
        insert(frontier_release_dates).values(
            submission_id=submission.id,
            release_date=release_date,
            changed_at=changed,
            changed_by=str(actor),
            reason=reason,
        )
    )
    _log(
        conn,
        actor,
        Action.release_move,
        submission.id,
        {
            "from": submission.release_date.isoformat(),
            "to": release_date.isoformat(),
            "reason": reason,
        },
        at,
    )
    return Submission(
        submission.id,
        submission.developer,
        submission.model_name,
        submission.model_version,
        release_date,
        submission.submitted_at,
        submission.access,
        submission.declarations,
    )


def _attachments(conn: Connection, submission_id: str) -> list[Attachment]:
    rows = conn.execute(
        select(
            frontier_attachments.c.id,
            frontier_attachments.c.filename,
            frontier_attachments.c.sha256,
            frontier_attachments.c.added_at,
        )
        .where(frontier_attachments.c.submission_id == submission_id)
        .order_by(frontier_attachments.c.id)
    )
    return [Attachment(r.id, r.filename, r.sha256, r.added_at) for r in rows]


def add_attachment(
    conn: Connection,
    *,
    actor: Actor,
    ref: str,
    filename: str,
    content: bytes,
    cipher: Fernet,
    as_of: date,
    at: datetime | None = None,
) -> Attachment:
    """Keep a file of the developer's own results, encrypted, with the SHA-256 of its content."""
    submission, _ = checked(conn, actor=actor, ref=ref, action=Action.attachment_add, as_of=as_of)
    name = PurePath(filename).name
    digest = hashlib.sha256(content).hexdigest()
    added = at or utcnow()
    new_id = conn.execute(
        insert(frontier_attachments).values(
            submission_id=submission.id,
            filename=name,
            sha256=digest,
            content=crypto.encrypt(cipher, content),
            added_at=added,
        )
    ).inserted_primary_key
    _log(
        conn,
        actor,
        Action.attachment_add,
        submission.id,
        {"filename": name, "sha256": digest, "bytes": len(content)},
        at,
    )
    return Attachment(int(new_id[0]) if new_id else 0, name, digest, added)


def list_attachments(
    conn: Connection, *, actor: Actor, ref: str, as_of: date, at: datetime | None = None
) -> list[Attachment]:
    """The files attached to a submission (names and hashes, not content)."""
    submission, _ = checked(conn, actor=actor, ref=ref, action=Action.attachment_read, as_of=as_of)
    found = _attachments(conn, submission.id)
    _log(conn, actor, "attachment.list", submission.id, {"count": len(found)}, at)
    return found


def read_attachment(
    conn: Connection,
    *,
    actor: Actor,
    ref: str,
    name: str,
    cipher: Fernet,
    as_of: date,
    at: datetime | None = None,
) -> tuple[Attachment, bytes]:
    """One attached file, by file name or id, decrypted and checked against its SHA-256."""
    submission, _ = checked(conn, actor=actor, ref=ref, action=Action.attachment_read, as_of=as_of)
    matches = [a for a in _attachments(conn, submission.id) if name in {a.filename, str(a.id)}]
    if not matches:
        raise NotFoundError(f"{submission.id} has no attached file {name!r}")
    attachment = matches[-1]
    token = conn.execute(
        select(frontier_attachments.c.content).where(frontier_attachments.c.id == attachment.id)
    ).scalar_one()
    content = crypto.decrypt(cipher, token)
    if hashlib.sha256(content).hexdigest() != attachment.sha256:
        raise FrontierError(
            f"{attachment.filename} of {submission.id} does not match its "
            "recorded SHA-256: the stored file was changed"
        )
    _log(
        conn,
        actor,
        Action.attachment_read,
        submission.id,
        {"filename": attachment.filename, "sha256": attachment.sha256},
        at,
    )
    return attachment, content


def submission_status(
    conn: Connection, *, actor: Actor, ref: str, as_of: date, at: datetime | None = None
) -> SubmissionStatus:
    """The window on ``as_of``, the release-date history, the partners and the files.

    A partner sees its own grant only, and no access details, declarations or files.
    """
    submission, grants = checked(
        conn, actor=actor, ref=ref, action=Action.submission_read, as_of=as_of
    )
    full = actor.role is not Role.partner
    if not full:
        grants = [g for g in grants if g.partner == actor.name]
    status = SubmissionStatus(
        submission=submission,
        window=window_state(submission.release_date, as_of),
        release_dates=release_history(conn, submission.id),
        grants=grants,
        attachments=_attachments(conn, submission.id) if full else None,
        full=full,
        withdrawn=withdrawal(conn, submission.id),
    )
    _log(
        conn,
        actor,
        Action.submission_read,
        submission.id,
        {"view": "status", "as_of": as_of.isoformat()},
        at,
    )
    return status


def withdrawal(conn: Connection, submission_id: str) -> Withdrawal | None:
    """The submission's withdrawal, read from the keyed audit log (its record), or None."""
    row = conn.execute(
        select(frontier_audit.c.at, frontier_audit.c.actor, frontier_audit.c.detail)
        .where(
            frontier_audit.c.action == Action.submission_withdraw.value,
            frontier_audit.c.subject == submission_id,
        )
        .order_by(frontier_audit.c.seq)
        .limit(1)
    ).first()
    if row is None:
        return None
    detail = row.detail if isinstance(row.detail, Mapping) else {}
    reason = detail.get("reason")
    return Withdrawal(row.at, row.actor, reason if isinstance(reason, str) else None)


def ensure_not_withdrawn(conn: Connection, submission: Submission) -> None:
    """Refuse to evaluate a withdrawn submission, saying when and by whom it was withdrawn."""
    found = withdrawal(conn, submission.id)
    if found is not None:
        raise FrontierError(f"{submission.id} ({submission.model_name}) was {found.note}")


def withdraw_submission(
    conn: Connection,
    *,
    actor: Actor,
    ref: str,
    reason: str | None = None,
    as_of: date,
    at: datetime | None = None,
) -> Withdrawal:
    """The developer (or a program administrator) withdraws a submission: it is no longer
    evaluated; its records, results and audit entries are kept."""
    submission, _ = checked(
        conn, actor=actor, ref=ref, action=Action.submission_withdraw, as_of=as_of
    )
    earlier = withdrawal(conn, submission.id)
    if earlier is not None:
        raise FrontierError(f"{submission.id} is already {earlier.note}")
    reason = reason.strip() if reason and reason.strip() else None
    when = at or utcnow()
    _log(conn, actor, Action.submission_withdraw, submission.id, {"reason": reason}, when)
    return Withdrawal(when, str(actor), reason)


@dataclass(frozen=True)
class Listed:
    """One line of `list_submissions`: a submission, its window state and its withdrawal."""

    submission: Submission
    window: Window
    withdrawn: Withdrawal | None

    @property
    def state(self) -> str:
        """withdrawn | scheduled | open | closed."""
        return "withdrawn" if self.withdrawn is not None else self.window.state.value

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready view (no access details or declarations)."""
        return {
            **self.submission.as_dict(full=False),
            "state": self.state,
            "window": self.window.as_dict(),
            "withdrawn": None if self.withdrawn is None else self.withdrawn.as_dict(),
        }


def list_submissions(
    conn: Connection, *, actor: Actor, as_of: date, at: datetime | None = None
) -> list[Listed]:
    """The submissions the actor may see, newest first: a developer its own, a partner those
    its grants name (any state), the center's roles every one."""
    require(actor, Action.submission_list, None, (), as_of)
    query = select(*_SUBMISSION_COLUMNS).join(
        frontier_developers, frontier_developers.c.id == frontier_submissions.c.developer_id
    )
    visible = _visible_to(actor)
    if visible is not None:
        query = query.where(visible)
    rows = conn.execute(
        query.order_by(frontier_submissions.c.submitted_at.desc(), frontier_submissions.c.id)
    ).all()
    found = [
        Listed(
            _submission(row),
            window_state(row.release_date, as_of),
            withdrawal(conn, row.id),
        )
        for row in rows
    ]
    _log(conn, actor, Action.submission_list, None, {"count": len(found)}, at)
    return found
