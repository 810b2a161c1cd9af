"""Roles: what the administrator, evaluators, developers and partners may do."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pytest
from sqlalchemy import Engine

from aicc.frontier import partners, records
from aicc.frontier.access import (
    AccessDenied,
    Action,
    Actor,
    Grant,
    GrantState,
    Role,
    Scope,
    grants_of,
    require,
)
from aicc.frontier.window import FrontierError
from tests.frontier.program_helpers import (
    ADMIN,
    AFTER,
    BEFORE,
    DEVELOPER,
    DURING,
    EVALUATOR,
    OTHER_DEVELOPER,
    OTHER_PARTNER,
    PARTNER,
    RELEASE,
    grant,
    seed,
)


@dataclass(frozen=True)
class Sub:
    id: str = "sub-0000abcd"
    developer: str = "Example AI"
    release_date: date = RELEASE


def a_grant(
    state: GrantState = GrantState.confirmed,
    *,
    partner: str = PARTNER.name,
    scope: Scope | None = None,
    ends_on: date = RELEASE,
) -> Grant:
    return Grant(
        id=1,
        submission_id=Sub.id,
        partner=partner,
        state=state,
        scope=scope or Scope(model=True, suites=("builtin",), results=("builtin",)),
        ends_on=ends_on,
        extended=ends_on != RELEASE,
        proposed_at=datetime(2026, 4, 1),
        proposed_by="developer:Example AI",
        confirmed_at=None,
        confirmed_by=None,
        revoked_at=None,
        revoked_by=None,
    )


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("admin:ada", Actor(Role.admin, "ada")),
        ("Evaluator: eve ", Actor(Role.evaluator, "eve")),
        ("developer:Example AI", Actor(Role.developer, "Example AI")),
        ("partner:Acme: Red Team", Actor(Role.partner, "Acme: Red Team")),
    ],
)
def test_actors_are_read_as_role_and_name(text: str, actor: Actor) -> None:
    assert Actor.parse(text) == actor
    assert str(actor).startswith(actor.role.value + ":")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("ada", "not ROLE:NAME"),
        ("admin:", "not ROLE:NAME"),
        ("root:ada", "unknown role"),
    ],
)
def test_malformed_actors_are_refused(text: str, message: str) -> None:
    with pytest.raises(FrontierError, match=message):
        Actor.parse(text)


ALLOWED = [  # (actor, action, submission?, allowed) with a live full grant for PARTNER
    (ADMIN, Action.developer_add, False, True),
    (ADMIN, Action.grant_confirm, True, True),
    (ADMIN, Action.audit_read, False, True),
    (EVALUATOR, Action.submission_read, True, True),
    (EVALUATOR, Action.model_access, True, True),
    (EVALUATOR, Action.results_read, True, True),
    (EVALUATOR, Action.audit_verify, False, True),
    (EVALUATOR, Action.audit_read, False, False),
    (EVALUATOR, Action.grant_confirm, True, False),
    (EVALUATOR, Action.developer_add, False, False),
    (EVALUATOR, Action.release_move, True, False),
    (DEVELOPER, Action.submission_read, True, True),
    (DEVELOPER, Action.release_move, True, True),
    (DEVELOPER, Action.grant_propose, True, True),
    (DEVELOPER, Action.grant_revoke, True, True),
    (DEVELOPER, Action.results_read, True, True),
    (DEVELOPER, Action.grant_confirm, True, False),  # the center confirms
    (DEVELOPER, Action.model_access, True, False),
    (DEVELOPER, Action.audit_read, False, False),
    (DEVELOPER, Action.partner_vet, False, False),
    (OTHER_DEVELOPER, Action.submission_read, True, False),
    (OTHER_DEVELOPER, Action.results_read, True, False),
    (PARTNER, Action.submission_read, True, True),
    (PARTNER, Action.model_access, True, True),
    (PARTNER, Action.finding_file, True, True),
    (PARTNER, Action.attachment_read, True, False),
    (PARTNER, Action.release_move, True, False),
    (PARTNER, Action.grant_confirm, True, False),
    (OTHER_PARTNER, Action.submission_read, True, False),
    (OTHER_PARTNER, Action.model_access, True, False),
]


@pytest.mark.parametrize(("actor", "action", "on_submission", "allowed"), ALLOWED)
def test_who_may_do_what(actor: Actor, action: Action, on_submission: bool, allowed: bool) -> None:
    submission = Sub() if on_submission else None
    if allowed:
        require(actor, action, submission, [a_grant()], DURING)
    else:
        with pytest.raises(AccessDenied, match=f"^{actor}"):
            require(actor, action, submission, [a_grant()], DURING)


def test_a_partner_runs_and_reads_only_the_suites_in_its_scope() -> None:
    grants = [a_grant(scope=Scope(model=False, suites=("builtin",), results=("cybench",)))]
    require(PARTNER, Action.evaluation_run, Sub(), grants, DURING, item="builtin")
    require(PARTNER, Action.results_read, Sub(), grants, DURING, item="cybench")
    with pytest.raises(AccessDenied, match="does not cover the suite 'cybench'"):
        require(PARTNER, Action.evaluation_run, Sub(), grants, DURING, item="cybench")
    with pytest.raises(AccessDenied, match="does not cover the results of 'builtin'"):
        require(PARTNER, Action.results_read, Sub(), grants, DURING, item="builtin")
    with pytest.raises(AccessDenied, match="does not cover access to the model"):
        require(PARTNER, Action.model_access, Sub(), grants, DURING)
    everything = [a_grant(scope=Scope(model=True, suites=("*",), results=("*",)))]
    require(PARTNER, Action.results_read, Sub(), everything, DURING, item="anything")


@pytest.mark.parametrize(
    ("grants", "as_of", "message"),
    [
        ([], DURING, "has no grant"),
        ([a_grant(GrantState.proposed)], DURING, "not yet confirmed"),
        ([a_grant(GrantState.revoked)], DURING, "was revoked"),
        ([a_grant()], RELEASE, "ended on 2026-06-01"),
        ([a_grant()], AFTER, "ended on 2026-06-01"),
        ([a_grant(ends_on=date(2026, 6, 15))], date(2026, 6, 15), "ended on 2026-06-15"),
    ],
)
def test_a_partner_without_a_live_grant_sees_nothing(
    grants: list[Grant], as_of: date, message: str
) -> None:
    with pytest.raises(AccessDenied, match=message):
        require(PARTNER, Action.submission_read, Sub(), grants, as_of)


def test_an_extended_grant_outlives_the_release() -> None:
    require(PARTNER, Action.model_access, Sub(), [a_grant(ends_on=date(2026, 6, 15))], AFTER)


@pytest.mark.parametrize("actor", [ADMIN, EVALUATOR, PARTNER])
def test_nobody_uses_the_model_before_the_window_opens(actor: Actor) -> None:
    with pytest.raises(AccessDenied, match="window opens on 2026-05-02"):
        require(actor, Action.model_access, Sub(), [a_grant()], BEFORE)
    with pytest.raises(AccessDenied, match="window opens on 2026-05-02"):
        require(actor, Action.evaluation_run, Sub(), [a_grant()], BEFORE, item="builtin")


def test_the_center_may_still_evaluate_after_the_release() -> None:
    require(EVALUATOR, Action.model_access, Sub(), [], AFTER)
    require(EVALUATOR, Action.evaluation_run, Sub(), [], AFTER, item="builtin")
    require(ADMIN, Action.model_access, Sub(), [], date(2027, 1, 1))


def test_a_developer_sees_only_its_own_submissions(engine: Engine) -> None:
    with engine.begin() as conn:
        ref = seed(conn)
        records.get_submission(conn, actor=DEVELOPER, ref=ref, as_of=BEFORE)
        with pytest.raises(AccessDenied, match="belongs to another developer"):
            records.get_submission(conn, actor=OTHER_DEVELOPER, ref=ref, as_of=BEFORE)
        with pytest.raises(AccessDenied):
            records.move_release(
                conn, actor=OTHER_DEVELOPER, ref=ref, release_date=date(2026, 9, 1), as_of=BEFORE
            )
        with pytest.raises(AccessDenied):
            partners.list_grants(conn, actor=OTHER_DEVELOPER, ref=ref, as_of=BEFORE)
        # by name, another developer's model is not even found
        with pytest.raises(records.NotFoundError):
            records.get_submission(conn, actor=OTHER_DEVELOPER, ref="Falcon", as_of=BEFORE)


def test_a_partner_sees_a_submission_only_through_a_live_grant(engine: Engine) -> None:
    with engine.begin() as conn:
        ref = seed(conn)
        with pytest.raises(AccessDenied, match="has no grant"):
            records.submission_status(conn, actor=PARTNER, ref=ref, as_of=DURING)
        grant(conn, ref, scope=Scope(model=True, suites=("builtin",)))
        grant(conn, ref, scope=Scope(), partner=OTHER_PARTNER)
        status = records.submission_status(conn, actor=PARTNER, ref="Falcon", as_of=DURING)
        submission, grants = records.checked(
            conn, actor=PARTNER, ref=ref, action=Action.model_access, as_of=DURING
        )
        with pytest.raises(AccessDenied, match="may not read the files"):
            records.list_attachments(conn, actor=PARTNER, ref=ref, as_of=DURING)
        partners.revoke(conn, actor=DEVELOPER, ref=ref, partner=PARTNER.name, as_of=DURING)
        with pytest.raises(AccessDenied, match="was revoked"):
            records.submission_status(conn, actor=PARTNER, ref=ref, as_of=DURING)
        with pytest.raises(AccessDenied, match="ended on 2026-06-01"):
            records.submission_status(conn, actor=OTHER_PARTNER, ref=ref, as_of=AFTER)
    view = status.as_dict()
    assert [g["partner"] for g in view["partners"]] == [PARTNER.name]  # not the other partner
    assert "access" not in view["submission"] and "declarations" not in view["submission"]
    assert view["attachments"] is None
    assert submission.id == ref and len(grants) == 2


def test_grants_of_reads_state_scope_and_end(engine: Engine) -> None:
    with engine.begin() as conn:
        ref = seed(conn)
        grant(conn, ref, scope=Scope(model=True, results=("builtin",)))
        submission = records.get_submission(conn, actor=ADMIN, ref=ref, as_of=BEFORE)
        (found,) = grants_of(conn, submission)
    assert found.state is GrantState.confirmed and found.partner == PARTNER.name
    assert found.scope == Scope(model=True, results=("builtin",))
    assert found.ends_on == RELEASE and not found.extended
    assert found.standing(DURING) == "active" and found.standing(AFTER) == "ended"
