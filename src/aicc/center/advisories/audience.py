"""Who an advisory concerns: the organisations whose stored inventories list an affected product.

The advisory is read as the knowledge base reads any vendor's CSAF document
(`aicc.feeds.csaf.parse_document`: per product, CVE JSON 5 ``versions`` entries), and each
component of the latest inventory of every asset is asked the question the appliance matcher
asks of those rows (`aicc.versions.CveProduct`): packages by their purl (type, namespace and
name), appliances and installed software by vendor and product as the knowledge base reduces
them (`product_key`), or their CPE's. A version that cannot be placed in a range is reported,
never guessed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from packageurl import PackageURL
from sqlalchemy import Connection, func, select

from aicc.core.cpe import split_cpe, unescape
from aicc.core.packages import product_key
from aicc.feeds.csaf import parse_document
from aicc.store.center_tables import assets, inventories
from aicc.versions import CveProduct, InvalidVersion

PURL_KEY = tuple[str, str, str]


def _purl_key(text: Any) -> PURL_KEY | None:
    if not isinstance(text, str):
        return None
    try:
        purl = PackageURL.from_string(text)
    except ValueError:
        return None
    name = purl.name.lower()
    if purl.type == "pypi":  # PEP 503: "Django_Rest" and "django-rest" are one project
        name = name.replace("_", "-").replace(".", "-")
    return purl.type.lower(), (purl.namespace or "").lower(), name


def _cpe_key(text: Any) -> tuple[str, str] | None:
    if not isinstance(text, str):
        return None
    try:
        parts = split_cpe(text)
    except ValueError:
        return None
    return product_key(unescape(parts.get("vendor", ""))), product_key(
        unescape(parts.get("product", ""))
    )


@dataclass
class AffectedProduct:
    """One product of the advisory, as the knowledge base reads it."""

    vulnerabilities: list[str]
    vendor: str
    product: str
    keys: set[tuple[str, str]]
    purls: set[PURL_KEY]
    ranges: CveProduct


@dataclass
class Audience:
    """organisation id → what of theirs matched; and what could not be decided."""

    matched: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    undecided: list[dict[str, Any]] = field(default_factory=list)
    components: int = 0


def affected_products(document: dict[str, Any]) -> list[AffectedProduct]:
    """The advisory's products with their ranges, per vendor and product."""
    rows = parse_document(document, "").children["csaf_affected"]
    grouped: dict[tuple[str, str], AffectedProduct] = {}
    for row in rows:
        key = (row["vendor_key"], row["product_key"])
        found = grouped.get(key)
        if found is None:
            keys = {key} | {k for k in map(_cpe_key, row["cpes"] or []) if k}
            purls = {p for p in map(_purl_key, row["purls"] or []) if p}
            grouped[key] = AffectedProduct(
                [row["vuln_id"]],
                row["vendor"],
                row["product"],
                keys,
                purls,
                CveProduct(row["versions"] or [], None, row["product"], row["vendor"]),
            )
        elif row["vuln_id"] not in found.vulnerabilities:
            found.vulnerabilities.append(row["vuln_id"])
    return list(grouped.values())


def _component_keys(component: dict[str, Any]) -> tuple[set[tuple[str, str]], PURL_KEY | None]:
    keys = set()
    vendor, product = component.get("vendor"), component.get("product") or component.get("name")
    if isinstance(vendor, str) and isinstance(product, str):
        keys.add((product_key(vendor), product_key(product)))
    cpe = _cpe_key(component.get("cpe"))
    if cpe:
        keys.add(cpe)
    return keys, _purl_key(component.get("purl"))


def _version(component: dict[str, Any]) -> str | None:
    version = component.get("version")
    if isinstance(version, str) and version.strip():
        return version.strip()
    cpe = component.get("cpe")
    if isinstance(cpe, str):
        try:
            found = split_cpe(cpe).get("version")
        except ValueError:
            return None
        if found not in (None, "", "*", "-"):
            return unescape(found)
    return None


def latest_components(conn: Connection, organisation_id: str | None = None) -> list[dict[str, Any]]:
    """The latest inventory of every asset (of one organisation's, given its id): organisation,
    asset name, components."""
    latest = (
        select(inventories.c.asset_id, func.max(inventories.c.version).label("version"))
        .group_by(inventories.c.asset_id)
        .subquery()
    )
    query = (
        select(assets.c.organisation_id, assets.c.name, inventories.c.components)
        .join(latest, latest.c.asset_id == assets.c.id)
        .join(
            inventories,
            (inventories.c.asset_id == latest.c.asset_id)
            & (inventories.c.version == latest.c.version),
        )
    )
    if organisation_id is not None:
        query = query.where(assets.c.organisation_id == organisation_id)
    return [dict(row) for row in conn.execute(query).mappings()]


def compute_audience(
    conn: Connection, document: dict[str, Any], *, organisation_id: str | None = None
) -> Audience:
    """Every organisation with a component the advisory lists as affected (only the one
    ``organisation_id`` names, when given: after its upload)."""
    products = affected_products(document)
    by_key: dict[tuple[str, str], list[AffectedProduct]] = defaultdict(list)
    by_purl: dict[PURL_KEY, list[AffectedProduct]] = defaultdict(list)
    for product in products:
        for key in product.keys:
            by_key[key].append(product)
        for named in product.purls:
            by_purl[named].append(product)
    audience = Audience()
    for row in latest_components(conn, organisation_id):
        for component in row["components"] or []:
            audience.components += 1
            keys, purl = _component_keys(component)
            candidates = {id(p): p for key in keys for p in by_key.get(key, ())}
            if purl is not None:
                candidates.update((id(p), p) for p in by_purl.get(purl, ()))
            for product in candidates.values():
                _decide(audience, row, component, product)
    return audience


def _decide(
    audience: Audience, row: dict[str, Any], component: dict[str, Any], product: AffectedProduct
) -> None:
    version = _version(component)
    said = {
        "asset": row["name"],
        "component": component.get("name"),
        "version": version,
        "product": f"{product.vendor} {product.product}",
    }
    if version is None:
        verdict = None
        reason = "the inventory gives no version"
    else:
        try:
            verdict = product.ranges.status(version)
        except InvalidVersion as exc:
            verdict, reason = None, str(exc)
        else:
            unreadable = product.ranges.unreadable(version)
            if verdict is None and not unreadable:
                return  # in none of the advisory's ranges: not a version it speaks of
            reason = f"cannot place {version} in {', '.join(unreadable)}"
    if verdict is None:
        audience.undecided.append(
            {**said, "organisation": row["organisation_id"], "reason": reason}
        )
    elif verdict:
        found = audience.matched.setdefault(row["organisation_id"], [])
        entry = {**said, "vulnerabilities": product.vulnerabilities}
        if entry not in found:
            found.append(entry)
