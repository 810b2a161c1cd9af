"""Writing, changing and publishing the center's advisories (center roles ``admin``, ``analyst``).

A new advisory is a draft (CSAF ``tracking.status`` ``draft``, version 1), changed in place
until it is published. Publishing makes it ``final``, dates it, and shows it to its audience:
the organisations whose stored inventories list an affected product (`audience`). Changing a
published advisory adds a revision (version + 1, with the analyst's summary of what changed)
and publishes it at once; the audience grows by those the new version concerns, and keeps those
told before (a correction concerns them most). Each organisation reached is notified
(``advisory_published``, in the same transaction: `aicc.center.notifications`). A TLP:CLEAR
advisory also joins the knowledge base, as a vendor's CSAF advisory would. Every document
is checked against the OASIS CSAF 2.0 schema and the mandatory tests before it is stored; every
change is an event.
"""

from __future__ import annotations

import hashlib
import secrets
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import Connection, Engine, RowMapping, select

from aicc.center.access import Principal, granted
from aicc.center.advisories.audience import Audience, compute_audience
from aicc.center.advisories.checks import mandatory_tests
from aicc.center.advisories.document import Publisher, Revision, build_document
from aicc.center.advisories.form import AdvisoryForm, read_form
from aicc.center.advisories.schema import schema_errors
from aicc.center.errors import Forbidden, InvalidInput, NotFound
from aicc.center.names import new_id
from aicc.center.notifications import make_event, notify
from aicc.core.errors import AiccError
from aicc.core.times import utcnow
from aicc.store.advisory_tables import (
    center_advisories,
    center_advisory_audience,
    center_advisory_events,
)
from aicc.store.center_tables import organisations
from aicc.store.locks import CENTER_LOCK, DEFAULT_TIMEOUT, writing

AUTHOR_ROLES = ("admin", "analyst")
FIRST_RELEASE = "Initial release."
SUMMARIES = {  # what an event says of its version; a revision's is the analyst's
    "published": FIRST_RELEASE,
    "rematched": "Matched again against the inventories stored now.",
}


def require_author(principal: Principal) -> None:
    """Forbidden unless the caller is a center admin or analyst."""
    if not principal.is_center:
        raise Forbidden("advisories are written by the center's analysts")
    if principal.role not in AUTHOR_ROLES:
        raise Forbidden(f"the {principal.role} role may read advisories but not write them")


def document_bytes(document: dict[str, Any]) -> bytes:
    """The document as it is served and hashed: JSON, indented, keys sorted (PostgreSQL's
    JSONB keeps no key order, so the order written could not be served again)."""
    return orjson.dumps(document, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS)


def digest(document: dict[str, Any]) -> str:
    """SHA-256 hex of the document as served."""
    return hashlib.sha256(document_bytes(document)).hexdigest()


def checked(document: dict[str, Any]) -> dict[str, Any]:
    """The document, if it passes the CSAF 2.0 schema and the mandatory tests; else
    InvalidInput listing each failure with its JSON pointer."""
    problems = [
        {"stage": "center", "source": "csaf schema", "location": e["path"], "reason": e["message"]}
        for e in schema_errors(document)
    ]
    problems += [
        {
            "stage": "center",
            "source": f"csaf mandatory test {v.test} ({v.name})",
            "location": v.path,
            "reason": v.message,
        }
        for v in mandatory_tests(document)
    ]
    if problems:
        text = "; ".join(f"{p['source']} at {p['location']}: {p['reason']}" for p in problems[:5])
        raise InvalidInput(
            f"the CSAF document made of the advisory is not valid: {text}", problems=problems
        )
    return document


def _history(document: dict[str, Any]) -> list[Revision]:
    return [
        Revision(int(item["number"]), _parse(item["date"]), item["summary"])
        for item in document["document"]["tracking"]["revision_history"]
    ]


def _parse(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).replace(tzinfo=None)


def _row(conn: Connection, advisory_id: str) -> RowMapping:
    query = select(center_advisories).where(center_advisories.c.id == advisory_id)
    found = conn.execute(query).mappings().first()
    if found is None:
        raise NotFound(f"advisory {advisory_id!r}: not found")
    return found


def _event(
    conn: Connection,
    principal: Principal,
    advisory_id: str,
    action: str,
    document: dict[str, Any],
    *,
    at: datetime,
    audience: int | None = None,
    summary: str | None = None,
) -> None:
    tracking = document["document"]["tracking"]
    conn.execute(
        center_advisory_events.insert().values(
            advisory_id=advisory_id,
            actor=principal.actor,
            at=at,
            action=action,
            version=int(tracking["version"]),
            status=tracking["status"],
            digest=digest(document),
            audience=audience,
            summary=summary,
        )
    )


