"""Who may do what in the program: roles, partners' grants, and the one check, `require`.

Four roles. The program administrator (``admin``) runs the center's side: registers developers,
vets partners, confirms grants. An ``evaluator`` of the center reads submissions and runs and
reads evaluations. A ``developer`` acts for one developer organisation (the actor's name is the
organisation's name) and sees only that organisation's submissions. A ``partner`` acts for one
vetted partner organisation and sees only what a confirmed grant that has neither ended nor
been revoked covers.

Nobody reaches the model before its evaluation window opens; after the release date the
center's evaluation may continue (the program never blocks a release) while partners' grants
end, unless extended.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any, Protocol

from sqlalchemy import Connection, select

from aicc.core.times import iso
from aicc.frontier.window import FrontierError, window_state
from aicc.store.frontier_tables import frontier_grants, frontier_partners

ALL = "*"  # in a scope: every suite, or every result


class AccessDenied(FrontierError):
    """The actor's role, organisation or grant does not allow the action."""


class Role(StrEnum):
    """The roles of the program."""

    admin = "admin"
    evaluator = "evaluator"
    developer = "developer"
    partner = "partner"


@dataclass(frozen=True)
class Actor:
    """Someone acting in the program; for developers and partners ``name`` is the organisation."""

    role: Role
    name: str

    def __str__(self) -> str:
        return f"{self.role.value}:{self.name}"

    @classmethod
    def parse(cls, text: str) -> Actor:
        """Read ``ROLE:NAME``, e.g. ``evaluator:alice`` or ``developer:Example AI``."""
        role, sep, name = text.partition(":")
        roles = ", ".join(r.value for r in Role)
        if not sep or not name.strip():
            raise FrontierError(f"actor {text!r} is not ROLE:NAME (roles: {roles})")
        try:
            return cls(Role(role.strip().lower()), name.strip())
        except ValueError as exc:
            raise FrontierError(f"unknown role {role!r} in {text!r}; roles: {roles}") from exc


class Action(StrEnum):
    """What an actor does; the value is also the audit log's action."""

    developer_add = "developer.add"
    developer_list = "developer.list"
    submission_create = "submission.create"
    submission_read = "submission.read"
    submission_list = "submission.list"
    submission_withdraw = "submission.withdraw"
    release_move = "release.move"
    attachment_add = "attachment.add"
    attachment_read = "attachment.read"
    partner_vet = "partner.vet"
    partner_list = "partner.list"
    grant_propose = "grant.propose"
    grant_confirm = "grant.confirm"
    grant_extend = "grant.extend"
    grant_revoke = "grant.revoke"
    grant_list = "grant.list"
    finding_file = "finding.file"
    finding_read = "finding.read"
    model_access = "model.access"
    evaluation_run = "evaluation.run"
    results_read = "results.read"
    logs_read = "logs.read"  # the Inspect logs of an evaluation: the same rules as results.read
    determination_make = "determination.make"
    audit_read = "audit.read"
    audit_verify = "audit.verify"
    audit_head = "audit.head"  # write the audit log's head file anew


PHRASES = {  # for messages: "<actor> may not <phrase> [<submission>]"
    Action.developer_add: "register developers",
    Action.developer_list: "list developers",
    Action.submission_create: "submit models",
    Action.submission_read: "read",
    Action.submission_list: "list submissions",
    Action.submission_withdraw: "withdraw",
    Action.release_move: "move the release date of",
    Action.attachment_add: "attach files to",
    Action.attachment_read: "read the files of",
    Action.partner_vet: "vet partners",
    Action.partner_list: "list the vetted partners",
    Action.grant_propose: "propose partners for",
    Action.grant_confirm: "confirm partners of",
    Action.grant_extend: "extend grants on",
    Action.grant_revoke: "revoke grants on",
    Action.grant_list: "list the partners of",
    Action.finding_file: "file findings on",
    Action.finding_read: "read the findings on",
    Action.model_access: "use the model of",
    Action.evaluation_run: "run evaluations on",
    Action.results_read: "read the results of",
    Action.logs_read: "read the logs of",
    Action.determination_make: "make a determination on",
    Action.audit_read: "read the audit log",
    Action.audit_verify: "verify the audit log",
    Action.audit_head: "rewrite the audit log's head file",
}
EVALUATOR_ACTIONS = frozenset(
    {
        Action.developer_list,
        Action.submission_read,
        Action.submission_list,
        Action.attachment_read,
        Action.partner_list,
        Action.grant_list,
        Action.finding_read,
        Action.model_access,
        Action.evaluation_run,
        Action.results_read,
        Action.logs_read,
        Action.determination_make,
        Action.audit_verify,
    }
)
DEVELOPER_ACTIONS = frozenset(
    {  # on the organisation's own submissions
        Action.developer_list,
        Action.partner_list,
        Action.submission_create,
        Action.submission_read,
        Action.submission_list,
        Action.submission_withdraw,
        Action.release_move,
        Action.attachment_add,
        Action.attachment_read,
        Action.grant_propose,
        Action.grant_extend,
        Action.grant_revoke,
        Action.grant_list,
        Action.finding_read,
        Action.results_read,
        Action.logs_read,
    }
)
PARTNER_ACTIONS = frozenset(
    {  # within an active grant; grant.list also sees an ended one
        Action.partner_list,
        Action.submission_list,
        Action.submission_read,
        Action.model_access,
        Action.evaluation_run,
        Action.results_read,
        Action.logs_read,
        Action.finding_file,
        Action.finding_read,
        Action.grant_list,
    }
)
NEEDS_OPEN_WINDOW = frozenset({Action.model_access, Action.evaluation_run})


