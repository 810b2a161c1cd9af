"""CSAF 2.0 VEX read into VexStatements: one per vulnerability, status and distinct
(justification, impact, action)."""

from __future__ import annotations

from typing import Any

from aicc.core.vex import VexStatement
from aicc.validate.vex._common import (
    _SAME_JUSTIFICATION,
    Path_,
    _aliases,
    _json_location,
    _Reader,
    _unique,
)

# CSAF 2.0 `product_status` (section 3.2.3.9) -> OpenVEX status. ``recommended`` names the
# product to use, which says nothing about it being affected, so it makes no statement.
CSAF_STATUSES = {
    "known_not_affected": "not_affected",
    "known_affected": "affected",
    "first_affected": "affected",
    "last_affected": "affected",
    "fixed": "fixed",
    "first_fixed": "fixed",
    "under_investigation": "under_investigation",
}
# CSAF 2.0 flag labels (section 3.2.3.5) are the five CISA justifications, spelled as OpenVEX
# spells them, so they are taken as they are (`_SAME_JUSTIFICATION`).


def _csaf_helper(r: _Reader, product: dict[str, Any], path: Path_) -> list[str]:
    """The purl(s) and CPE of a full product name's ``product_identification_helper``."""
    if product.get("product_identification_helper") is None:
        return []
    where = (*path, "product_identification_helper")
    helper = r.obj(product["product_identification_helper"], where)
    found = [
        r.product(helper.get("purl"), (*where, "purl")),
        r.product(helper.get("cpe"), (*where, "cpe")),
    ]
    # CSAF 2.1 lists several purls.
    purls = r.items(helper.get("purls"), (*where, "purls"), optional=True)
    found += [r.product(p, (*where, "purls", i)) for i, p in enumerate(purls)]
    return [f for f in found if f]


