"""The server's verified tokens (`aicc.center.tokens.VerifiedTokens`): a token is taken from
memory while the store's marker is unchanged, its expiry checked on every use; revoked or
changed by any process, it is refused or changed from the next request on. SQLite and
PostgreSQL."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from sqlalchemy import Engine, delete, update

from aicc.center import (
    Principal,
    Unauthenticated,
    authenticate,
    change_token,
    create_organisation,
    create_token,
)
from aicc.center.tokens import VERIFIED
from aicc.core.times import utcnow
from aicc.store.center_tables import api_tokens, store_changes
from aicc.store.db import open_store

OPERATOR = Principal("tok_operator", "admin", agency="operator")


def _token(engine: Engine) -> dict[str, str]:
    create_organisation(engine, name="Clinic", sector="hospital", region="Iowa")
    made: dict[str, str] = create_token(engine, role="member", organisation="Clinic")
    return made


def _kept(engine: Engine, token: str) -> Principal | None:
    """What `VERIFIED` holds for ``token``, whatever the marker."""
    from aicc.center.tokens import token_hash

    kept = VERIFIED._kept.get(engine, {}).get(token_hash(token))
    return None if kept is None else kept[1]


def test_a_token_revoked_or_changed_by_another_process_holds_at_the_next_request(
    engine: Engine,
) -> None:
    made = _token(engine)
    center = create_token(engine, role="analyst", agency="CISA")
    assert authenticate(engine, made["token"], kept=True).role == "member"
    assert authenticate(engine, center["token"], kept=True).sectors is None
    assert _kept(engine, made["token"]) is not None  # kept: the next request reads no token
    other = open_store(str(engine.url))  # another pool, as another process would write
    try:
        change_token(other, OPERATOR, center["id"], grants=(["bank"], None))
        assert authenticate(engine, center["token"], kept=True).sectors == ("bank",)
        with other.begin() as conn:  # plain SQL, as an operator might revoke it
            conn.execute(update(api_tokens).where(api_tokens.c.id == made["id"]).values(
                revoked_at=utcnow()
            ))  # fmt: skip
    finally:
        other.dispose()
    with pytest.raises(Unauthenticated, match="revoked"):
        authenticate(engine, made["token"], kept=True)


def test_a_kept_token_is_refused_once_it_expires(engine: Engine) -> None:
    made = _token(engine)
    soon = utcnow() + timedelta(seconds=1)
    with engine.begin() as conn:
        conn.execute(update(api_tokens).values(expires_at=soon))
    assert authenticate(engine, made["token"], kept=True).token_id == made["id"]
    assert _kept(engine, made["token"]) is not None
    time.sleep(max(0.0, (soon - utcnow()).total_seconds()) + 0.05)
    with pytest.raises(Unauthenticated, match="expired"):
        authenticate(engine, made["token"], kept=True)


def test_a_refusal_is_not_kept_so_a_new_token_works_at_once(engine: Engine) -> None:
    create_organisation(engine, name="Clinic", sector="hospital", region="Iowa")
    with pytest.raises(Unauthenticated, match="not known"):
        authenticate(engine, "aicc_not-yet", kept=True)
    made = create_token(engine, role="member", organisation="Clinic")
    assert authenticate(engine, made["token"], kept=True).token_id == made["id"]


def test_without_the_marker_row_every_request_reads_its_token(engine: Engine) -> None:
    made = _token(engine)
    with engine.begin() as conn:
        conn.execute(delete(store_changes))
    assert authenticate(engine, made["token"], kept=True).token_id == made["id"]
    assert _kept(engine, made["token"]) is None
    with engine.begin() as conn:
        conn.execute(update(api_tokens).values(revoked_at=utcnow()))
    with pytest.raises(Unauthenticated, match="revoked"):
        authenticate(engine, made["token"], kept=True)
