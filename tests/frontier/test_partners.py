"""Trusted partners: vetted, proposed, confirmed, time-boxed, revocable; their findings."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine, select

from aicc.frontier import audit, partners, records
from aicc.frontier.access import AccessDenied, Action, GrantState, Scope, require
from aicc.frontier.records import NotFoundError
from aicc.frontier.window import FrontierError
from aicc.store.frontier_tables import frontier_partner_findings
from tests.frontier.program_helpers import (
    ADMIN,
    AFTER,
    BEFORE,
    DEVELOPER,
    DURING,
    EVALUATOR,
    OTHER_PARTNER,
    PARTNER,
    RELEASE,
    cipher,
    grant,
    seed,
)

SCOPE = Scope(model=True, suites=("builtin",), results=("builtin",))


def test_the_developer_proposes_and_the_center_confirms(engine: Engine) -> None:
    with engine.begin() as conn:
        ref = seed(conn)
        proposed = partners.propose(
            conn, actor=DEVELOPER, ref=ref, partner=PARTNER.name, scope=SCOPE, as_of=BEFORE
        )
        with pytest.raises(AccessDenied, match="not yet confirmed"):
            records.submission_status(conn, actor=PARTNER, ref=ref, as_of=DURING)
        with pytest.raises(AccessDenied, match="developer:Example AI may not confirm"):
            partners.confirm(conn, actor=DEVELOPER, ref=ref, partner=PARTNER.name, as_of=BEFORE)
        confirmed = partners.confirm(conn, actor=ADMIN, ref=ref, partner=PARTNER.name, as_of=BEFORE)
        listed = partners.list_grants(conn, actor=DEVELOPER, ref=ref, as_of=DURING)
    assert proposed.state is GrantState.proposed and proposed.proposed_by == str(DEVELOPER)
    assert confirmed.state is GrantState.confirmed and confirmed.confirmed_by == str(ADMIN)
    (only,) = listed
    view = only.as_dict(DURING)
    assert view["standing"] == "active" and view["ends_on"] == "2026-06-01"
    assert view["scope"] == {"model": True, "suites": ["builtin"], "results": ["builtin"]}


def test_only_vetted_partners_can_be_proposed(engine: Engine) -> None:
    with engine.begin() as conn:
        ref = seed(conn)
        with pytest.raises(NotFoundError, match=r"not a vetted partner.*partners add"):
            partners.propose(
                conn, actor=DEVELOPER, ref=ref, partner="Unknown Org", scope=SCOPE, as_of=BEFORE
            )
        with pytest.raises(AccessDenied):
            partners.add_partner(conn, actor=DEVELOPER, name="My Friends", as_of=BEFORE)
        with pytest.raises(FrontierError, match="already vetted"):
            partners.add_partner(conn, actor=ADMIN, name=PARTNER.name, as_of=BEFORE)
        vetted = partners.list_partners(conn, actor=DEVELOPER, as_of=BEFORE)
    assert [p.name for p in vetted] == [PARTNER.name, OTHER_PARTNER.name]


def test_a_partner_has_one_live_grant_per_submission(engine: Engine) -> None:
    with engine.begin() as conn:
        ref = seed(conn)
        grant(conn, ref, scope=SCOPE)
        with pytest.raises(FrontierError, match="already has a confirmed grant"):
            partners.propose(
                conn, actor=DEVELOPER, ref=ref, partner=PARTNER.name, scope=Scope(), as_of=BEFORE
            )
        with pytest.raises(FrontierError, match="already confirmed"):
            partners.confirm(conn, actor=ADMIN, ref=ref, partner=PARTNER.name, as_of=BEFORE)


def test_the_grant_ends_at_the_release_date_and_moves_with_it(engine: Engine) -> None:
    with engine.begin() as conn:
        ref = seed(conn)
        grant(conn, ref, scope=SCOPE)
        grant(conn, ref, scope=SCOPE, partner=OTHER_PARTNER)
        partners.extend(
            conn,
            actor=DEVELOPER,
            ref=ref,
            partner=OTHER_PARTNER.name,
            until=date(2026, 6, 15),
            as_of=DURING,
        )
        records.move_release(
            conn,
            actor=DEVELOPER,
            ref=ref,
            release_date=date(2026, 7, 1),
            reason="more red-teaming",
            as_of=DURING,
        )
        moved = {
            g.partner: g for g in partners.list_grants(conn, actor=ADMIN, ref=ref, as_of=AFTER)
        }
        # after the first planned date, the first partner still has access: its end moved
        records.submission_status(conn, actor=PARTNER, ref=ref, as_of=AFTER)
    assert moved[PARTNER.name].ends_on == date(2026, 7, 1)
    assert not moved[PARTNER.name].extended
    assert moved[OTHER_PARTNER.name].ends_on == date(2026, 6, 15)  # extension kept
    assert moved[OTHER_PARTNER.name].extended


def test_an_extension_keeps_a_partner_working_after_the_release(engine: Engine) -> None:
    with engine.begin() as conn:
        ref = seed(conn)
        grant(conn, ref, scope=SCOPE)
        with pytest.raises(AccessDenied, match="ended on 2026-06-01"):
            records.checked(conn, actor=PARTNER, ref=ref, action=Action.model_access, as_of=AFTER)
        with pytest.raises(FrontierError, match="gives no access"):
            partners.extend(
                conn,
                actor=ADMIN,
                ref=ref,
                partner=PARTNER.name,
                until=date(2026, 6, 5),
                as_of=AFTER,
            )
        partners.extend(
            conn, actor=ADMIN, ref=ref, partner=PARTNER.name, until=date(2026, 7, 1), as_of=AFTER
        )
        records.checked(conn, actor=PARTNER, ref=ref, action=Action.model_access, as_of=AFTER)
        with pytest.raises(AccessDenied, match="ended on 2026-07-01"):
            records.checked(
                conn, actor=PARTNER, ref=ref, action=Action.model_access, as_of=date(2026, 7, 1)
            )


def test_a_proposal_may_carry_its_own_end(engine: Engine) -> None:
    with engine.begin() as conn:
        ref = seed(conn)
        proposed = partners.propose(
            conn,
            actor=DEVELOPER,
            ref=ref,
            partner=PARTNER.name,
            scope=SCOPE,
            until=date(2026, 5, 20),
            as_of=BEFORE,
        )
    assert proposed.ends_on == date(2026, 5, 20) and proposed.extended


def test_confirming_a_grant_that_has_already_ended_asks_for_an_extension(engine: Engine) -> None:
    with engine.begin() as conn:
        ref = seed(conn)
        partners.propose(
            conn, actor=DEVELOPER, ref=ref, partner=PARTNER.name, scope=SCOPE, as_of=DURING
        )
        with pytest.raises(FrontierError, match="extend it first"):
            partners.confirm(conn, actor=ADMIN, ref=ref, partner=PARTNER.name, as_of=AFTER)


def test_a_revoked_grant_ends_access_and_a_new_one_can_follow(engine: Engine) -> None:
    with engine.begin() as conn:
        ref = seed(conn)
        grant(conn, ref, scope=SCOPE)
        revoked = partners.revoke(
            conn,
            actor=ADMIN,
            ref=ref,
            partner=PARTNER.name,
            reason="left the program",
            as_of=DURING,
        )
        with pytest.raises(AccessDenied, match="was revoked"):
            records.checked(conn, actor=PARTNER, ref=ref, action=Action.model_access, as_of=DURING)
        with pytest.raises(NotFoundError, match="no proposed or confirmed grant"):
            partners.revoke(conn, actor=ADMIN, ref=ref, partner=PARTNER.name, as_of=DURING)
        # the partner may still see that it had a grant, and how it ended
        (own,) = partners.list_grants(conn, actor=PARTNER, ref=ref, as_of=DURING)
        grant(conn, ref, scope=Scope(model=False, results=("builtin",)), as_of=DURING)
        submission = records.get_submission(conn, actor=ADMIN, ref=ref, as_of=DURING)
        grants = partners.list_grants(conn, actor=ADMIN, ref=ref, as_of=DURING)
        require(PARTNER, Action.results_read, submission, grants, DURING, item="builtin")
        with pytest.raises(AccessDenied, match="does not cover access to the model"):
            require(PARTNER, Action.model_access, submission, grants, DURING)
    assert revoked.state is GrantState.revoked and revoked.revoked_by == str(ADMIN)
    assert own.standing(DURING) == "revoked"
    assert [g.state for g in grants] == [GrantState.revoked, GrantState.confirmed]


def test_every_grant_step_is_in_the_audit_log(engine: Engine) -> None:
    with engine.begin() as conn:
        ref = seed(conn)
        grant(conn, ref, scope=SCOPE)
        partners.extend(
            conn, actor=ADMIN, ref=ref, partner=PARTNER.name, until=date(2026, 6, 20), as_of=DURING
        )
        partners.revoke(conn, actor=DEVELOPER, ref=ref, partner=PARTNER.name, as_of=DURING)
        log = audit.entries(conn, subject=ref)
    steps = [(e.action, e.actor) for e in log if e.action.startswith("grant.")]
    assert steps == [
        ("grant.propose", str(DEVELOPER)),
        ("grant.confirm", str(ADMIN)),
        ("grant.extend", str(ADMIN)),
        ("grant.revoke", str(DEVELOPER)),
    ]
    propose = next(e for e in log if e.action == "grant.propose")
    assert propose.detail["scope"] == SCOPE.as_dict()


def test_partners_file_findings_that_are_stored_encrypted(engine: Engine) -> None:
    key = cipher()
    body = "The model wrote a working exploit for the heap overflow in task 12."
    with engine.begin() as conn:
        ref = seed(conn)
        grant(conn, ref, scope=SCOPE)
        grant(conn, ref, scope=Scope(), partner=OTHER_PARTNER)
        filed = partners.file_finding(
            conn,
            actor=PARTNER,
            ref=ref,
            title="Exploit writing",
            body=body,
            cipher=key,
            as_of=DURING,
        )
        partners.file_finding(
            conn,
            actor=OTHER_PARTNER,
            ref=ref,
            title="Refusals hold",
            body="No uplift seen.",
            cipher=key,
            as_of=DURING,
        )
        stored = conn.execute(select(frontier_partner_findings.c.body)).scalars().all()
        for_developer = partners.list_findings(
            conn, actor=DEVELOPER, ref=ref, cipher=key, as_of=DURING
        )
        for_partner = partners.list_findings(conn, actor=PARTNER, ref=ref, cipher=key, as_of=DURING)
        for_evaluator = partners.list_findings(
            conn, actor=EVALUATOR, ref=ref, cipher=key, as_of=AFTER
        )
        reads = [e for e in audit.entries(conn, subject=ref) if e.action == "finding.read"]
    assert all(b"heap overflow" not in bytes(token) for token in stored)
    assert [f.title for f in for_developer] == ["Exploit writing", "Refusals hold"]
    assert [f.body for f in for_partner] == [body]  # its own only
    assert len(for_evaluator) == 2
    assert filed.partner == PARTNER.name
    assert [e.actor for e in reads] == [str(DEVELOPER), str(PARTNER), str(EVALUATOR)]


def test_only_a_partner_with_a_live_grant_files_findings(engine: Engine) -> None:
    key = cipher()
    with engine.begin() as conn:
        ref = seed(conn)
        with pytest.raises(AccessDenied, match="partners file their own"):
            partners.file_finding(
                conn, actor=ADMIN, ref=ref, title="t", body="b", cipher=key, as_of=DURING
            )
        with pytest.raises(AccessDenied, match="has no grant"):
            partners.file_finding(
                conn, actor=PARTNER, ref=ref, title="t", body="b", cipher=key, as_of=DURING
            )
        grant(conn, ref, scope=SCOPE)
        with pytest.raises(AccessDenied, match="ended on"):
            partners.file_finding(
                conn, actor=PARTNER, ref=ref, title="t", body="b", cipher=key, as_of=RELEASE
            )
        with pytest.raises(FrontierError, match="needs a title and a body"):
            partners.file_finding(
                conn, actor=PARTNER, ref=ref, title=" ", body="b", cipher=key, as_of=DURING
            )