class SubmissionRef(Protocol):
    """What a check needs to know of a submission."""

    @property
    def id(self) -> str: ...

    @property
    def developer(self) -> str: ...

    @property
    def release_date(self) -> date: ...


class GrantState(StrEnum):
    """A grant's recorded state; whether it has ended follows from its end date."""

    proposed = "proposed"  # by the developer; no access until the center confirms
    confirmed = "confirmed"
    revoked = "revoked"


@dataclass(frozen=True)
class Scope:
    """What a grant covers: the model itself, which suites it may run, which results it reads."""

    model: bool = False
    suites: tuple[str, ...] = ()
    results: tuple[str, ...] = ()

    def covers_suite(self, suite: str) -> bool:
        """Whether the partner may run ``suite``."""
        return ALL in self.suites or suite in self.suites

    def covers_results(self, name: str) -> bool:
        """Whether the partner may read the results named ``name`` (a suite's name)."""
        return ALL in self.results or name in self.results

    def as_dict(self) -> dict[str, Any]:
        """The stored form."""
        return {"model": self.model, "suites": list(self.suites), "results": list(self.results)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Scope:
        """Read the stored form."""
        return cls(
            model=bool(data.get("model")),
            suites=tuple(data.get("suites") or ()),
            results=tuple(data.get("results") or ()),
        )


@dataclass(frozen=True)
class Grant:
    """One partner's access to one submission."""

    id: int
    submission_id: str
    partner: str
    state: GrantState
    scope: Scope
    ends_on: date  # access ends on this day: the release date unless extended
    extended: bool
    proposed_at: datetime
    proposed_by: str | None
    confirmed_at: datetime | None
    confirmed_by: str | None
    revoked_at: datetime | None
    revoked_by: str | None

    def active(self, as_of: date) -> bool:
        """Confirmed, not revoked, and not ended on ``as_of``."""
        return self.state is GrantState.confirmed and as_of < self.ends_on

    def standing(self, as_of: date) -> str:
        """proposed | active | ended | revoked, as of ``as_of``."""
        if self.state is GrantState.confirmed:
            return "active" if self.active(as_of) else "ended"
        return self.state.value

    def as_dict(self, as_of: date) -> dict[str, Any]:
        """A JSON-ready view."""
        return {
            "partner": self.partner,
            "state": self.state.value,
            "standing": self.standing(as_of),
            "scope": self.scope.as_dict(),
            "ends_on": self.ends_on.isoformat(),
            "extended": self.extended,
            "proposed_at": iso(self.proposed_at),
            "proposed_by": self.proposed_by,
            "confirmed_at": iso(self.confirmed_at),
            "confirmed_by": self.confirmed_by,
            "revoked_at": iso(self.revoked_at),
            "revoked_by": self.revoked_by,
        }


def grants_of(conn: Connection, submission: SubmissionRef) -> list[Grant]:
    """Every grant of ``submission``, oldest first, with the end date as it stands now."""
    rows = conn.execute(
        select(frontier_grants, frontier_partners.c.name.label("partner"))
        .join(frontier_partners, frontier_partners.c.id == frontier_grants.c.partner_id)
        .where(frontier_grants.c.submission_id == submission.id)
        .order_by(frontier_grants.c.id)
    ).mappings()
    return [
        Grant(
            id=row["id"],
            submission_id=row["submission_id"],
            partner=row["partner"],
            state=GrantState(row["state"]),
            scope=Scope.from_dict(row["scope"]),
            ends_on=row["ends_on"] or submission.release_date,
            extended=row["ends_on"] is not None,
            proposed_at=row["proposed_at"],
            proposed_by=row["proposed_by"],
            confirmed_at=row["confirmed_at"],
            confirmed_by=row["confirmed_by"],
            revoked_at=row["revoked_at"],
            revoked_by=row["revoked_by"],
        )
        for row in rows
    ]


def require(
    actor: Actor,
    action: Action,
    submission: SubmissionRef | None,
    grants: Sequence[Grant],
    as_of: date,
    *,
    item: str | None = None,
) -> None:
    """Raise `AccessDenied` unless ``actor`` may do ``action``.

    ``submission`` is what the action touches (None for program-wide actions); ``grants`` are
    its grants (only partners' checks read them). ``item`` narrows the action: the suite for
    ``evaluation.run``, ``results.read`` and ``logs.read``, the developer for
    ``submission.create``.
    """
    what = PHRASES[action] + (f" {submission.id}" if submission is not None else "")
    if submission is not None and action in NEEDS_OPEN_WINDOW:
        window = window_state(submission.release_date, as_of)
        if as_of < window.opens:
            raise AccessDenied(
                f"{actor} may not {what} yet: the evaluation window opens on "
                f"{window.opens.isoformat()} (30 days before the release date "
                f"{submission.release_date.isoformat()})"
            )
    reason = _refusal(actor, action, submission, grants, as_of, item)
    if reason is not None:
        raise AccessDenied(f"{actor} may not {what}: {reason}")


def _refusal(
    actor: Actor,
    action: Action,
    submission: SubmissionRef | None,
    grants: Sequence[Grant],
    as_of: date,
    item: str | None,
) -> str | None:
    """Why ``actor`` may not do ``action``, or None when it may."""
    if actor.role is Role.admin:
        return None
    if actor.role is Role.evaluator:
        return None if action in EVALUATOR_ACTIONS else "not an evaluator's action"
    if actor.role is Role.developer:
        return _developer_refusal(actor, action, submission, item)
    return _partner_refusal(actor, action, submission, grants, as_of, item)


def _developer_refusal(
    actor: Actor, action: Action, submission: SubmissionRef | None, item: str | None
) -> str | None:
    if action not in DEVELOPER_ACTIONS:
        return "not a developer's action"
    if action is Action.submission_create:
        return None if item == actor.name else f"{actor.name} may only submit its own models"
    if submission is not None and submission.developer != actor.name:
        return f"the submission belongs to another developer, not {actor.name}"
    return None


def _partner_refusal(
    actor: Actor,
    action: Action,
    submission: SubmissionRef | None,
    grants: Sequence[Grant],
    as_of: date,
    item: str | None,
) -> str | None:
    if action not in PARTNER_ACTIONS:
        return "not a partner's action"
    if submission is None:
        if action in (Action.partner_list, Action.submission_list):
            return None  # the list holds only the submissions of the partner's grants
        return "partners act on one submission"
    own = [g for g in grants if g.partner == actor.name]
    if action is Action.grant_list:
        return None if own else f"{actor.name} has no grant on it"
    live = [g for g in own if g.active(as_of)]
    if not live:
        return _why_inactive(actor.name, own, as_of)
    scope = live[-1].scope
    if action is Action.model_access and not scope.model:
        return "the grant does not cover access to the model"
    if action is Action.evaluation_run and not scope.covers_suite(item or ""):
        return f"the grant does not cover the suite {item!r}"
    if action in (Action.results_read, Action.logs_read) and not scope.covers_results(item or ""):
        return f"the grant does not cover the results of {item!r}"
    return None


def _why_inactive(partner: str, grants: Iterable[Grant], as_of: date) -> str:
    last = list(grants)[-1:] or None
    if last is None:
        return f"{partner} has no grant on it"
    grant = last[0]
    if grant.state is GrantState.revoked:
        return f"the grant of {partner} was revoked"
    if grant.state is GrantState.proposed:
        return f"the grant of {partner} is proposed and not yet confirmed by the center"
    return (
        f"the grant of {partner} ended on {grant.ends_on.isoformat()} (as of {as_of.isoformat()})"
    )
