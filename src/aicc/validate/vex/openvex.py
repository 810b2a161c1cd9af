"""OpenVEX read into VexStatements, v0.0.1 documents (string vulnerabilities, subcomponents
beside the products) included."""

from __future__ import annotations

from typing import Any

from aicc.core.vex import STATUSES, VexStatement
from aicc.validate.vex._common import (
    _SAME_JUSTIFICATION,
    Path_,
    _aliases,
    _json_location,
    _Reader,
    _unique,
)

_SAME_STATUS = {s: s for s in STATUSES}


def _openvex_vulnerability(r: _Reader, value: Any, path: Path_) -> tuple[str, tuple[str, ...]]:
    """The name and aliases of a ``vulnerability``: an object, or a string in v0.0.1 documents."""
    if isinstance(value, str) or value is None:
        return r.required(value, path, "vulnerability"), ()
    struct = r.obj(value, path)
    name = r.required(struct.get("name"), (*path, "name"), "vulnerability name")
    raw = r.items(struct.get("aliases"), (*path, "aliases"), optional=True)
    aliases = [r.required(a, (*path, "aliases", i), "alias") for i, a in enumerate(raw)]
    return name, _aliases(name, aliases)


def _openvex_component(r: _Reader, value: Any, path: Path_) -> list[str]:
    """The identifiers of a product or subcomponent: a string, or ``@id`` and ``identifiers``."""
    if isinstance(value, str):
        return [p for p in (r.product(value, path),) if p]
    struct = r.obj(value, path)
    found: list[str | None] = [r.product(struct.get("@id"), (*path, "@id"))]
    if struct.get("identifiers") is not None:
        identifiers = r.obj(struct["identifiers"], (*path, "identifiers"))
        found += [
            r.product(identifiers.get(key), (*path, "identifiers", key))
            for key in ("purl", "cpe23", "cpe22")
        ]
    return [f for f in found if f]


def _openvex_products(r: _Reader, statement: dict[str, Any], path: Path_) -> tuple[str, ...]:
    found: list[str] = []
    products = r.items(statement.get("products"), (*path, "products"), optional=True)
    for index, product in enumerate(products):
        where = (*path, "products", index)
        found += _openvex_component(r, product, where)
        if isinstance(product, dict):
            subs = r.items(product.get("subcomponents"), (*where, "subcomponents"), optional=True)
            for sub_index, sub in enumerate(subs):
                found += _openvex_component(r, sub, (*where, "subcomponents", sub_index))
    # v0.0.1 put subcomponents beside the products, as strings.
    subs = r.items(statement.get("subcomponents"), (*path, "subcomponents"), optional=True)
    for index, sub in enumerate(subs):
        found += _openvex_component(r, sub, (*path, "subcomponents", index))
    if not found:
        r.fail("names no product (a purl, CPE or @id)", (*path, "products"))
    return _unique(found)


def _openvex(r: _Reader, doc: dict[str, Any]) -> list[VexStatement]:
    author = r.text(doc.get("author"), ("author",))
    issued = r.time(doc.get("timestamp"), ("timestamp",))
    statements: list[VexStatement] = []
    for index, raw in enumerate(r.items(doc.get("statements"), ("statements",))):
        path: Path_ = ("statements", index)
        entry = r.obj(raw, path)
        name, aliases = _openvex_vulnerability(
            r, entry.get("vulnerability"), (*path, "vulnerability")
        )
        status = r.label(entry.get("status"), (*path, "status"), _SAME_STATUS, "status")
        if status is None:
            r.fail("missing status", (*path, "status"))
        moment = (
            r.time(entry.get("last_updated"), (*path, "last_updated"))
            or r.time(entry.get("timestamp"), (*path, "timestamp"))
            or issued
        )
        statements.append(
            VexStatement(
                vulnerability=name,
                aliases=aliases,
                products=_openvex_products(r, entry, path),
                status=status,
                source=r.source,
                location=_json_location(path),
                justification=r.label(
                    entry.get("justification"),
                    (*path, "justification"),
                    _SAME_JUSTIFICATION,
                    "justification",
                ),
                impact_statement=r.text(entry.get("impact_statement"), (*path, "impact_statement")),
                action_statement=r.text(entry.get("action_statement"), (*path, "action_statement")),
                timestamp=moment,
                author=author,
                format="openvex",
            )
        )
    return statements
