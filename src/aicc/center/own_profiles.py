"""An organisation's own copy of a sector profile, kept in the store and managed over the API.

An organisation's profile is a shipped one by name (``hospital``), a file's path (``aicc admin
org create --profile FILE``), or its own copy in ``organisation_profiles``: then the
organisation's ``profile`` is ``own:<organisation id>`` and every server and worker reads the
copy from the store (`load_center_profile`). A copy is YAML or JSON in the shape of a profile
file, checked by the same model as ``--profile`` files (`aicc.prioritize.profile_file`): a
refusal names the key path and its line, and changes nothing. Setting a copy or going back to a
shipped profile is written to the audit log (`aicc.center.audit_log`).

What it changes: the plan (made on request) uses the new profile at once; a stored finding's
decisions and due dates are decided again with it at its asset's next upload or the next
re-check that touches it, not when the profile is set (the findings keep their first sighting:
`aicc.center.clocks`).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, RowMapping, select

from aicc.center.access import Principal, scope
from aicc.center.audit_log import audit
from aicc.center.errors import Forbidden, InvalidInput
from aicc.center.organisations import organisation_row
from aicc.core.times import utcnow
from aicc.core.yamlfile import YamlFileError, parse_yaml_document
from aicc.prioritize.profiles import (
    DEFAULT,
    PROFILES,
    Profile,
    ProfileError,
    load_profile,
    shipped,
)
from aicc.store.center_admin_tables import organisation_profiles
from aicc.store.center_tables import organisations
from aicc.store.locks import CENTER_LOCK, DEFAULT_TIMEOUT, writing

OWN = "own:"
MAX_BYTES = 256 * 1024  # a profile is a page of YAML; the shipped ones are under 4 kB
SOURCE = "profile"  # how a refusal names the document given


def parse_profile(text: str) -> Profile:
    """The profile a YAML or JSON ``text`` describes; InvalidInput naming the key path, its
    line and the problem."""
    try:
        document = parse_yaml_document(text, SOURCE)
        from aicc.prioritize.profile_file import build_profile

        return build_profile(document, Path(SOURCE))
    except (YamlFileError, ProfileError) as exc:
        raise InvalidInput(str(exc)) from exc


def load_center_profile(conn: Connection, reference: str) -> Profile:
    """The profile an organisation's ``profile`` column names: its own copy (``own:ID``), a
    shipped one or a file; ProfileError when it cannot be used."""
    if not reference.startswith(OWN):
        return load_profile(reference)
    text = conn.execute(
        select(organisation_profiles.c.text).where(
            organisation_profiles.c.organisation_id == reference[len(OWN) :]
        )
    ).scalar()
    if text is None:
        raise ProfileError("the organization's own copy is no longer stored", path=reference)
    try:
        return parse_profile(text)
    except InvalidInput as exc:
        raise ProfileError(exc.message, path=reference) from exc


def _row(conn: Connection, principal: Principal, organisation: str | None) -> RowMapping:
    organisation_id = scope(conn, principal, organisation)
    if organisation_id is None:
        raise InvalidInput("organization: a center token names the organization")
    return organisation_row(conn, id_or_name=organisation_id)


def _text_of(conn: Connection, reference: str) -> tuple[str, str]:
    """The document of the profile in use, and its format."""
    if reference.startswith(OWN):
        row = conn.execute(
            select(organisation_profiles.c.text, organisation_profiles.c.format).where(
                organisation_profiles.c.organisation_id == reference[len(OWN) :]
            )
        ).first()
        if row is not None:
            return str(row.text), str(row.format)
    path = Path(reference)
    if path.suffix.lower() not in (".yaml", ".yml"):
        path = PROFILES / f"{reference}.yaml"
    try:
        return path.read_text(encoding="utf-8"), "yaml"
    except OSError as exc:
        raise InvalidInput(f"the organization's profile cannot be read: {exc}") from exc


def get_own_profile(
    engine: Engine, principal: Principal, *, organisation: str | None = None
) -> dict[str, Any]:
    """The profile the organisation uses: ``source`` (``own``, ``shipped`` or ``file``), its
    name, the document as text, and for an own copy what it was based on, when and by whom it
    was set. NotFound for an organisation the caller may not see."""
    with engine.connect() as conn:
        row = _row(conn, principal, organisation)
        reference = row["profile"]
        own = (
            conn.execute(
                select(organisation_profiles).where(
                    organisation_profiles.c.organisation_id == row["id"]
                )
            )
            .mappings()
            .first()
        )
        text, form = _text_of(conn, reference)
        try:
            name = load_center_profile(conn, reference).name
        except ProfileError as exc:
            raise InvalidInput(f"the organization's profile cannot be used: {exc}") from exc
    source = "own" if reference.startswith(OWN) else "file" if "/" in reference else "shipped"
    data: dict[str, Any] = {
        "organization": row["id"],
        "source": source,
        "name": name,
        "format": form,
        "document": text,
        "shipped": shipped(),
    }
    if own is not None and source == "own":
        data |= {
            "based_on": own["based_on"],
            "updated_at": own["updated_at"].isoformat(),
            "updated_by": own["updated_by"],
        }
    return data


def profile_classes(engine: Engine, principal: Principal) -> list[str]:
    """The asset classes the caller's organisation's profile names (sorted, without
    ``default``), for the upload page to offer; empty for the center's users, and when the
    profile cannot be read (the upload then says why)."""
    if principal.organisation_id is None:
        return []
    with engine.connect() as conn:
        reference = organisation_row(conn, id_or_name=principal.organisation_id)["profile"]
        try:
            profile = load_center_profile(conn, reference)
        except ProfileError:
            return []
    named = {*profile.human_impacts, *profile.mission_impacts}
    return sorted(named - {DEFAULT})


def _may_change(principal: Principal) -> None:
    if principal.role != "admin":
        raise Forbidden("an organization's profile is changed by an admin")


def set_own_profile(
    engine: Engine,
    principal: Principal,
    content: bytes,
    *,
    organisation: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> dict[str, Any]:
    """Keep ``content`` (YAML or JSON) as the organisation's own profile, used from now on.

    Forbidden for a role other than admin; NotFound for an organisation the caller may not see;
    InvalidInput for a document that is too large, not UTF-8 or not a valid profile (naming the
    key path and line). Nothing changes then.
    """
    _may_change(principal)
    if len(content) > MAX_BYTES:
        raise InvalidInput(f"{SOURCE}: over {MAX_BYTES} bytes")
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"{SOURCE}: not UTF-8 text (byte {exc.start})") from exc
    if not text.strip():
        raise InvalidInput(f"{SOURCE}: empty")
    profile = parse_profile(text)
    form = "json" if text.lstrip().startswith("{") else "yaml"
    now = utcnow()
    with writing(engine, lock=CENTER_LOCK, timeout=timeout) as conn:
        row = _row(conn, principal, organisation)
        before = row["profile"]
        stored = conn.execute(
            select(organisation_profiles.c.based_on).where(
                organisation_profiles.c.organisation_id == row["id"]
            )
        ).scalar()
        values = {"text": text, "format": form, "updated_at": now, "updated_by": principal.actor}
        if stored is None:
            based_on = before
            conn.execute(
                organisation_profiles.insert().values(
                    organisation_id=row["id"], based_on=based_on, **values
                )
            )
        else:
            based_on = stored
            conn.execute(
                organisation_profiles.update()
                .where(organisation_profiles.c.organisation_id == row["id"])
                .values(values)
            )
        conn.execute(
            organisations.update()
            .where(organisations.c.id == row["id"])
            .values(profile=OWN + row["id"])
        )
        audit(
            conn,
            actor=principal.actor,
            action="profile_set",
            subject=row["name"],
            at=now,
            organisation_id=row["id"],
            detail={
                "before": before,
                "name": profile.name,
                "format": form,
                "sha256": hashlib.sha256(content).hexdigest(),
            },
        )
    return get_own_profile(engine, principal, organisation=row["id"]) | {"based_on": based_on}


def reset_own_profile(
    engine: Engine,
    principal: Principal,
    shipped_name: str,
    *,
    organisation: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> dict[str, Any]:
    """Use the shipped profile ``shipped_name`` again; the own copy is deleted (its last text
    stays in the audit log's ``detail``). InvalidInput for a name that is not shipped."""
    _may_change(principal)
    if shipped_name not in shipped():
        raise InvalidInput(f"profile: {shipped_name!r} is not one of {', '.join(shipped())}")
    now = utcnow()
    with writing(engine, lock=CENTER_LOCK, timeout=timeout) as conn:
        row = _row(conn, principal, organisation)
        dropped = conn.execute(
            select(organisation_profiles.c.text).where(
                organisation_profiles.c.organisation_id == row["id"]
            )
        ).scalar()
        conn.execute(
            organisation_profiles.delete().where(
                organisation_profiles.c.organisation_id == row["id"]
            )
        )
        conn.execute(
            organisations.update()
            .where(organisations.c.id == row["id"])
            .values(profile=shipped_name)
        )
        audit(
            conn,
            actor=principal.actor,
            action="profile_reset",
            subject=row["name"],
            at=now,
            organisation_id=row["id"],
            detail={"before": row["profile"], "profile": shipped_name, "own_copy": dropped},
        )
    return get_own_profile(engine, principal, organisation=row["id"])
