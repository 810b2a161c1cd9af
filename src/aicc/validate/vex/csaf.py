"""CSAF 2.0 VEX read into VexStatements: one per vulnerability, status and distinct
(justification, impact, action). How CSAF's product statuses map onto OpenVEX's is in
`vocabulary`."""

from __future__ import annotations

from typing import Annotated, Any, Self

from pydantic import model_validator

from aicc.core.vex import VexStatement
from aicc.validate.vex._common import Path_, _aliases, _Source, _unique
from aicc.validate.vex._models import (
    EMPTY_IS_ABSENT,
    MISSING,
    OBJECT_OR_ABSENT,
    Product,
    Text,
    Timestamp,
    VexModel,
    one_of,
    problem,
    read_model,
    required,
)
from aicc.validate.vex.vocabulary import CSAF_STATUSES, OPENVEX_JUSTIFICATIONS

ProductId = Annotated[str, required("product id")]
GroupId = Annotated[str, required("group id")]


class CsafHelper(VexModel):
    """A full product name's ``product_identification_helper``: its purl(s) and CPE."""

    purl: Product = None
    cpe: Product = None
    purls: list[Product] | None = None  # CSAF 2.1 lists several purls

    def ids(self) -> tuple[str, ...]:
        return tuple(i for i in (self.purl, self.cpe, *(self.purls or ())) if i)


class CsafFullProductName(VexModel):
    product_id: Annotated[str, required("product_id")] = MISSING
    product_identification_helper: CsafHelper | None = None

    def ids(self) -> tuple[str, ...]:
        helper = self.product_identification_helper
        return helper.ids() if helper is not None else ()


class CsafBranch(VexModel):
    product: CsafFullProductName | None = None
    branches: list[CsafBranch] | None = None


class CsafRelationship(VexModel):
    """``flask 2.2.2 default_component_of portal 4.1``: a product made of another."""

    full_product_name: CsafFullProductName = MISSING
    product_reference: Annotated[str, required("product_reference")] = MISSING


class CsafProductGroup(VexModel):
    group_id: Annotated[str, required("group_id")] = MISSING
    product_ids: list[ProductId] = MISSING


class CsafProductTree(VexModel):
    branches: list[CsafBranch] | None = None
    full_product_names: list[CsafFullProductName] | None = None
    relationships: list[CsafRelationship] | None = None
    product_groups: list[CsafProductGroup] | None = None


class CsafFlag(VexModel):
    label: Annotated[str | None, one_of(OPENVEX_JUSTIFICATIONS, "flag label")] = None
    product_ids: list[ProductId] | None = None
    group_ids: list[GroupId] | None = None


class CsafRemark(VexModel):
    """A ``threats`` or ``remediations`` entry: what it says, about which products."""

    category: Text = None
    details: Text = None
    product_ids: list[ProductId] | None = None
    group_ids: list[GroupId] | None = None


class CsafId(VexModel):
    text: Annotated[str, required("id text")] = MISSING


class CsafProductStatus(VexModel):
    """The product ids in each status AICC reads (`CSAF_STATUSES`), in that order."""

    known_not_affected: list[ProductId] | None = None
    known_affected: list[ProductId] | None = None
    first_affected: list[ProductId] | None = None
    last_affected: list[ProductId] | None = None
    fixed: list[ProductId] | None = None
    first_fixed: list[ProductId] | None = None
    under_investigation: list[ProductId] | None = None


class CsafVulnerability(VexModel):
    cve: Text = None
    ids: list[CsafId] | None = None
    flags: list[CsafFlag] | None = None
    threats: list[CsafRemark] | None = None
    remediations: list[CsafRemark] | None = None
    product_status: Annotated[CsafProductStatus | None, EMPTY_IS_ABSENT] = None

    @model_validator(mode="after")
    def _is_named(self) -> Self:
        if self.cve is None and not self.ids:
            raise problem("names no vulnerability: expected 'cve' or 'ids'")
        return self

    def names(self) -> tuple[str, tuple[str, ...]]:
        """The CVE (else the first of ``ids``) and every other id."""
        others = [i.text for i in self.ids or ()]
        name = self.cve or others[0]
        return name, _aliases(name, others)


class CsafPublisher(VexModel):
    name: Text = None


class CsafTracking(VexModel):
    current_release_date: Timestamp = None


class CsafDocumentMetadata(VexModel):
    """The ``document`` object."""

    tracking: CsafTracking = MISSING
    publisher: Annotated[CsafPublisher | None, OBJECT_OR_ABSENT] = None


class CsafDocument(VexModel):
    document: CsafDocumentMetadata = MISSING
    product_tree: Annotated[CsafProductTree | None, EMPTY_IS_ABSENT] = None
    vulnerabilities: list[CsafVulnerability] = MISSING


