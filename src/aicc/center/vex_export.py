"""An organisation's analysis as a VEX document: CycloneDX 1.6 (or 1.5) VEX or OpenVEX 0.2.0.

One statement per finding in the latest inventories: the product is the asset
(``urn:aicc:asset:<id>``), and the component that carries the vulnerability is named in it by its
purl, else its CPE, else a name inside the asset's IRI. The finding's analysis state becomes the
format's status:

=================  ====================  ===================
AICC state         CycloneDX state       OpenVEX status
=================  ====================  ===================
``in_triage``      ``in_triage``         under_investigation
``exploitable``    ``exploitable``       affected
``not_affected``   ``not_affected``      not_affected
``false_positive`` ``false_positive``    not_affected
``resolved``       ``resolved``          fixed
=================  ====================  ===================

The analyst's reason for the state (the latest event of the audit trail that set it) is the
``detail`` (CycloneDX) or the impact, action or status notes (OpenVEX); a not_affected
justification is CISA's label in OpenVEX and the CycloneDX label AICC reads back as it
(`aicc.report.vex`). ``aicc.validate.vex.read_vex`` reads either document back with the same
statuses. Suppression is not a VEX status: a suppressed finding is stated as its state says.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, select

from aicc import __version__
from aicc.center.access import Principal, scope
from aicc.center.errors import Conflict, InvalidInput
from aicc.center.organisations import organisation_row
from aicc.core.times import utcnow
from aicc.report.vex import _CYCLONEDX_JUSTIFICATIONS, OPENVEX_CONTEXT, _rfc3339, _source
from aicc.store.center_tables import assets, finding_events, findings

FORMATS = ("cyclonedx", "openvex")
CYCLONEDX_VERSIONS = ("1.5", "1.6")  # both have analysis.firstIssued and lastUpdated
OPENVEX_STATUS = {
    "in_triage": "under_investigation",
    "exploitable": "affected",
    "not_affected": "not_affected",
    "false_positive": "not_affected",
    "resolved": "fixed",
}
_ASSET_TYPES = {"application": "application", "host": "device", "appliance": "device"}


def _analysed(engine: Engine, principal: Principal, organisation: str | None) -> dict[str, Any]:
    """The organisation and its present findings, each with the event that set its state."""
    with engine.connect() as conn:
        organisation_id = scope(conn, principal, organisation)
        if organisation_id is None:
            raise InvalidInput("organization: a center token names the organization")
        found = organisation_row(conn, id_or_name=organisation_id)
        rows = list(
            conn.execute(
                select(findings, assets.c.name.label("asset_name"), assets.c.kind)
                .join(assets, assets.c.id == findings.c.asset_id)
                .where(findings.c.organisation_id == organisation_id, findings.c.present)
                .order_by(assets.c.name, findings.c.vulnerability_id, findings.c.id)
            ).mappings()
        )
        events = conn.execute(
            select(finding_events)
            .join(findings, findings.c.id == finding_events.c.finding_id)
            .where(findings.c.organisation_id == organisation_id, findings.c.present)
            .order_by(finding_events.c.at, finding_events.c.id)
        ).mappings()
        setting: dict[str, Any] = {}  # finding id -> the latest event that set its state
        for event in events:
            if event["from_state"] != event["to_state"]:
                setting[event["finding_id"]] = event
    return {
        "organisation": found,
        "findings": [dict(row) | {"set_by": setting.get(row["id"])} for row in rows],
    }


def _asset_ref(row: dict[str, Any]) -> str:
    return f"urn:aicc:asset:{row['asset_id']}"


def _component_ref(row: dict[str, Any]) -> str:
    """The component's identifier: its purl, else its CPE, else its name in the asset's IRI."""
    component = row["record"].get("component") or {}
    if component.get("purl") or component.get("cpe"):
        return str(component.get("purl") or component["cpe"])
    name = quote(str(component.get("name") or "unnamed"), safe="")
    version = quote(str(component.get("version") or ""), safe="")
    return f"{_asset_ref(row)}#{name}@{version}"


def _detail(row: dict[str, Any]) -> str:
    event = row["set_by"]
    return str(event["reason"]) if event is not None else "state set when first seen"


def _updated(row: dict[str, Any]) -> datetime:
    event = row["set_by"]
    return event["at"] if event is not None else row["first_seen"]  # type: ignore[no-any-return]


def organisation_vex(
    engine: Engine,
    principal: Principal,
    organisation: str | None,
    *,
    format: str = "cyclonedx",
    cyclonedx_version: str = "1.6",
    now: datetime | None = None,
) -> dict[str, Any]:
    """The VEX document of an organisation's analysis (see the module's docstring), in
    ``format`` (cyclonedx, as CycloneDX ``cyclonedx_version`` 1.5 or 1.6, or openvex).
    NotFound for an organisation the caller may not see; InvalidInput for another format or
    version, or a center token naming no organisation; Conflict for an OpenVEX document of an
    organisation without findings (OpenVEX needs one statement at least)."""
    if format not in FORMATS:
        raise InvalidInput(f"format: {format!r} is not one of {', '.join(FORMATS)}")
    if cyclonedx_version not in CYCLONEDX_VERSIONS:
        raise InvalidInput(
            f"spec: CycloneDX {cyclonedx_version!r} is not one of {', '.join(CYCLONEDX_VERSIONS)}"
        )
    analysed = _analysed(engine, principal, organisation)
    issued = now or utcnow()
    if format == "openvex":
        if not analysed["findings"]:
            name = analysed["organisation"]["name"]
            raise Conflict(
                f"organization {name!r}: no finding in its latest inventories to state, and "
                "an OpenVEX document needs one statement at least (CycloneDX can be empty)"
            )
        return _openvex(analysed, issued)
    return _cyclonedx(analysed, issued, cyclonedx_version)


def _cyclonedx_component(row: dict[str, Any]) -> dict[str, Any]:
    component = row["record"].get("component") or {}
    entry: dict[str, Any] = {
        "type": "library" if component.get("ecosystem") else "device",
        "bom-ref": f"{_asset_ref(row)}#{_component_ref(row)}",
        "name": str(component.get("name") or component.get("product") or "unnamed"),
    }
    if component.get("version"):
        entry["version"] = str(component["version"])
    if component.get("vendor"):
        entry["supplier"] = {"name": str(component["vendor"])}
    for key in ("purl", "cpe"):
        if component.get(key):
            entry[key] = str(component[key])
    return entry


def _cyclonedx_analysis(row: dict[str, Any]) -> dict[str, Any]:
    analysis: dict[str, Any] = {"state": row["state"]}
    if row["justification"]:
        analysis["justification"] = _CYCLONEDX_JUSTIFICATIONS[row["justification"]]
    if row["state"] in ("exploitable", "resolved") and row["record"].get("fixed_versions"):
        analysis["response"] = ["update"]
    analysis["detail"] = _detail(row)
    analysis["firstIssued"] = _rfc3339(row["first_seen"])
    analysis["lastUpdated"] = _rfc3339(_updated(row))
    return analysis


def _cyclonedx(analysed: dict[str, Any], issued: datetime, version: str) -> dict[str, Any]:
    organisation = analysed["organisation"]
    assets_out: dict[str, dict[str, Any]] = {}
    vulnerabilities: list[dict[str, Any]] = []
    for row in analysed["findings"]:
        asset = assets_out.setdefault(
            row["asset_id"],
            {
                "type": _ASSET_TYPES.get(row["kind"], "application"),
                "bom-ref": _asset_ref(row),
                "name": row["asset_name"],
                "components": [],
            },
        )
        component = _cyclonedx_component(row)
        if component["bom-ref"] not in {c["bom-ref"] for c in asset["components"]}:
            asset["components"].append(component)
        entry: dict[str, Any] = {
            "bom-ref": f"urn:aicc:finding:{row['id']}",
            "id": row["vulnerability_id"],
            "source": _source(row["vulnerability_id"]),
        }
        aliases = sorted(set(row["aliases"]) - {row["vulnerability_id"]})
        if aliases:
            entry["references"] = [{"id": a, "source": _source(a)} for a in aliases]
        entry["analysis"] = _cyclonedx_analysis(row)
        entry["affects"] = [{"ref": component["bom-ref"]}]
        vulnerabilities.append(entry)
    return {
        "bomFormat": "CycloneDX",
        "specVersion": version,
        "serialNumber": f"urn:uuid:{uuid.uuid4()}",
        "version": 1,
        "metadata": {
            "timestamp": _rfc3339(issued),
            "tools": {
                "components": [{"type": "application", "name": "aicc", "version": __version__}]
            },
            "authors": [{"name": "AICC coordination center"}],
            "properties": [
                {"name": "aicc:organization", "value": organisation["name"]},
                {"name": "aicc:organization-id", "value": organisation["id"]},
            ],
        },
        "components": list(assets_out.values()),
        "vulnerabilities": vulnerabilities,
    }


def _openvex_subcomponent(row: dict[str, Any]) -> dict[str, Any]:
    ref = _component_ref(row)
    if ref.startswith("cpe:2.3:"):
        return {"identifiers": {"cpe23": ref}}
    if ref.startswith("cpe:/"):
        return {"identifiers": {"cpe22": ref}}
    return {"@id": ref}


def _openvex_statement(row: dict[str, Any]) -> dict[str, Any]:
    state = row["state"]
    name = row["vulnerability_id"]
    vulnerability: dict[str, Any] = {"name": name}
    aliases = sorted(set(row["aliases"]) - {name})
    if aliases:
        vulnerability["aliases"] = aliases
    statement: dict[str, Any] = {
        "vulnerability": vulnerability,
        "timestamp": _rfc3339(_updated(row)),
        "products": [{"@id": _asset_ref(row), "subcomponents": [_openvex_subcomponent(row)]}],
        "status": OPENVEX_STATUS[state],
    }
    detail = _detail(row)
    if state == "not_affected":
        statement["justification"] = row["justification"]
        statement["impact_statement"] = detail
    elif state == "false_positive":
        statement["impact_statement"] = f"False positive: {detail}"
    elif state == "exploitable":
        fixed = row["record"].get("fixed_versions") or []
        upgrade = f"Update to {' or '.join(fixed)}. " if fixed else ""
        statement["action_statement"] = f"{upgrade}{detail}"
    else:
        statement["status_notes"] = detail
    return statement


def _openvex(analysed: dict[str, Any], issued: datetime) -> dict[str, Any]:
    organisation = analysed["organisation"]
    return {
        "@context": OPENVEX_CONTEXT,
        "@id": f"urn:uuid:{uuid.uuid4()}",
        "author": f"AICC coordination center, for {organisation['name']}",
        "timestamp": _rfc3339(issued),
        "version": 1,
        "tooling": f"aicc {__version__}",
        "statements": [_openvex_statement(row) for row in analysed["findings"]],
    }