def create_advisory(
    engine: Engine,
    principal: Principal,
    data: Any,
    *,
    publisher: Publisher,
    timeout: float = DEFAULT_TIMEOUT,
) -> dict[str, Any]:
    """A new draft advisory from ``data`` (the `AdvisoryForm` fields); its id and document."""
    require_author(principal)
    form = read_form(data)
    now = utcnow()
    tracking_id = f"AICC-{now.year}-{secrets.token_hex(4).upper()}"
    document = checked(
        build_document(
            form,
            tracking_id=tracking_id,
            publisher=publisher,
            status="draft",
            history=[Revision(1, now, FIRST_RELEASE)],
        )
    )
    advisory_id = new_id("adv")
    row: dict[str, Any] = {
        "id": advisory_id,
        "tracking_id": tracking_id,
        "title": form.title,
        "tlp": form.tlp,
        "status": "draft",
        "version": 1,
        "form": _form_dict(form),
        "document": document,
        "created_at": now,
        "created_by": principal.actor,
        "updated_at": now,
        "published_at": None,
        "released_at": None,
    }
    with writing(engine, lock=CENTER_LOCK, timeout=timeout) as conn:
        conn.execute(center_advisories.insert().values(row))
        _event(conn, principal, advisory_id, "created", document, at=now)
    return {"id": advisory_id, "tracking_id": tracking_id, "status": "draft", "version": 1}


def _form_dict(form: AdvisoryForm) -> dict[str, Any]:
    return form.model_dump(mode="json", exclude={"revision_summary"})


def update_advisory(
    engine: Engine,
    principal: Principal,
    advisory_id: str,
    data: Any,
    *,
    publisher: Publisher,
    timeout: float = DEFAULT_TIMEOUT,
) -> dict[str, Any]:
    """Change an advisory: a draft in place; a published one as a new revision (``data`` then
    needs ``revision_summary``), published at once to its audience and those it now concerns."""
    require_author(principal)
    form = read_form(data)
    with engine.connect() as conn:
        current = _row(conn, advisory_id)
    if current["status"] == "draft":
        return _edit_draft(engine, principal, current, form, publisher, timeout)
    if not form.revision_summary:
        raise InvalidInput(
            "revision_summary: a published advisory changes by a revision: say what changed"
        )
    now = utcnow()
    history = [
        *_history(current["document"]),
        Revision(current["version"] + 1, now, form.revision_summary),
    ]
    document = checked(
        build_document(
            form,
            tracking_id=current["tracking_id"],
            publisher=publisher,
            status="final",
            history=history,
        )
    )
    return _release(
        engine, principal, current, form, document, action="revised", at=now, timeout=timeout
    )


def _edit_draft(
    engine: Engine,
    principal: Principal,
    current: RowMapping,
    form: AdvisoryForm,
    publisher: Publisher,
    timeout: float,
) -> dict[str, Any]:
    now = utcnow()
    document = checked(
        build_document(
            form,
            tracking_id=current["tracking_id"],
            publisher=publisher,
            status="draft",
            history=[Revision(1, now, FIRST_RELEASE)],
        )
    )
    with writing(engine, lock=CENTER_LOCK, timeout=timeout) as conn:
        done = conn.execute(
            center_advisories.update()
            .where(center_advisories.c.id == current["id"], center_advisories.c.status == "draft")
            .values(
                title=form.title,
                tlp=form.tlp,
                form=_form_dict(form),
                document=document,
                updated_at=now,
            )
        )
        if done.rowcount != 1:
            raise InvalidInput("the advisory was published meanwhile: reload it and revise it")
        _event(conn, principal, current["id"], "edited", document, at=now)
    return {
        "id": current["id"],
        "tracking_id": current["tracking_id"],
        "status": "draft",
        "version": 1,
    }


def publish_advisory(
    engine: Engine,
    principal: Principal,
    advisory_id: str,
    *,
    publisher: Publisher,
    timeout: float = DEFAULT_TIMEOUT,
) -> dict[str, Any]:
    """Publish a draft: final, version 1, dated now, shown to the organisations it concerns.
    Returns the audience (how many, and which of their components) and what could not be
    decided; InvalidInput when it is published already."""
    require_author(principal)
    with engine.connect() as conn:
        current = _row(conn, advisory_id)
    if current["status"] != "draft":
        raise InvalidInput(
            f"advisory {current['tracking_id']} is published already: change it to revise it"
        )
    form = read_form(current["form"])
    now = utcnow()
    document = checked(
        build_document(
            form,
            tracking_id=current["tracking_id"],
            publisher=publisher,
            status="final",
            history=[Revision(1, now, FIRST_RELEASE)],
        )
    )
    return _release(
        engine, principal, current, form, document, action="published", at=now, timeout=timeout
    )


