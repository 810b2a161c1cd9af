"""VEX out: statements written as an OpenVEX 0.2.0 or a CycloneDX 1.6 VEX document.

Both writers are deterministic: statements, products and aliases are sorted, and the document's
id is derived from its content, so the same statements always give the same bytes.
`aicc.validate.vex.read_vex` reads either document back into the same statements.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any
from urllib.parse import unquote

import orjson
from packageurl import PackageURL

from aicc import __version__
from aicc.core.cpe import split_cpe
from aicc.core.vex import JUSTIFICATIONS, STATUSES, VexStatement

__all__ = ["OPENVEX_CONTEXT", "cyclonedx_vex_document", "openvex_document"]

OPENVEX_CONTEXT = "https://openvex.dev/ns/v0.2.0"

# OpenVEX status -> CycloneDX `analysis.state`: the state `aicc.validate.vex.CYCLONEDX_STATES`
# reads back as the same status (not_affected rather than false_positive, resolved rather than
# resolved_with_pedigree, since a statement records no pedigree).
_CYCLONEDX_STATES = {
    "not_affected": "not_affected",
    "affected": "exploitable",
    "fixed": "resolved",
    "under_investigation": "in_triage",
}
# OpenVEX justification -> CycloneDX `analysis.justification`: for each CISA label, the
# CycloneDX label that `aicc.validate.vex.CYCLONEDX_JUSTIFICATIONS` maps back onto it, so a
# statement survives the round trip (tests/report/test_vex_out.py holds the two tables to that).
_CYCLONEDX_JUSTIFICATIONS = {
    "component_not_present": "requires_dependency",
    "vulnerable_code_not_present": "code_not_present",
    "vulnerable_code_not_in_execute_path": "code_not_reachable",
    "vulnerable_code_cannot_be_controlled_by_adversary": "requires_environment",
    "inline_mitigations_already_exist": "protected_by_mitigating_control",
}
_CPE_TYPES = {"a": "application", "o": "operating-system", "h": "device"}
# An IRI (RFC 3987) in outline: a scheme, a colon, then no white space.
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S+")


def _rfc3339(moment: datetime) -> str:
    """A naive-UTC or aware datetime as RFC 3339 in UTC with ``Z``."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.isoformat(timespec="microseconds" if moment.microsecond else "seconds") + "Z"


def _key(s: VexStatement) -> tuple[str, ...]:
    """What a document says of a statement, as a sort key."""
    return (
        s.vulnerability,
        "\0".join(sorted(set(s.products))),
        s.status,
        _rfc3339(s.timestamp) if s.timestamp else "",
        s.justification or "",
        s.impact_statement or "",
        s.action_statement or "",
        "\0".join(_aliases(s)),
    )


def _sorted(statements: Iterable[VexStatement]) -> list[VexStatement]:
    """The statements in a stable order, each once, each checked against the VEX vocabulary."""
    found = list({_key(s): s for s in sorted(statements, key=_key)}.values())
    for statement in found:
        if statement.status not in STATUSES:
            raise ValueError(f"{statement.vulnerability}: unknown status {statement.status!r}")
        if statement.justification is not None and statement.justification not in JUSTIFICATIONS:
            raise ValueError(
                f"{statement.vulnerability}: unknown justification {statement.justification!r}"
            )
        if not statement.products:
            raise ValueError(f"{statement.vulnerability}: a statement needs a product")
    return found


def _aliases(statement: VexStatement) -> list[str]:
    return sorted(set(statement.aliases) - {statement.vulnerability})


def _digest(document: dict[str, Any]) -> str:
    return hashlib.sha256(orjson.dumps(document, option=orjson.OPT_SORT_KEYS)).hexdigest()


# --- OpenVEX --------------------------------------------------------------------------------


def _openvex_product(product: str) -> dict[str, Any]:
    """A purl or other IRI as ``@id``; a CPE under ``identifiers`` (it is no IRI to link)."""
    if product.startswith("cpe:2.3:"):
        return {"identifiers": {"cpe23": product}}
    if product.startswith("cpe:/"):
        return {"identifiers": {"cpe22": product}}
    if not _IRI.fullmatch(product):
        # A bare bom-ref ("portal-flask") only means something inside its own SBOM.
        raise ValueError(f"OpenVEX names a product by an IRI, a purl or a CPE, not {product!r}")
    return {"@id": product}


def _openvex_statement(statement: VexStatement, issued: datetime) -> dict[str, Any]:
    if statement.status == "not_affected" and not (
        statement.justification or statement.impact_statement
    ):
        # OpenVEX (and CISA's minimum requirements): not_affected MUST say why.
        raise ValueError(
            f"{statement.vulnerability}: a not_affected statement needs a "
            "justification or an impact statement"
        )
    if statement.status == "affected" and not statement.action_statement:
        raise ValueError(
            f"{statement.vulnerability}: an affected statement needs an action statement"
        )
    vulnerability: dict[str, Any] = {"name": statement.vulnerability}
    if aliases := _aliases(statement):
        vulnerability["aliases"] = aliases
    entry: dict[str, Any] = {
        "vulnerability": vulnerability,
        "timestamp": _rfc3339(statement.timestamp or issued),
        "products": [_openvex_product(p) for p in sorted(set(statement.products))],
        "status": statement.status,
    }
    for key in ("justification", "impact_statement", "action_statement"):
        if value := getattr(statement, key):
            entry[key] = value
    return entry