def _csaf_products(source: _Source, tree: CsafProductTree) -> dict[str, tuple[str, ...]]:
    """product_id -> identifiers, from branches, full product names and relationships.

    A product without a purl or CPE keeps its product_id as its identifier. A relationship
    (``flask 2.2.2 default_component_of portal 4.1``) is known by its own helper, else by its
    component's identifiers: what an inventory lists is the component.
    """
    products: dict[str, tuple[str, ...]] = {}

    def add(product: CsafFullProductName) -> None:
        products[product.product_id] = product.ids() or (product.product_id,)

    stack: list[list[CsafBranch]] = [tree.branches or []]
    while stack:
        for branch in stack.pop():
            if branch.product is not None:
                add(branch.product)
            stack.append(branch.branches or [])
    for name in tree.full_product_names or []:
        add(name)
    for index, relationship in enumerate(tree.relationships or []):
        component = relationship.product_reference
        if component not in products:
            source.fail(
                f"names no product of the product tree: {component!r}",
                ("product_tree", "relationships", index, "product_reference"),
            )
        name = relationship.full_product_name
        products[name.product_id] = name.ids() or products[component]
    return products


class _CsafFacts:
    """What one ``vulnerabilities`` entry says per product id: its justification (flags), impact
    (threats of category ``impact``) and action (remediations)."""

    def __init__(
        self,
        source: _Source,
        entry: CsafVulnerability,
        path: Path_,
        groups: dict[str, list[str]],
    ) -> None:
        self.source, self.groups = source, groups
        self.justification: dict[str, str] = {}
        self.impact: dict[str, list[str]] = {}
        self.action: dict[str, list[str]] = {}
        for i, flag in enumerate(entry.flags or []):
            for pid in self.targets(flag, (*path, "flags", i)):
                if flag.label is not None:
                    self.justification[pid] = flag.label
        for key, remarks, into in (
            ("threats", entry.threats, self.impact),
            ("remediations", entry.remediations, self.action),
        ):
            for i, remark in enumerate(remarks or []):
                if remark.details is None or (key == "threats" and remark.category != "impact"):
                    continue
                for pid in self.targets(remark, (*path, key, i)):
                    into.setdefault(pid, []).append(remark.details)

    def said(self, pid: str, status: str) -> tuple[str | None, str | None, str | None]:
        """(justification, impact statement, action statement) for ``pid`` in ``status``:
        the first two for not_affected products, the third for the others."""
        if status == "not_affected":
            return (self.justification.get(pid), "; ".join(self.impact.get(pid, [])) or None, None)
        return None, None, "; ".join(self.action.get(pid, [])) or None

    def targets(self, item: CsafFlag | CsafRemark, path: Path_) -> list[str]:
        """The product ids an item names, its groups' members included."""
        found = list(item.product_ids or [])
        for i, gid in enumerate(item.group_ids or []):
            if gid not in self.groups:
                self.source.fail(
                    f"names no product group of the product tree: {gid!r}", (*path, "group_ids", i)
                )
            found += self.groups[gid]
        return found


def _csaf(source: _Source, doc: dict[str, Any]) -> list[VexStatement]:
    csaf = read_model(CsafDocument, doc, source)
    issued = csaf.document.tracking.current_release_date
    publisher = csaf.document.publisher
    author = publisher.name if publisher is not None else None
    tree = csaf.product_tree or CsafProductTree()
    products = _csaf_products(source, tree)
    groups = {group.group_id: list(group.product_ids) for group in tree.product_groups or []}
    statements: list[VexStatement] = []
    for index, entry in enumerate(csaf.vulnerabilities):
        path: Path_ = ("vulnerabilities", index)
        name, aliases = entry.names()
        facts = _CsafFacts(source, entry, path, groups)
        product_status = entry.product_status or CsafProductStatus()
        for key, status in CSAF_STATUSES.items():
            where = (*path, "product_status", key)
            # One statement per distinct (justification, impact, action) in this status.
            grouped: dict[tuple[str | None, str | None, str | None], list[str]] = {}
            pids: list[str] = getattr(product_status, key) or []
            for i, pid in enumerate(pids):
                if pid not in products:
                    source.fail(f"names no product of the product tree: {pid!r}", (*where, i))
                grouped.setdefault(facts.said(pid, status), []).extend(products[pid])
            for (justification, impact, action), ids in grouped.items():
                statements.append(
                    VexStatement(
                        vulnerability=name,
                        aliases=aliases,
                        products=_unique(ids),
                        status=status,
                        source=source.name,
                        location=source.location(where),
                        justification=justification,
                        impact_statement=impact,
                        action_statement=action,
                        timestamp=issued,
                        author=author,
                        format="csaf",
                    )
                )
    return statements