def _release(
    engine: Engine,
    principal: Principal,
    current: RowMapping,
    form: AdvisoryForm,
    document: dict[str, Any],
    *,
    action: str,
    at: datetime,
    timeout: float,
) -> dict[str, Any]:
    with engine.connect() as conn:
        audience = compute_audience(conn, document)
        seen = set(
            conn.execute(
                select(organisations.c.id).where(granted(principal, organisations.c.id))
            ).scalars()
        )
    version = int(document["document"]["tracking"]["version"])
    with writing(engine, lock=CENTER_LOCK, timeout=timeout) as conn:
        if action == "rematched":  # the document stays as it is
            done = conn.execute(
                select(center_advisories.c.id).where(
                    center_advisories.c.id == current["id"],
                    center_advisories.c.version == current["version"],
                )
            )
            if done.first() is None:
                raise InvalidInput("the advisory changed meanwhile: reload it and try again")
        else:
            _update_released(conn, current, form, document, version, at)
        reached, new = _store_audience(conn, current["id"], audience, version, at)
        # each organisation hears of it once published to it, and of each revision after
        for organisation_id in sorted(reached if action == "revised" else new):
            event = make_event(
                "advisory_published",
                organisation_id,
                advisory_id=current["id"],
                title=f"{form.title} (v{version})" if action == "revised" else form.title,
            )
            notify(conn, event, now=at)
        _event(
            conn,
            principal,
            current["id"],
            action,
            document,
            at=at,
            audience=len(reached),
            summary=SUMMARIES.get(action, form.revision_summary),
        )
    knowledge = None
    if form.tlp == "CLEAR" and action != "rematched":
        knowledge = _into_knowledge_base(engine, document, timeout)
    # a caller limited to sectors and regions is told of their organisations only
    return {
        "id": current["id"],
        "tracking_id": current["tracking_id"],
        "status": "final",
        "version": version,
        "audience": {
            "organizations": len(reached & seen),
            "new": len(new & seen),
            "components_checked": audience.components,
        },
        "undecided": [u for u in audience.undecided if u["organisation"] in seen],
        "knowledge_base": knowledge,
    }


def _update_released(
    conn: Connection,
    current: RowMapping,
    form: AdvisoryForm,
    document: dict[str, Any],
    version: int,
    at: datetime,
) -> None:
    done = conn.execute(
        center_advisories.update()
        .where(
            center_advisories.c.id == current["id"],
            center_advisories.c.version == current["version"],
            center_advisories.c.status == current["status"],
        )
        .values(
            title=form.title,
            tlp=form.tlp,
            status="final",
            version=version,
            form=_form_dict(form),
            document=document,
            updated_at=at,
            published_at=current["published_at"] or at,
            released_at=at,
        )
    )
    if done.rowcount != 1:
        raise InvalidInput("the advisory changed meanwhile: reload it and try again")


def _into_knowledge_base(
    engine: Engine, document: dict[str, Any], timeout: float
) -> dict[str, Any]:
    """A public (TLP:CLEAR) advisory joins the knowledge base as any vendor's CSAF advisory
    does, so that scans, uploads and re-checks find what it names; what failed is said."""
    from aicc.store.importer import import_path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "advisory.json"
        path.write_bytes(document_bytes(document))
        try:
            summary = import_path(engine, path, source="csaf", busy_timeout=timeout)
        except AiccError as exc:
            return {"imported": False, "reason": str(exc)}
    return {"imported": True, **summary.counts.as_dict()}


def _store_audience(
    conn: Connection, advisory_id: str, audience: Audience, version: int, at: datetime
) -> tuple[set[str], set[str]]:
    """Add the organisations the version concerns, refresh what matched for those already
    there; returns the organisations the advisory now reaches, and those new to it."""
    aa = center_advisory_audience
    known = set(
        conn.execute(select(aa.c.organisation_id).where(aa.c.advisory_id == advisory_id)).scalars()
    )
    for organisation_id, matched in audience.matched.items():
        if organisation_id in known:
            conn.execute(
                aa.update()
                .where(aa.c.advisory_id == advisory_id, aa.c.organisation_id == organisation_id)
                .values(matched=matched)
            )
        else:
            conn.execute(
                aa.insert().values(
                    advisory_id=advisory_id,
                    organisation_id=organisation_id,
                    matched=matched,
                    version=version,
                    added_at=at,
                )
            )
    return known | set(audience.matched), set(audience.matched) - known


def refresh_audience(
    engine: Engine,
    principal: Principal,
    advisory_id: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
) -> dict[str, Any]:
    """Match a published advisory again against the inventories stored now: organisations
    whose uploads since list an affected product join its audience and are notified; nobody
    leaves it. InvalidInput for a draft (it has no audience until published)."""
    require_author(principal)
    with engine.connect() as conn:
        current = _row(conn, advisory_id)
    if current["status"] != "final":
        raise InvalidInput(f"advisory {current['tracking_id']} is a draft: publish it first")
    form = read_form(current["form"])
    return _release(
        engine,
        principal,
        current,
        form,
        current["document"],
        action="rematched",
        at=utcnow(),
        timeout=timeout,
    )
