"""Uploads: an asset's inventory, scanned by the pipeline, kept as a numbered version.

An upload is scanned first, with nothing written: the file goes into a private work folder
under its own name (`aicc.center.workspace`) and `aicc.pipeline.scan` reads it with the
organisation's sector profile, as ``aicc scan --sector`` would. A file the pipeline cannot read
at all is refused (InvalidInput naming the file and the place); otherwise one transaction adds
the asset on its first upload, the inventory's next version (the file, its components, what was
skipped or not identified) and the asset's findings (`aicc.center.findings.store_findings`).
Reachability is not analysed: no source tree comes with an upload.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Engine, RowMapping, func, select

from aicc.center.access import Principal, granted, scope
from aicc.center.advisories.reach import reach_organisation
from aicc.center.clocks import Clocks, first_sightings, record_starts, redated
from aicc.center.errors import Forbidden, InvalidInput, NotFound, UploadTooLarge
from aicc.center.findings import ScannedFinding, store_findings
from aicc.center.names import asset_name, new_id, upload_filename
from aicc.center.notifications import notify_new_kev_findings
from aicc.center.organisations import organisation_row
from aicc.center.own_profiles import load_center_profile
from aicc.center.upload_files import LeftOut, SentFile, gather, is_archive, joined, report
from aicc.center.workspace import AssetSettings, workspace
from aicc.core.components import EXPOSURES
from aicc.core.errors import ConfigError
from aicc.core.files import MiB
from aicc.core.results import ScanResult
from aicc.core.times import utcnow
from aicc.prioritize.profiles import ProfileError
from aicc.report.model import component_dict, record_dict
from aicc.store.center_tables import ASSET_KINDS, assets, inventories
from aicc.store.locks import CENTER_LOCK, DEFAULT_TIMEOUT, writing

DEFAULT_MAX_UPLOAD = 100 * MiB  # AICC_MAX_UPLOAD_MB, as AICC_MAX_FILE_MB caps what is read
# The kind of asset an inventory format describes, when the upload does not say.
KIND_OF_FORMAT = {
    "appliance-csv": "appliance",
    "nmap-xml": "host",
    "dpkg-status": "host",
    "apk-installed": "host",
    "rpm-qa": "host",
}


def max_upload_bytes(env: Mapping[str, str] | None = None) -> int:
    """The upload limit: ``AICC_MAX_UPLOAD_MB`` (a positive number, fractions allowed) in bytes,
    else 100 MiB."""
    raw = (os.environ if env is None else env).get("AICC_MAX_UPLOAD_MB", "").strip()
    try:
        megabytes = float(raw) if raw else 0.0
    except ValueError as exc:
        raise ConfigError(f"AICC_MAX_UPLOAD_MB must be a number of megabytes: {raw!r}") from exc
    return int(megabytes * MiB) if megabytes > 0 else DEFAULT_MAX_UPLOAD


def asset_dict(row: RowMapping) -> dict[str, Any]:
    """An asset as the API shows it."""
    return {
        "id": row["id"],
        "organization": row["organisation_id"],
        "name": row["name"],
        "kind": row["kind"],
        "exposure": row["exposure"],
        "asset_class": row["asset_class"],
        "safety_critical": row["safety_critical"],
        "created_at": row["created_at"].isoformat(),
    }


def asset_settings(row: RowMapping | None) -> AssetSettings:
    """What the pipeline is told about an asset (nothing for a new one)."""
    if row is None:
        return AssetSettings()
    return AssetSettings(row["exposure"], row["asset_class"], bool(row["safety_critical"]))


def _check_settings(
    kind: str | None, exposure: str | None, asset_class: str | None
) -> tuple[str | None, str | None, str | None]:
    kind = (kind or "").strip() or None
    exposure = (exposure or "").strip().lower() or None
    asset_class = (asset_class or "").strip() or None
    if kind is not None and kind not in ASSET_KINDS:
        raise InvalidInput(f"kind: {kind!r} is not one of {', '.join(ASSET_KINDS)}")
    if exposure is not None and exposure not in EXPOSURES:
        raise InvalidInput(f"exposure: {exposure!r} is not one of {', '.join(EXPOSURES)}")
    return kind, exposure, asset_class


def _find_asset(conn: Connection, organisation_id: str, name: str) -> RowMapping | None:
    return (
        conn.execute(
            select(assets).where(assets.c.organisation_id == organisation_id, assets.c.name == name)
        )
        .mappings()
        .first()
    )


def scanned_findings(result: ScanResult, relative: Any) -> list[ScannedFinding]:
    """A decided scan's records as the findings `store_findings` takes (names made relative)."""
    return [
        ScannedFinding(
            vulnerability_id=r.finding.id,
            aliases=list(r.finding.aliases),
            record=relative(record_dict(r)),
            kev=r.finding.kev is not None,
            priority=r.deployer_rank,
            due=r.due,
        )
        for r in result.records
    ]