def openvex_document(
    statements: Sequence[VexStatement],
    *,
    author: str,
    timestamp: datetime,
    doc_id: str | None = None,
) -> dict[str, Any]:
    """An OpenVEX 0.2.0 document of ``statements``, issued by ``author`` at ``timestamp``.

    ``doc_id`` defaults to an IRI in OpenVEX's public namespace derived from the content.
    Raises ValueError for a statement VEX does not allow (unknown status or justification, no
    product, not_affected without a reason, affected without an action statement).
    """
    document: dict[str, Any] = {
        "@context": OPENVEX_CONTEXT,
        "author": author,
        "timestamp": _rfc3339(timestamp),
        "version": 1,
        "tooling": f"aicc {__version__}",
        "statements": [_openvex_statement(s, timestamp) for s in _sorted(statements)],
    }
    document["@id"] = doc_id or f"https://openvex.dev/docs/public/vex-{_digest(document)}"
    return document


# --- CycloneDX ------------------------------------------------------------------------------


def _source(vuln_id: str) -> dict[str, str]:
    """Where an id is published: NVD for CVEs, GitHub for GHSAs, OSV for the rest."""
    if vuln_id.startswith("CVE-"):
        return {"name": "NVD", "url": f"https://nvd.nist.gov/vuln/detail/{vuln_id}"}
    if vuln_id.startswith("GHSA-"):
        return {"name": "GitHub", "url": f"https://github.com/advisories/{vuln_id}"}
    return {"name": "OSV", "url": f"https://osv.dev/vulnerability/{vuln_id}"}


def _cyclonedx_component(product: str) -> dict[str, Any]:
    """A component whose bom-ref is the product, carrying it as its purl or CPE."""
    if product.startswith("pkg:"):
        purl = PackageURL.from_string(product)
        entry: dict[str, Any] = {"type": "library", "bom-ref": product, "name": purl.name}
        if purl.namespace:
            entry["group"] = purl.namespace
        if purl.version:
            entry["version"] = purl.version
        entry["purl"] = product
        return entry
    if product.startswith(("cpe:2.3:", "cpe:/")):
        if product.startswith("cpe:/"):  # a CPE 2.2 URI: cpe:/part:vendor:product:version...
            part, _, name, version, *_ = [unquote(f) for f in product[5:].split(":")] + [""] * 4
        else:
            fields = split_cpe(product)
            part, name, version = (
                fields[k].replace("\\", "") for k in ("part", "product", "version")
            )
        entry = {
            "type": _CPE_TYPES.get(part, "application"),
            "bom-ref": product,
            "name": name or product,
        }
        if version not in {"", "*", "-"}:
            entry["version"] = version
        entry["cpe"] = product
        return entry
    return {"type": "library", "bom-ref": product, "name": product}


def _cyclonedx_vulnerability(statement: VexStatement) -> dict[str, Any]:
    """One ``vulnerabilities`` entry. ``analysis.detail`` says why a product is not affected
    (the impact statement) or, for the other states, what to do (the action statement); a
    not_affected statement's action statement goes to ``recommendation``."""
    analysis: dict[str, Any] = {"state": _CYCLONEDX_STATES[statement.status]}
    if statement.justification:
        analysis["justification"] = _CYCLONEDX_JUSTIFICATIONS[statement.justification]
    not_affected = statement.status == "not_affected"
    detail = statement.impact_statement if not_affected else statement.action_statement
    if detail:
        analysis["detail"] = detail
    if statement.timestamp:
        analysis["lastUpdated"] = _rfc3339(statement.timestamp)
    entry: dict[str, Any] = {
        "id": statement.vulnerability,
        "source": _source(statement.vulnerability),
    }
    if aliases := _aliases(statement):
        entry["references"] = [{"id": a, "source": _source(a)} for a in aliases]
    if not_affected and statement.action_statement:
        entry["recommendation"] = statement.action_statement
    entry["analysis"] = analysis
    entry["affects"] = [{"ref": p} for p in sorted(set(statement.products))]
    return entry


def cyclonedx_vex_document(
    statements: Sequence[VexStatement], *, author: str, timestamp: datetime
) -> dict[str, Any]:
    """A CycloneDX 1.6 VEX BOM of ``statements``: a component per product (its bom-ref the
    product itself) and a vulnerability per statement, issued by ``author`` at ``timestamp``.

    The serial number is derived from the content. Raises ValueError for a statement with an
    unknown status or justification, or without a product.
    """
    ordered = _sorted(statements)
    products = sorted({p for s in ordered for p in s.products})
    document: dict[str, Any] = {
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "version": 1,
        "metadata": {
            "timestamp": _rfc3339(timestamp),
            "tools": {
                "components": [{"type": "application", "name": "aicc", "version": __version__}]
            },
            "authors": [{"name": author}],
        },
        "components": [_cyclonedx_component(p) for p in products],
        "vulnerabilities": [_cyclonedx_vulnerability(s) for s in ordered],
    }
    serial = uuid.uuid5(uuid.NAMESPACE_URL, f"aicc:vex:{_digest(document)}")
    return {
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "serialNumber": f"urn:uuid:{serial}",
        **document,
    }
