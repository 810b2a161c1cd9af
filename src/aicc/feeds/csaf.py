"""Vendors' CSAF 2.0 security advisories (and VEX documents): files, folders or zips.

Each document is one record: the ``csaf_documents`` row (publisher, tracking id, release date,
title, the document as published) and, per vulnerability and per product the product tree
names by vendor and product, one ``csaf_affected`` row shaped like a CVE JSON 5 ``affected``
entry (``versions`` with ``version``/``lessThan``/``lessThanOrEqual``/``status``), so that the
appliance matcher reads both alike. How the product tree and the product statuses become
those entries is `product_tree` and `_entries`; the OASIS CSAF 2.0 specification, sections
3.1.2 (branches), 3.2.2 (product tree) and 3.2.3 (vulnerabilities), is what they follow.
``known_not_affected`` and ``fixed`` versions are read before the affected ranges (a version
the vendor clears inside a range is not a finding); ``last_affected`` X reads as "affected up to
X, a later release fixes it". Every remediation with details is kept with its category
(vendor_fix, mitigation, workaround, ...): the finding carries them, and a device with no fixed
release gets them in its plan (`remediation_texts`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import orjson

from aicc.core.cpe import split_cpe, unescape
from aicc.core.errors import FeedError
from aicc.core.packages import product_key
from aicc.core.problems import Problem
from aicc.core.times import parse_time
from aicc.feeds import jsonpath as jp
from aicc.feeds.files import members
from aicc.feeds.records import Item, LoadedFeed, Record, RecordError, Unchanged, digest

SOURCE = "csaf"

# product_status keys -> the CVE JSON 5 status of the products they list. under_investigation
# and recommended say nothing about whether a version is affected, so they are not read.
AFFECTED = ("known_affected", "first_affected", "last_affected")
UNAFFECTED = ("known_not_affected", "fixed", "first_fixed")
FIXED = ("fixed", "first_fixed")

# vers (https://github.com/package-url/purl-spec/blob/main/VERSION-RANGE-SPEC.rst) schemes whose
# order the CVE reader knows by name; the others (intdot, generic, a vendor's) use its vendor
# order, which reads dotted numbers, letters and Siemens' "V" prefix.
_VERS_TYPES = {"semver": "semver", "npm": "semver", "pypi": "python", "maven": "maven"}
_COMPARATOR = re.compile(r"^\s*(<=|>=|<|>|=|!=)?\s*(.*?)\s*$")
# Legacy (vls) ranges as vendors wrote them before vers: "<V2.9.2", "<= R15A", "All versions".
_LEGACY = re.compile(r"^\s*(?:all\s+versions\s*)?(<=|<|>=)\s*(\S.*?)\s*$", re.IGNORECASE)
_ALL = re.compile(r"^\s*(?:vers:all/\*|all(?:\s+versions)?|\*)\s*$", re.IGNORECASE)
_MAX_DEPTH = 64  # branches nest vendor/family/name/version/...: far fewer levels than this


@dataclass(frozen=True, slots=True)
class CsafProduct:
    """One product of the tree with what its branches and helper say about it."""

    product_id: str
    name: str | None = None
    vendor: str | None = None
    product: str | None = None
    version: str | None = None  # a single version (``product_version``)
    version_range: str | None = None  # ``product_version_range``: vers or a legacy text
    cpes: tuple[str, ...] = ()
    purls: tuple[str, ...] = ()


@dataclass
class ProductTree:
    """product_id -> product, and group_id -> product ids."""

    products: dict[str, CsafProduct] = field(default_factory=dict)
    groups: dict[str, list[str]] = field(default_factory=dict)


def _helper(product: dict[str, Any], path: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    helper = jp.get(product, "product_identification_helper", dict, path) or {}
    where = jp.join(path, "product_identification_helper")
    cpe = jp.get(helper, "cpe", str, where)
    purls = [jp.get(helper, "purl", str, where), *jp.items(helper, "purls", str, where)]
    return ((cpe,) if cpe else ()), tuple(p for p in purls if p)


def _from_cpe(product: CsafProduct) -> CsafProduct:
    """A product the branches do not name by vendor and product: named by its CPE."""
    if product.vendor and product.product:
        return product
    for cpe in product.cpes:
        try:
            parts = split_cpe(cpe)
        except ValueError:
            continue
        vendor, name, version = (parts.get(k, "") for k in ("vendor", "product", "version"))
        if vendor in ("", "*", "-") or name in ("", "*", "-"):
            continue
        return replace(
            product,
            vendor=unescape(vendor),
            product=unescape(name),
            version=product.version
            or product.version_range
            or (None if version in ("", "*", "-") else unescape(version)),
        )
    return product


def _full_product_name(value: Any, path: str, context: dict[str, str]) -> CsafProduct:
    product = jp.obj(value, path)
    cpes, purls = _helper(product, path)
    return _from_cpe(
        CsafProduct(
            product_id=jp.need(product, "product_id", str, path),
            name=jp.get(product, "name", str, path),
            vendor=context.get("vendor"),
            product=context.get("product_name") or context.get("product_family"),
            version=context.get("product_version"),
            version_range=context.get("product_version_range"),
            cpes=cpes,
            purls=purls,
        )
    )


def product_tree(document: dict[str, Any]) -> ProductTree:
    """The products of a document's ``product_tree``: branches (vendor, product family, product
    name, product version or range), full product names and relationships (a product made of
    another is known as its component: what an inventory lists is the component)."""
    tree = ProductTree()
    root = jp.get(document, "product_tree", dict) or {}
    stack: list[tuple[list[Any], str, dict[str, str]]] = [
        (jp.get(root, "branches", list, "product_tree") or [], "product_tree.branches", {})
    ]
    while stack:
        branches, where, context = stack.pop()
        for i, value in enumerate(branches):
            path = jp.join(where, i)
            if path.count("branches") > _MAX_DEPTH:
                raise RecordError(path, f"branches nested over {_MAX_DEPTH} levels deep")
            branch = jp.obj(value, path)
            category = jp.need(branch, "category", str, path)
            inner = {**context, category: jp.need(branch, "name", str, path)}
            if "product" in branch:
                product = _full_product_name(branch["product"], jp.join(path, "product"), inner)
                tree.products[product.product_id] = product
            children = jp.get(branch, "branches", list, path)
            if children:
                stack.append((children, jp.join(path, "branches"), inner))
    for i, value in enumerate(jp.items(root, "full_product_names", dict, "product_tree")):
        product = _full_product_name(value, f"product_tree.full_product_names[{i}]", {})
        tree.products[product.product_id] = product
    for i, value in enumerate(jp.items(root, "relationships", dict, "product_tree")):
        path = f"product_tree.relationships[{i}]"
        reference = jp.need(value, "product_reference", str, path)
        if reference not in tree.products:
            raise RecordError(
                jp.join(path, "product_reference"),
                f"names no product of the product tree: {reference!r}",
            )
        name = jp.need(value, "full_product_name", dict, path)
        own = _full_product_name(name, jp.join(path, "full_product_name"), {})
        component = tree.products[reference]
        tree.products[own.product_id] = replace(
            component,
            product_id=own.product_id,
            name=own.name,
            cpes=own.cpes or component.cpes,
            purls=own.purls or component.purls,
        )
    for i, value in enumerate(jp.items(root, "product_groups", dict, "product_tree")):
        path = f"product_tree.product_groups[{i}]"
        group = jp.need(value, "group_id", str, path)
        tree.groups[group] = jp.items(value, "product_ids", str, path)
    return tree


def _vers(text: str) -> tuple[str | None, list[tuple[str, str]]] | None:
    """A vers range as (version type, [(comparator, version)]), or None if not one."""
    if not text.startswith("vers:") or "/" not in text:
        return None
    scheme, _slash, constraints = text[len("vers:") :].partition("/")
    found = []
    for constraint in constraints.split("|"):
        match = _COMPARATOR.match(constraint)
        if match is None or not match.group(2):
            return None
        found.append((match.group(1) or "=", match.group(2)))
    return _VERS_TYPES.get(scheme.lower()), found


def range_entries(text: str, status: str) -> list[dict[str, Any]]:
    """A ``product_version_range`` as CVE JSON 5 ``versions`` entries of ``status``.

    ``vers:intdot/>=2.0|<2.9.2`` is 2.0 lessThan 2.9.2; ``<=R15A`` lessThanOrEqual R15A;
    ``vers:all/*`` every version. What reads as neither (``>4.2``, which no CVE entry can
    say, or words) is kept as its text, for the CVE reader to read or report as unreadable.
    """
    if _ALL.match(text):
        return [{"version": "all", "status": status}]
    parsed = _vers(text.strip())
    if parsed is None:
        legacy = _LEGACY.match(text)
        if legacy is None:
            return [{"version": text.strip(), "status": status}]
        parsed = (None, [(legacy.group(1), legacy.group(2))])
    version_type, constraints = parsed
    typed = {"versionType": version_type} if version_type else {}
    entries: list[dict[str, Any]] = []
    start: str | None = None
    for comparator, version in constraints:
        if comparator == ">=":
            start = version
        elif comparator in ("<", "<="):
            bound = "lessThan" if comparator == "<" else "lessThanOrEqual"
            entries.append({"version": start or "0", bound: version, "status": status, **typed})
            start = None
        elif comparator == "=":
            entries.append({"version": version, "status": status, **typed})
        else:  # ">" and "!=" have no CVE JSON 5 spelling: kept as text, never guessed
            return [{"version": text.strip(), "status": status}]
    if start is not None:  # open above: from ``start`` on
        entries.append({"version": start, "lessThan": "all", "status": status, **typed})
    return entries


def _entries(product: CsafProduct, key: str) -> list[dict[str, Any]]:
    """What listing ``product`` under ``product_status.<key>`` says, as ``versions`` entries."""
    status = "affected" if key in AFFECTED else "unaffected"
    if product.version_range:
        return range_entries(product.version_range, status)
    version = product.version
    if not version:  # the product as a whole, every version of it
        return [{"version": "all", "status": status}]
    if key == "last_affected":
        return [{"version": "0", "lessThanOrEqual": version, "status": status}]
    if key in ("first_affected", "first_fixed"):
        return [{"version": version, "lessThan": "all", "status": status}]
    return [{"version": version, "status": status}]


def _targets(item: dict[str, Any], path: str, tree: ProductTree) -> list[str]:
    found = jp.items(item, "product_ids", str, path)
    for i, group in enumerate(jp.items(item, "group_ids", str, path)):
        if group not in tree.groups:
            raise RecordError(
                f"{jp.join(path, 'group_ids')}[{i}]",
                f"names no product group of the product tree: {group!r}",
            )
        found += tree.groups[group]
    return found


@dataclass
class _Row:
    """One (vulnerability, vendor, product) of a document, gathered before it becomes a row."""

    vendor: str
    product: str
    unaffected: list[dict[str, Any]] = field(default_factory=list)
    affected: list[dict[str, Any]] = field(default_factory=list)
    cpes: dict[str, None] = field(default_factory=dict)
    purls: dict[str, None] = field(default_factory=dict)
    fixed: dict[str, None] = field(default_factory=dict)
    urls: dict[str, None] = field(default_factory=dict)
    remediations: dict[tuple[str, str], None] = field(default_factory=dict)  # category, details


def _vulnerability_rows(
    vulnerability: dict[str, Any],
    path: str,
    tree: ProductTree,
    document: dict[str, Any],
) -> list[dict[str, Any]]:
    cve = jp.get(vulnerability, "cve", str, path)
    title = jp.get(vulnerability, "title", str, path) or document["title"]
    status = jp.get(vulnerability, "product_status", dict, path) or {}
    rows: dict[tuple[str, str], _Row] = {}
    by_product: dict[str, list[_Row]] = {}

    def row_of(pid: str, where: str) -> _Row | None:
        if pid not in tree.products:
            raise RecordError(where, f"names no product of the product tree: {pid!r}")
        product = tree.products[pid]
        if not product.vendor or not product.product:
            return None  # named by neither branches nor a CPE: nothing an appliance row names
        key = (product_key(product.vendor), product_key(product.product))
        if not key[0] or not key[1]:
            return None
        row = rows.setdefault(key, _Row(product.vendor, product.product))
        row.cpes.update(dict.fromkeys(product.cpes))
        row.purls.update(dict.fromkeys(product.purls))
        by_product.setdefault(pid, []).append(row)
        return row

    where_status = jp.join(path, "product_status")
    for key in (*UNAFFECTED, *AFFECTED):
        for i, pid in enumerate(jp.items(status, key, str, where_status)):
            row = row_of(pid, f"{jp.join(where_status, key)}[{i}]")
            if row is None:
                continue
            entries = _entries(tree.products[pid], key)
            (row.affected if key in AFFECTED else row.unaffected).extend(entries)
            version = tree.products[pid].version
            if key in FIXED and version and not tree.products[pid].version_range:
                row.fixed[version] = None
    for i, remediation in enumerate(jp.items(vulnerability, "remediations", dict, path)):
        where = f"{jp.join(path, 'remediations')}[{i}]"
        category = jp.need(remediation, "category", str, where)
        url = jp.get(remediation, "url", str, where)
        details = jp.get(remediation, "details", str, where)
        for pid in _targets(remediation, where, tree):
            if pid not in tree.products:
                raise RecordError(where, f"names no product of the product tree: {pid!r}")
            for row in by_product.get(pid, ()):
                if category == "vendor_fix" and url:
                    row.urls[url] = None
                if details:  # every category: a mitigation is what a device without a fix needs
                    row.remediations[(category, details)] = None
    return [
        {
            "vuln_id": cve or document["tracking_id"],
            "cve_id": cve,
            "provider": document["provider"],
            "vendor": row.vendor,
            "product": row.product,
            "vendor_key": vendor_key,
            "product_key": product_key_,
            "cpes": list(row.cpes) or None,
            "purls": list(row.purls) or None,
            # a version the vendor lists as fixed or not affected is read before the ranges
            "versions": row.unaffected + row.affected,
            "default_status": None,
            "fixed": list(row.fixed) or None,
            "advisory_urls": [*row.urls, *document["self_urls"]][:3] or None,
            "remediations": [
                {"category": category, "details": details} for category, details in row.remediations
            ]
            or None,
            "title": title,
        }
        for (vendor_key, product_key_), row in rows.items()
        if row.affected or row.unaffected
    ]


def remediation_texts(stored: Any) -> list[str]:
    """A ``csaf_affected`` row's remediations as sentences a person reads, each led by its
    CSAF category in words ("Mitigation: Use a firewall ..."). Rows imported before the
    category was kept hold only vendor_fix details, as bare strings."""
    texts = []
    for item in stored or ():
        if isinstance(item, str):
            category, details = "vendor_fix", item
        elif isinstance(item, dict) and isinstance(item.get("details"), str):
            category, details = str(item.get("category") or "remediation"), item["details"]
        else:
            continue  # not written by this module
        words = category.replace("_", " ")
        texts.append(f"{words[:1].upper()}{words[1:]}: {' '.join(details.split())}")
    return list(dict.fromkeys(texts))


def _time(tracking: dict[str, Any], key: str) -> Any:
    value = jp.need(tracking, key, str, "document.tracking")
    try:
        return parse_time(value)
    except (ValueError, OverflowError) as exc:
        raise RecordError(
            f"document.tracking.{key}", f"not an ISO 8601 timestamp: {value!r}"
        ) from exc


def parse_document(document: Any, hashed: str) -> Record:
    """One CSAF document as store rows; RecordError with the JSON path if it breaks the spec."""
    document = jp.obj(document, "")
    meta = jp.need(document, "document", dict)
    publisher = jp.need(meta, "publisher", dict, "document")
    namespace = jp.need(publisher, "namespace", str, "document.publisher")
    tracking = jp.need(meta, "tracking", dict, "document")
    tracking_id = jp.need(tracking, "id", str, "document.tracking")
    released = _time(tracking, "current_release_date")
    title = jp.need(meta, "title", str, "document")
    self_urls = [
        jp.need(reference, "url", str, f"document.references[{i}]")
        for i, reference in enumerate(jp.items(meta, "references", dict, "document"))
        if reference.get("category") == "self"
    ]
    tree = product_tree(document)
    key = f"{namespace.rstrip('/')}/{tracking_id}"
    about = {
        "tracking_id": tracking_id,
        "title": title,
        "provider": f"csaf:{namespace.rstrip('/')}",
        "self_urls": self_urls,
    }
    children = [
        {"document_id": key, **row}
        for i, vulnerability in enumerate(jp.items(document, "vulnerabilities", dict))
        for row in _vulnerability_rows(vulnerability, f"vulnerabilities[{i}]", tree, about)
    ]
    row = {
        "id": key,
        "tracking_id": tracking_id,
        "publisher": jp.need(publisher, "name", str, "document.publisher"),
        "publisher_namespace": namespace,
        "category": jp.get(meta, "category", str, "document"),
        "title": title,
        "current_release_date": released,
        "status": jp.get(tracking, "status", str, "document.tracking"),
        "digest": hashed,
        "raw": document,
    }
    return Record(key, hashed, released, row, {"csaf_affected": children})


def load(path: Path, known: set[str] | frozenset[str] = frozenset()) -> LoadedFeed:
    """Open one CSAF document, or a folder or zip of them; a bad document is skipped with its
    file and JSON path, a file that is not JSON at all is a FeedError naming it."""
    found = members(path, (".json",))

    def items() -> Iterator[Item]:
        for name, data in found.iterator:
            member = None if name == path.name else name
            hashed = digest(data)
            if hashed in known:
                yield Unchanged(hashed)
                continue
            try:
                document = orjson.loads(data)
            except orjson.JSONDecodeError as exc:
                raise FeedError(f"not valid JSON: {exc}", path=str(path), location=member) from exc
            if member is not None and not looks_like(document):
                # a folder's provider-metadata.json, index files, ...: not advisories
                yield Problem("feeds", str(path), name, "not a CSAF 2.0 document")
                continue
            try:
                yield parse_document(document, hashed)
            except RecordError as exc:
                where = f"{name}: {exc.location}" if member is not None else exc.location
                yield Problem("feeds", str(path), where or name, exc.problem)
            except RecursionError:
                yield Problem("feeds", str(path), name, "nested too deep to read")

    return LoadedFeed(SOURCE, str(path), found.total, items())


def looks_like(document: Any) -> bool:
    """Whether a parsed JSON document is a CSAF 2.x document."""
    if not isinstance(document, dict):
        return False
    meta = document.get("document")
    return isinstance(meta, dict) and isinstance(meta.get("csaf_version"), str)