def _csaf_products(r: _Reader, tree: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    """product_id -> identifiers, from branches, full product names and relationships.

    A product without a purl or CPE keeps its product_id as its identifier. A relationship
    (``flask 2.2.2 default_component_of portal 4.1``) is known by its own helper, else by its
    component's identifiers: what an inventory lists is the component.
    """
    products: dict[str, tuple[str, ...]] = {}

    def add(raw: Any, path: Path_) -> None:
        product = r.obj(raw, path)
        pid = r.required(product.get("product_id"), (*path, "product_id"), "product_id")
        products[pid] = tuple(_csaf_helper(r, product, path)) or (pid,)

    stack: list[tuple[Any, Path_]] = [(tree.get("branches"), ("product_tree", "branches"))]
    while stack:
        value, path = stack.pop()
        for index, raw in enumerate(r.items(value, path, optional=True)):
            branch = r.obj(raw, (*path, index))
            if branch.get("product") is not None:
                add(branch["product"], (*path, index, "product"))
            stack.append((branch.get("branches"), (*path, index, "branches")))
    names = r.items(
        tree.get("full_product_names"), ("product_tree", "full_product_names"), optional=True
    )
    for index, raw in enumerate(names):
        add(raw, ("product_tree", "full_product_names", index))
    relationships = r.items(
        tree.get("relationships"), ("product_tree", "relationships"), optional=True
    )
    for index, raw in enumerate(relationships):
        path = ("product_tree", "relationships", index)
        relationship = r.obj(raw, path)
        name = r.obj(relationship.get("full_product_name"), (*path, "full_product_name"))
        pid = r.required(
            name.get("product_id"), (*path, "full_product_name", "product_id"), "product_id"
        )
        component = r.required(
            relationship.get("product_reference"), (*path, "product_reference"), "product_reference"
        )
        if component not in products:
            r.fail(
                f"names no product of the product tree: {component!r}", (*path, "product_reference")
            )
        products[pid] = (
            tuple(_csaf_helper(r, name, (*path, "full_product_name"))) or products[component]
        )
    return products


def _csaf_groups(r: _Reader, tree: dict[str, Any]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    raw_groups = r.items(
        tree.get("product_groups"), ("product_tree", "product_groups"), optional=True
    )
    for index, raw in enumerate(raw_groups):
        path = ("product_tree", "product_groups", index)
        group = r.obj(raw, path)
        gid = r.required(group.get("group_id"), (*path, "group_id"), "group_id")
        ids = r.items(group.get("product_ids"), (*path, "product_ids"))
        groups[gid] = [
            r.required(p, (*path, "product_ids", i), "product id") for i, p in enumerate(ids)
        ]
    return groups


class _CsafVulnerability:
    """One ``vulnerabilities`` entry: per product id its justification, impact and action."""

    def __init__(
        self, r: _Reader, entry: dict[str, Any], path: Path_, groups: dict[str, list[str]]
    ) -> None:
        self.r, self.path, self.groups = r, path, groups
        self.justification: dict[str, str] = {}
        self.impact: dict[str, list[str]] = {}
        self.action: dict[str, list[str]] = {}
        for i, raw in enumerate(r.items(entry.get("flags"), (*path, "flags"), optional=True)):
            flag = r.obj(raw, (*path, "flags", i))
            label = r.label(
                flag.get("label"), (*path, "flags", i, "label"), _SAME_JUSTIFICATION, "flag label"
            )
            for pid in self.targets(flag, (*path, "flags", i)):
                if label is not None:
                    self.justification[pid] = label
        for key, into in (("threats", self.impact), ("remediations", self.action)):
            for i, raw in enumerate(r.items(entry.get(key), (*path, key), optional=True)):
                item = r.obj(raw, (*path, key, i))
                category = r.text(item.get("category"), (*path, key, i, "category"))
                details = r.text(item.get("details"), (*path, key, i, "details"))
                if details is None or (key == "threats" and category != "impact"):
                    continue
                for pid in self.targets(item, (*path, key, i)):
                    into.setdefault(pid, []).append(details)

    def said(self, pid: str, status: str) -> tuple[str | None, str | None, str | None]:
        """(justification, impact statement, action statement) for ``pid`` in ``status``:
        the first two for not_affected products, the third for the others."""
        if status == "not_affected":
            return (self.justification.get(pid), "; ".join(self.impact.get(pid, [])) or None, None)
        return None, None, "; ".join(self.action.get(pid, [])) or None

    def targets(self, item: dict[str, Any], path: Path_) -> list[str]:
        """The product ids an item names, its groups' members included."""
        r = self.r
        found = [
            r.required(p, (*path, "product_ids", i), "product id")
            for i, p in enumerate(
                r.items(item.get("product_ids"), (*path, "product_ids"), optional=True)
            )
        ]
        gids = r.items(item.get("group_ids"), (*path, "group_ids"), optional=True)
        for i, raw in enumerate(gids):
            gid = r.required(raw, (*path, "group_ids", i), "group id")
            if gid not in self.groups:
                r.fail(
                    f"names no product group of the product tree: {gid!r}", (*path, "group_ids", i)
                )
            found += self.groups[gid]
        return found


def _csaf_name(r: _Reader, entry: dict[str, Any], path: Path_) -> tuple[str, tuple[str, ...]]:
    """The CVE (else the first of ``ids``) and every other id of a vulnerability."""
    cve = r.text(entry.get("cve"), (*path, "cve"))
    ids = r.items(entry.get("ids"), (*path, "ids"), optional=True)
    others = [
        r.required(r.obj(raw, (*path, "ids", i)).get("text"), (*path, "ids", i, "text"), "id text")
        for i, raw in enumerate(ids)
    ]
    name = cve or (others[0] if others else None)
    if name is None:
        r.fail("names no vulnerability: expected 'cve' or 'ids'", path)
    return name, _aliases(name, others)


def _csaf(r: _Reader, doc: dict[str, Any]) -> list[VexStatement]:
    document = r.obj(doc.get("document"), ("document",))
    tracking = r.obj(document.get("tracking"), ("document", "tracking"))
    issued = r.time(
        tracking.get("current_release_date"), ("document", "tracking", "current_release_date")
    )
    publisher = document.get("publisher")
    author = (
        r.text(publisher.get("name"), ("document", "publisher", "name"))
        if isinstance(publisher, dict)
        else None
    )
    tree = r.obj(doc.get("product_tree") or {}, ("product_tree",))
    products = _csaf_products(r, tree)
    groups = _csaf_groups(r, tree)
    statements: list[VexStatement] = []
    for index, raw in enumerate(r.items(doc.get("vulnerabilities"), ("vulnerabilities",))):
        path: Path_ = ("vulnerabilities", index)
        entry = r.obj(raw, path)
        name, aliases = _csaf_name(r, entry, path)
        facts = _CsafVulnerability(r, entry, path, groups)
        product_status = r.obj(entry.get("product_status") or {}, (*path, "product_status"))
        for key, status in CSAF_STATUSES.items():
            where = (*path, "product_status", key)
            # One statement per distinct (justification, impact, action) in this status.
            grouped: dict[tuple[str | None, str | None, str | None], list[str]] = {}
            for i, raw_pid in enumerate(r.items(product_status.get(key), where, optional=True)):
                pid = r.required(raw_pid, (*where, i), "product id")
                if pid not in products:
                    r.fail(f"names no product of the product tree: {pid!r}", (*where, i))
                grouped.setdefault(facts.said(pid, status), []).extend(products[pid])
            for (justification, impact, action), ids in grouped.items():
                statements.append(
                    VexStatement(
                        vulnerability=name,
                        aliases=aliases,
                        products=_unique(ids),
                        status=status,
                        source=r.source,
                        location=_json_location(where),
                        justification=justification,
                        impact_statement=impact,
                        action_statement=action,
                        timestamp=issued,
                        author=author,
                        format="csaf",
                    )
                )
    return statements