def _unread(
    files: list[SentFile], left_out: list[LeftOut], skipped: list[dict[str, Any]], asset: str
) -> list[dict[str, Any]]:
    """The files of a refused upload of several that no problem names, each with why."""
    named = {str(p["source"]) for p in skipped}
    described = report(files, left_out, inventory="", fmt="", sources=set(), problems=[])
    return [
        {"stage": "inventory", "source": f"{asset}/{d['name']}", "location": None}
        | {"reason": d["why"]}
        for d in described
        if f"{asset}/{d['name']}" not in named
    ]


def upload_inventory(
    engine: Engine,
    principal: Principal,
    *,
    asset: str,
    filename: str | None,
    content: bytes,
    files: Sequence[tuple[str | None, bytes]] | None = None,
    kind: str | None = None,
    exposure: str | None = None,
    asset_class: str | None = None,
    safety_critical: bool | None = None,
    max_bytes: int = DEFAULT_MAX_UPLOAD,
    as_of: date | None = None,
    now: datetime | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> dict[str, Any]:
    """Scan and store one inventory of the caller's organisation (see the module's docstring).

    The upload happens at ``now`` (the clock by default) and is decided ``as_of`` (its day by
    default); a finding the asset already had keeps its due dates, counted from when it was first
    seen (`aicc.center.clocks`).

    ``files`` (each one's name and bytes) replaces ``filename`` and ``content`` for an upload of
    several files or of an archive of a folder (`aicc.center.upload_files`): they are scanned
    as ``aicc scan`` scans a folder, and must hold one inventory, read with its companions
    (go.sum, os-release, included requirements). The answer's ``files`` says of each file sent
    whether it was read, and why not.

    ``kind``, ``exposure``, ``asset_class`` and ``safety_critical``, when given, are kept on the
    asset for this and later uploads. Returns the inventory's id, the asset, the version, the
    findings' counts, and what was not identified or skipped. Forbidden for a center token
    (uploads are an organisation's), UploadTooLarge over ``max_bytes``, InvalidInput for a bad
    value or a file the pipeline cannot read; nothing is written then.
    """
    from aicc.pipeline import scan

    if principal.is_center or principal.organisation_id is None:
        raise Forbidden("inventories are uploaded with an organization's token")
    name = asset_name(asset)
    sent = list(files) if files is not None else [(filename, content)]
    several = len(sent) != 1 or is_archive(sent[0][0])
    listing: list[dict[str, Any]] | None = None
    gathered: list[SentFile] = []
    left_out: list[LeftOut] = []
    if several:
        gathered, left_out = gather(sent, max_bytes=max_bytes)
        content, listing = joined(gathered)
        filename = ""
    else:
        filename, content = upload_filename(sent[0][0]), sent[0][1]
        if len(content) > max_bytes:  # the caller may have read only max_bytes + 1 of it
            raise UploadTooLarge(
                f"file: {filename} is over the upload limit of {max_bytes} bytes "
                "(AICC_MAX_UPLOAD_MB)"
            )
    kind, exposure, asset_class = _check_settings(kind, exposure, asset_class)
    if not content and not several:
        raise InvalidInput(f"file: {filename} is empty")
    with engine.connect() as conn:
        organisation = organisation_row(conn, id_or_name=principal.organisation_id)
        existing = _find_asset(conn, organisation["id"], name)
        clocks = first_sightings(conn, [existing["id"]]) if existing is not None else Clocks()
        try:
            profile = load_center_profile(conn, organisation["profile"])
        except ProfileError as exc:  # the file of an own copy was moved or broken since
            raise InvalidInput(f"the organization's profile cannot be used: {exc}") from exc
    current = asset_settings(existing)
    settings = AssetSettings(
        exposure or current.exposure,
        asset_class or current.asset_class,
        current.safety_critical if safety_critical is None else safety_critical,
    )
    now = now or utcnow()
    day = as_of or now.date()
    with workspace() as work:
        path = work.add(name, filename, content, settings, listing)
        result = scan(engine, [path], profile=profile, as_of=day)
        skipped = work.relative([p.as_dict() for p in result.skipped])
        if not result.inventories:
            text = "; ".join(
                f"{p['source']}: {p['location']}: {p['reason']}"
                if p["location"]
                else f"{p['source']}: {p['reason']}"
                for p in skipped
            )
            if several:
                text = text or f"{name}: no file of the upload is an inventory aicc reads"
                problems = skipped + _unread(gathered, left_out, skipped, name)
                raise InvalidInput(text, problems=problems)
            raise InvalidInput(text or f"{filename}: nothing could be read", problems=skipped)
        if len(result.inventories) > 1:
            found = ", ".join(
                f"{work.relative(i.source).removeprefix(name + '/')} ({i.format})"
                for i in result.inventories
            )
            raise InvalidInput(
                f"file: an upload is one inventory, and these files are each one: {found}; "
                "upload each as an asset of its own",
                problems=skipped,
            )
        inventory = result.inventories[0]
        if several:
            filename = str(work.relative(inventory.source)).removeprefix(f"{name}/")
        components = work.relative([component_dict(c) for c in inventory.components])
        if not several:
            gathered = [SentFile(filename, content)]
        described = report(
            gathered,
            left_out,
            inventory=filename,
            fmt=inventory.format,
            sources={str(c["source"]).removeprefix(f"{name}/") for c in components},
            problems=[p | {"source": str(p["source"]).removeprefix(f"{name}/")} for p in skipped],
        )
        unmatched = work.relative([u.as_dict() for u in result.unmatched])
        if existing is not None:  # its findings' clocks run from their first sighting
            starts = record_starts(result.records, clocks, lambda _: existing["id"])
            result.records = redated(result.records, starts, profile, day)
        scanned = scanned_findings(result, work.relative)
        warnings = list(result.warnings)
    inventory_id = new_id("inv")
    with writing(engine, lock=CENTER_LOCK, timeout=timeout) as conn:
        row = _find_asset(conn, organisation["id"], name)
        if row is None:
            asset_id = new_id("ast")
            conn.execute(
                assets.insert().values(
                    id=asset_id,
                    organisation_id=organisation["id"],
                    name=name,
                    kind=kind or KIND_OF_FORMAT.get(inventory.format, "application"),
                    exposure=settings.exposure,
                    asset_class=settings.asset_class,
                    safety_critical=settings.safety_critical,
                    created_at=now,
                )
            )
        else:
            asset_id = row["id"]
            conn.execute(
                assets.update()
                .where(assets.c.id == asset_id)
                .values(
                    kind=kind or row["kind"],
                    exposure=settings.exposure,
                    asset_class=settings.asset_class,
                    safety_critical=settings.safety_critical,
                )
            )
        version = 1 + (
            conn.execute(
                select(func.max(inventories.c.version)).where(inventories.c.asset_id == asset_id)
            ).scalar()
            or 0
        )
        conn.execute(
            inventories.insert().values(
                id=inventory_id,
                asset_id=asset_id,
                version=version,
                uploaded_at=now,
                uploaded_by=principal.actor,
                filename=filename,
                format=inventory.format,
                digest=hashlib.sha256(content).hexdigest(),
                size=len(content),
                content=content,
                components=components,
                skipped=skipped,
                unmatched=unmatched,
                files=listing,
            )
        )
        counts = store_findings(
            conn,
            organisation_id=organisation["id"],
            asset_id=asset_id,
            inventory_id=inventory_id,
            inventory_label=f"inventory {version} of {name} ({filename})",
            scanned=scanned,
            actor=principal.actor,
            now=now,
        )
        # new KEV findings are news for the organisation: queued with the upload (an outbox)
        notify_new_kev_findings(
            conn, organisation_id=organisation["id"], inventory_id=inventory_id, now=now
        )
        # and so is a published advisory that this inventory makes concern the organisation
        reached = reach_organisation(
            conn,
            organisation["id"],
            now=now,
            actor=f"inventory upload {inventory_id}",
            why="An upload listed an affected product: one more organization reached.",
        )
        stored = conn.execute(select(assets).where(assets.c.id == asset_id)).mappings().one()
    return {
        "id": inventory_id,
        "asset": asset_dict(stored),
        "version": version,
        "filename": filename,
        "format": inventory.format,
        "components": len(components),
        "files": described,
        "findings": counts,
        "unmatched": unmatched,
        "skipped": skipped,
        "warnings": warnings,
        "advisories": [
            {k: a[k] for k in ("advisory", "tracking_id", "title", "matched")}
            for a in reached["joined"]
        ],
        # a TLP:CLEAR advisory's only: the others are not the organisation's to hear of
        "advisories_undecided": [u for u in reached["undecided"] if u["tlp"] == "CLEAR"],
    }


def get_inventory(engine: Engine, principal: Principal, inventory_id: str) -> dict[str, Any]:
    """One stored inventory (without the file's bytes); NotFound when the caller may not see it."""
    query = (
        select(inventories, assets.c.name.label("asset_name"), assets.c.organisation_id)
        .join(assets, assets.c.id == inventories.c.asset_id)
        .where(inventories.c.id == inventory_id, granted(principal, assets.c.organisation_id))
    )
    with engine.connect() as conn:
        row = conn.execute(query).mappings().first()
    if row is None:
        raise NotFound(f"inventory {inventory_id!r}: not found")
    return {
        "id": row["id"],
        "organization": row["organisation_id"],
        "asset": {"id": row["asset_id"], "name": row["asset_name"]},
        "version": row["version"],
        "uploaded_at": row["uploaded_at"].isoformat(),
        "uploaded_by": row["uploaded_by"],
        "filename": row["filename"],
        "format": row["format"],
        "digest": row["digest"],
        "size": row["size"],
        "files": row["files"] or [{"name": row["filename"], "size": row["size"]}],
        "components": row["components"],
        "unmatched": row["unmatched"],
        "skipped": row["skipped"],
    }


def list_assets(
    engine: Engine, principal: Principal, *, organisation: str | None = None
) -> list[dict[str, Any]]:
    """The assets the caller may see, each with its latest inventory's version."""
    latest = (
        select(inventories.c.asset_id, func.max(inventories.c.version).label("latest"))
        .group_by(inventories.c.asset_id)
        .subquery()
    )
    with engine.connect() as conn:
        organisation_id = scope(conn, principal, organisation)
        query = (
            select(assets, latest.c.latest)
            .outerjoin(latest, latest.c.asset_id == assets.c.id)
            .where(granted(principal, assets.c.organisation_id))
            .order_by(assets.c.organisation_id, assets.c.name)
        )
        if organisation_id is not None:
            query = query.where(assets.c.organisation_id == organisation_id)
        rows = list(conn.execute(query).mappings())
    return [asset_dict(r) | {"latest_version": r["latest"]} for r in rows]
