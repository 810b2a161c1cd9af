"""VEX in: OpenVEX, CycloneDX VEX (JSON and XML) and CSAF 2.0 VEX read into VexStatements,
and each finding matched to the statement that speaks for it.

Every format is read into OpenVEX's vocabulary (`aicc.core.vex`); the tables below say how
CycloneDX and CSAF words map onto it. A document that cannot be read raises VexError naming the
file, the place (a JSON path such as ``statements[3].status``, or an XML path) and the problem.

Products are kept as the document names them: a purl, a CPE 2.3 (or 2.2) name, or a bom-ref.
OpenVEX ``subcomponents`` become products of their statement too: a scanner sees the component
that carries the vulnerability (``pkg:pypi/flask@2.2.2``), rarely the product that ships it.
"""

from __future__ import annotations

import codecs
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import unquote

import orjson
from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET
from packageurl import PackageURL
from packaging.version import InvalidVersion, Version

from aicc.core.components import Component
from aicc.core.cpe import split_cpe
from aicc.core.errors import VexError
from aicc.core.findings import Finding
from aicc.core.packages import normalize_name, product_key, purl_for
from aicc.core.times import parse_time
from aicc.core.vex import JUSTIFICATIONS, STATUSES, VexStatement

__all__ = ["CSAF_STATUSES", "CYCLONEDX_JUSTIFICATIONS", "CYCLONEDX_STATES", "applies_to",
           "match_vex", "read_vex", "read_vex_files"]

# --- vocabulary -----------------------------------------------------------------------------

# CycloneDX 1.4-1.6 `analysis.state` -> OpenVEX status. The CycloneDX spec defines the states
# ("impactAnalysisState"); the four VEX statuses are CISA's ("Minimum Requirements for VEX",
# April 2023). A false positive never applied to the component, which VEX calls not_affected;
# resolved_with_pedigree is resolved with the fix recorded in the component's pedigree.
CYCLONEDX_STATES = {
    "not_affected": "not_affected",
    "false_positive": "not_affected",
    "exploitable": "affected",
    "in_triage": "under_investigation",
    "resolved": "fixed",
    "resolved_with_pedigree": "fixed",
}

# CycloneDX `analysis.justification` -> OpenVEX justification. OpenVEX and CSAF use the five
# labels of CISA's "Vulnerability Exploitability eXchange (VEX) - Status Justifications" (June
# 2022); CycloneDX ("impactAnalysisJustification") has nine finer ones. Each maps onto the CISA
# label whose definition covers the CycloneDX one:
CYCLONEDX_JUSTIFICATIONS = {
    # "The code has been removed or tree-shaked."
    "code_not_present": "vulnerable_code_not_present",
    # "The vulnerable code is not invoked at runtime."
    "code_not_reachable": "vulnerable_code_not_in_execute_path",
    # "Exploitability requires a configurable option to be set/unset": one the product leaves
    # alone, so an attacker cannot reach the code in the state that exploits it.
    "requires_configuration": "vulnerable_code_cannot_be_controlled_by_adversary",
    # "Exploitability requires a dependency that is not present."
    "requires_dependency": "component_not_present",
    # "Exploitability requires a certain environment which is not present."
    "requires_environment": "vulnerable_code_cannot_be_controlled_by_adversary",
    # Compiler flags, runtime protection, perimeter blocking and mitigating controls are all
    # protections that already stop the attack: CISA's "inline mitigations already exist".
    "protected_by_compiler": "inline_mitigations_already_exist",
    "protected_at_runtime": "inline_mitigations_already_exist",
    "protected_at_perimeter": "inline_mitigations_already_exist",
    "protected_by_mitigating_control": "inline_mitigations_already_exist",
}

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
# spells them, so they are taken as they are.
_SAME_JUSTIFICATION = {j: j for j in JUSTIFICATIONS}
_SAME_STATUS = {s: s for s in STATUSES}

_OPENVEX_CONTEXT = "https://openvex.dev/ns"
_CYCLONEDX_XML = re.compile(r"\{http://cyclonedx\.org/schema/bom/1\.(\d+)\}bom")
_SPEC_VERSION = re.compile(r"1\.(\d+)")

# --- reading one document -------------------------------------------------------------------

Path_ = tuple[str | int, ...]
Refs = dict[str, tuple[str, ...]]  # a BOM's bom-refs -> the purl and CPE of each


def _json_location(path: Path_) -> str:
    """``("statements", 3, "status")`` -> ``statements[3].status``."""
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text


# The lists CycloneDX XML wraps in a container element (by their JSON name), and the element
# of one item.
_XML_ITEMS = {"components": "component", "vulnerabilities": "vulnerability",
              "references": "reference", "affects": "target", "response": "response",
              "authors": "author"}
# JSON names of XML elements that differ (``analysis/responses/response`` is ``response``).
_XML_NAMES = {"responses": "response"}
_XML_ELEMENTS = {value: key for key, value in _XML_NAMES.items()}
_XML_DEPTH = 200


def _xml_location(path: Path_) -> str:
    """``("vulnerabilities", 0, "analysis", "state")`` ->
    ``/bom/vulnerabilities/vulnerability[1]/analysis/state``."""
    text = "/bom"
    for index, step in enumerate(path):
        if isinstance(step, int):
            before = path[index - 1] if index else ""
            text += f"/{_XML_ITEMS.get(str(before), 'item')}[{step + 1}]"
        else:
            text += f"/{_XML_ELEMENTS.get(step, step)}"
    return text


class _Reader:
    """Typed access to a parsed document, raising VexError at the place that is wrong."""

    def __init__(self, source: str, render: Callable[[Path_], str] = _json_location) -> None:
        self.source = source
        self.render = render

    def fail(self, message: str, path: Path_ = ()) -> NoReturn:
        raise VexError(message, path=self.source, location=self.render(path) or None)

    def obj(self, value: Any, path: Path_) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.fail(f"expected an object, got {_show(value)}", path)
        return value

    def items(self, value: Any, path: Path_, *, optional: bool = False) -> list[Any]:
        if value is None and optional:
            return []
        if not isinstance(value, list):
            self.fail(f"expected a list, got {_show(value)}", path)
        return value

    def text(self, value: Any, path: Path_) -> str | None:
        """A string, stripped; None when absent or blank."""
        if value is None:
            return None
        if not isinstance(value, str):
            self.fail(f"expected a string, got {_show(value)}", path)
        return value.strip() or None

    def required(self, value: Any, path: Path_, what: str) -> str:
        text = self.text(value, path)
        if text is None:
            self.fail(f"missing {what}", path)
        return text

    def label(self, value: Any, path: Path_, table: dict[str, str], what: str) -> str | None:
        """``table[value]`` for a known label; None when absent; VexError naming the labels."""
        text = self.text(value, path)
        if text is None:
            return None
        if text not in table:
            self.fail(f"unknown {what} {text!r}: expected one of {', '.join(table)}", path)
        return table[text]

    def time(self, value: Any, path: Path_) -> datetime | None:
        text = self.text(value, path)
        if text is None:
            return None
        try:
            return parse_time(text)
        except (ValueError, OverflowError):
            self.fail(f"not an ISO 8601 timestamp: {text!r}", path)

    def product(self, value: Any, path: Path_) -> str | None:
        """A product identifier, checked when it is a purl or a CPE."""
        text = self.text(value, path)
        if text is None:
            return None
        if _identity(text) is None and text.lower().startswith(("pkg:", "cpe:")):
            self.fail(f"not a valid purl or CPE: {text!r}", path)
        return text


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def _aliases(name: str, values: Iterable[str]) -> tuple[str, ...]:
    return tuple(a for a in _unique(values) if a != name)


# --- OpenVEX --------------------------------------------------------------------------------

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
        found += [r.product(identifiers.get(key), (*path, "identifiers", key))
                  for key in ("purl", "cpe23", "cpe22")]
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
        name, aliases = _openvex_vulnerability(r, entry.get("vulnerability"),
                                               (*path, "vulnerability"))
        status = r.label(entry.get("status"), (*path, "status"), _SAME_STATUS, "status")
        if status is None:
            r.fail("missing status", (*path, "status"))
        moment = (r.time(entry.get("last_updated"), (*path, "last_updated"))
                  or r.time(entry.get("timestamp"), (*path, "timestamp")) or issued)
        statements.append(VexStatement(
            vulnerability=name, aliases=aliases, products=_openvex_products(r, entry, path),
            status=status, source=r.source, location=_json_location(path),
            justification=r.label(entry.get("justification"), (*path, "justification"),
                                  _SAME_JUSTIFICATION, "justification"),
            impact_statement=r.text(entry.get("impact_statement"), (*path, "impact_statement")),
            action_statement=r.text(entry.get("action_statement"), (*path, "action_statement")),
            timestamp=moment, author=author, format="openvex"))
    return statements


# --- CycloneDX ------------------------------------------------------------------------------

def _cyclonedx_refs(r: _Reader, doc: dict[str, Any]) -> Refs:
    """Every component's bom-ref -> its purl and CPE (or the bom-ref itself, with neither),
    nested components included."""
    refs: Refs = {}
    stack: list[tuple[Any, Path_]] = []
    metadata = doc.get("metadata")
    if isinstance(metadata, dict) and isinstance(metadata.get("component"), dict):
        stack.append(([metadata["component"]], ("metadata", "component")))
    stack.append((doc.get("components"), ("components",)))
    while stack:
        value, path = stack.pop()
        for index, raw in enumerate(r.items(value, path, optional=True)):
            where = path if path[-1] == "component" else (*path, index)
            component = r.obj(raw, where)
            ref = r.text(component.get("bom-ref"), (*where, "bom-ref"))
            ids = [r.product(component.get(k), (*where, k)) for k in ("purl", "cpe")]
            if ref is not None:
                refs[ref] = _unique(i for i in ids if i) or (ref,)
            stack.append((component.get("components"), (*where, "components")))
    return refs


def _cyclonedx_target(r: _Reader, refs: Refs, ref: str, path: Path_) -> tuple[str, ...]:
    """The products one ``affects[].ref`` names: a local bom-ref resolved to its purl and CPE, a
    BOM-link's bom-ref (``urn:cdx:<serial>/<version>#<bom-ref>``), or a purl given directly."""
    if ref in refs:
        return refs[ref]
    if ref.startswith("urn:cdx:"):
        fragment = unquote(ref.partition("#")[2]).strip()
        if not fragment:
            r.fail(f"a BOM-link without '#<bom-ref>' names no component: {ref!r}", path)
        if fragment in refs:
            return refs[fragment]
        ref = fragment
    product = r.product(ref, path)
    return (product,) if product else ()


_RESPONSES = {"can_not_fix": "cannot fix", "will_not_fix": "will not fix", "update": "update",
              "rollback": "roll back", "workaround_available": "workaround available"}


def _cyclonedx_entry(r: _Reader, refs: Refs, entry: dict[str, Any], path: Path_,
                     issued: datetime | None, author: str | None) -> VexStatement | None:
    """The statement of one ``vulnerabilities`` entry; None for one without an analysis state,
    which lists a finding (as a scanner's report does) rather than saying anything about it."""
    analysis = entry.get("analysis")
    if analysis is None or analysis == "":  # "": an empty <analysis/> element
        return None
    analysis = r.obj(analysis, (*path, "analysis"))
    status = r.label(analysis.get("state"), (*path, "analysis", "state"), CYCLONEDX_STATES,
                     "analysis state")
    if status is None:
        return None
    name = r.required(entry.get("id"), (*path, "id"), "vulnerability id")
    references = r.items(entry.get("references"), (*path, "references"), optional=True)
    aliases = [r.required(r.obj(ref, (*path, "references", i)).get("id"),
                          (*path, "references", i, "id"), "reference id")
               for i, ref in enumerate(references)]
    products: list[str] = []
    for i, raw in enumerate(r.items(entry.get("affects"), (*path, "affects"), optional=True)):
        where = (*path, "affects", i, "ref")
        ref = r.required(r.obj(raw, where[:-1]).get("ref"), where, "ref")
        products += _cyclonedx_target(r, refs, ref, where)
    if not products:
        r.fail("names no affected component", (*path, "affects"))
    detail = r.text(analysis.get("detail"), (*path, "analysis", "detail"))
    responses = [r.label(x, (*path, "analysis", "response", i), _RESPONSES, "response")
                 for i, x in enumerate(r.items(analysis.get("response"),
                                               (*path, "analysis", "response"), optional=True))]
    # `detail` explains the state: why not affected, or what to do about the others; the
    # responses say what is done only for a product that is affected.
    action = (r.text(entry.get("recommendation"), (*path, "recommendation"))
              or r.text(entry.get("workaround"), (*path, "workaround"))
              or (None if status == "not_affected"
                  else detail or "; ".join(x for x in responses if x) or None))
    moment = (r.time(analysis.get("lastUpdated"), (*path, "analysis", "lastUpdated"))
              or r.time(analysis.get("firstIssued"), (*path, "analysis", "firstIssued"))
              or issued)
    return VexStatement(
        vulnerability=name, aliases=_aliases(name, aliases), products=_unique(products),
        status=status, source=r.source, location=r.render(path),
        justification=r.label(analysis.get("justification"),
                              (*path, "analysis", "justification"), CYCLONEDX_JUSTIFICATIONS,
                              "justification"),
        impact_statement=detail if status == "not_affected" else None,
        action_statement=action, timestamp=moment, author=author, format="cyclonedx")


def _cyclonedx_author(metadata: dict[str, Any]) -> str | None:
    """The first author's name, else the manufacturer's or supplier's."""
    authors = metadata.get("authors")
    candidates = [authors[0] if isinstance(authors, list) and authors else None,
                  metadata.get("manufacturer"), metadata.get("manufacture"),
                  metadata.get("supplier")]
    for candidate in candidates:
        if isinstance(candidate, dict) and isinstance(candidate.get("name"), str):
            name: str = candidate["name"].strip()
            if name:
                return name
    return None


def _cyclonedx(r: _Reader, doc: dict[str, Any], spec: Any) -> list[VexStatement]:
    match = _SPEC_VERSION.fullmatch(spec) if isinstance(spec, str) else None
    if match is None or int(match.group(1)) < 4:
        r.fail(f"unsupported CycloneDX specVersion {spec!r}: VEX needs 1.4 or later",
               ("specVersion",))
    metadata = r.obj(doc.get("metadata") or {}, ("metadata",))
    issued = r.time(metadata.get("timestamp"), ("metadata", "timestamp"))
    author = _cyclonedx_author(metadata)
    refs = _cyclonedx_refs(r, doc)
    if doc.get("vulnerabilities") is None:
        r.fail("a BOM without 'vulnerabilities' holds no VEX statements", ("vulnerabilities",))
    statements = []
    for i, raw in enumerate(r.items(doc["vulnerabilities"], ("vulnerabilities",))):
        path: Path_ = ("vulnerabilities", i)
        statement = _cyclonedx_entry(r, refs, r.obj(raw, path), path, issued, author)
        if statement is not None:
            statements.append(statement)
    return statements


def _xml_value(element: ET.Element, ns: str, depth: int = 0) -> Any:
    """A CycloneDX XML element as its JSON shape: list containers as lists, elements with
    children or attributes as objects, leaves as their text; other namespaces left out."""
    if depth > _XML_DEPTH:
        raise ValueError(f"elements nested more than {_XML_DEPTH} deep")
    children = [c for c in element if isinstance(c.tag, str) and c.tag.startswith(ns)]
    if not children and not element.attrib:
        return element.text or ""
    value: dict[str, Any] = dict(element.attrib)
    for child in children:
        key = _XML_NAMES.get(child.tag[len(ns):], child.tag[len(ns):])
        if key in _XML_ITEMS:
            value.setdefault(key, [_xml_value(item, ns, depth + 2) for item in child
                                   if isinstance(item.tag, str) and item.tag.startswith(ns)])
        else:
            value.setdefault(key, _xml_value(child, ns, depth + 1))
    return value


def _cyclonedx_xml(source: str, data: bytes) -> list[VexStatement]:
    r = _Reader(source, _xml_location)
    try:
        root = SafeET.fromstring(data, forbid_dtd=True)
    except ET.ParseError as exc:
        line, column = exc.position
        raise VexError(f"not well-formed XML: {str(exc).rsplit(': line ', 1)[0]}", path=source,
                       location=f"line {line}, column {column + 1}") from None
    except DefusedXmlException:
        # A CycloneDX BOM never needs a DTD; one is how XXE and "billion laughs" get in.
        raise VexError("refused: the XML declares a DTD", path=source, location="/") from None
    except (LookupError, ValueError) as exc:
        raise VexError(f"unreadable XML encoding: {exc}", path=source,
                       location="XML declaration") from None
    match = _CYCLONEDX_XML.fullmatch(root.tag)
    if match is None:
        raise VexError(f"not a VEX document: the XML root element is {root.tag!r}, not a "
                       "CycloneDX bom", path=source, location="/")
    try:
        doc = _xml_value(root, root.tag[:-len("bom")])
    except ValueError as exc:
        raise VexError(str(exc), path=source, location="/bom") from None
    return _cyclonedx(r, doc if isinstance(doc, dict) else {}, f"1.{match.group(1)}")


# --- CSAF -----------------------------------------------------------------------------------

def _csaf_helper(r: _Reader, product: dict[str, Any], path: Path_) -> list[str]:
    """The purl(s) and CPE of a full product name's ``product_identification_helper``."""
    if product.get("product_identification_helper") is None:
        return []
    where = (*path, "product_identification_helper")
    helper = r.obj(product["product_identification_helper"], where)
    found = [r.product(helper.get("purl"), (*where, "purl")),
             r.product(helper.get("cpe"), (*where, "cpe"))]
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
    names = r.items(tree.get("full_product_names"), ("product_tree", "full_product_names"),
                    optional=True)
    for index, raw in enumerate(names):
        add(raw, ("product_tree", "full_product_names", index))
    relationships = r.items(tree.get("relationships"), ("product_tree", "relationships"),
                            optional=True)
    for index, raw in enumerate(relationships):
        path = ("product_tree", "relationships", index)
        relationship = r.obj(raw, path)
        name = r.obj(relationship.get("full_product_name"), (*path, "full_product_name"))
        pid = r.required(name.get("product_id"), (*path, "full_product_name", "product_id"),
                         "product_id")
        component = r.required(relationship.get("product_reference"),
                               (*path, "product_reference"), "product_reference")
        if component not in products:
            r.fail(f"names no product of the product tree: {component!r}",
                   (*path, "product_reference"))
        products[pid] = tuple(_csaf_helper(r, name, (*path, "full_product_name"))) \
            or products[component]
    return products


def _csaf_groups(r: _Reader, tree: dict[str, Any]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    raw_groups = r.items(tree.get("product_groups"), ("product_tree", "product_groups"),
                         optional=True)
    for index, raw in enumerate(raw_groups):
        path = ("product_tree", "product_groups", index)
        group = r.obj(raw, path)
        gid = r.required(group.get("group_id"), (*path, "group_id"), "group_id")
        ids = r.items(group.get("product_ids"), (*path, "product_ids"))
        groups[gid] = [r.required(p, (*path, "product_ids", i), "product id")
                       for i, p in enumerate(ids)]
    return groups


class _CsafVulnerability:
    """One ``vulnerabilities`` entry: per product id its justification, impact and action."""

    def __init__(self, r: _Reader, entry: dict[str, Any], path: Path_,
                 groups: dict[str, list[str]]) -> None:
        self.r, self.path, self.groups = r, path, groups
        self.justification: dict[str, str] = {}
        self.impact: dict[str, list[str]] = {}
        self.action: dict[str, list[str]] = {}
        for i, raw in enumerate(r.items(entry.get("flags"), (*path, "flags"), optional=True)):
            flag = r.obj(raw, (*path, "flags", i))
            label = r.label(flag.get("label"), (*path, "flags", i, "label"),
                            _SAME_JUSTIFICATION, "flag label")
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
            return (self.justification.get(pid), "; ".join(self.impact.get(pid, [])) or None,
                    None)
        return None, None, "; ".join(self.action.get(pid, [])) or None

    def targets(self, item: dict[str, Any], path: Path_) -> list[str]:
        """The product ids an item names, its groups' members included."""
        r = self.r
        found = [r.required(p, (*path, "product_ids", i), "product id") for i, p in
                 enumerate(r.items(item.get("product_ids"), (*path, "product_ids"),
                                   optional=True))]
        gids = r.items(item.get("group_ids"), (*path, "group_ids"), optional=True)
        for i, raw in enumerate(gids):
            gid = r.required(raw, (*path, "group_ids", i), "group id")
            if gid not in self.groups:
                r.fail(f"names no product group of the product tree: {gid!r}",
                       (*path, "group_ids", i))
            found += self.groups[gid]
        return found


def _csaf_name(r: _Reader, entry: dict[str, Any], path: Path_) -> tuple[str, tuple[str, ...]]:
    """The CVE (else the first of ``ids``) and every other id of a vulnerability."""
    cve = r.text(entry.get("cve"), (*path, "cve"))
    ids = r.items(entry.get("ids"), (*path, "ids"), optional=True)
    others = [r.required(r.obj(raw, (*path, "ids", i)).get("text"), (*path, "ids", i, "text"),
                         "id text") for i, raw in enumerate(ids)]
    name = cve or (others[0] if others else None)
    if name is None:
        r.fail("names no vulnerability: expected 'cve' or 'ids'", path)
    return name, _aliases(name, others)


def _csaf(r: _Reader, doc: dict[str, Any]) -> list[VexStatement]:
    document = r.obj(doc.get("document"), ("document",))
    tracking = r.obj(document.get("tracking"), ("document", "tracking"))
    issued = r.time(tracking.get("current_release_date"),
                    ("document", "tracking", "current_release_date"))
    publisher = document.get("publisher")
    author = r.text(publisher.get("name"), ("document", "publisher", "name")) \
        if isinstance(publisher, dict) else None
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
                statements.append(VexStatement(
                    vulnerability=name, aliases=aliases, products=_unique(ids), status=status,
                    source=r.source, location=_json_location(where),
                    justification=justification, impact_statement=impact,
                    action_statement=action, timestamp=issued, author=author, format="csaf"))
    return statements


# --- detecting the format -------------------------------------------------------------------

def read_vex(path: Path) -> list[VexStatement]:
    """Every statement of an OpenVEX, CycloneDX VEX (JSON or XML) or CSAF VEX document.

    The format is told from the content. Raises VexError naming the file, the place and the
    problem when it cannot be read.
    """
    source = str(path)
    try:
        data = path.read_bytes().removeprefix(codecs.BOM_UTF8)
    except OSError as exc:
        raise VexError(f"cannot read: {exc.strerror or exc}", path=source) from exc
    if data.lstrip().startswith(b"<"):
        return _cyclonedx_xml(source, data)
    try:
        doc = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise VexError(f"not valid JSON: {exc.msg}", path=source,
                       location=f"line {exc.lineno}, column {exc.colno}") from None
    r = _Reader(source)
    if isinstance(doc, dict):
        context = doc.get("@context")
        if isinstance(context, str) and context.startswith(_OPENVEX_CONTEXT):
            return _openvex(r, doc)
        if doc.get("bomFormat") == "CycloneDX":
            return _cyclonedx(r, doc, doc.get("specVersion"))
        document = doc.get("document")
        if isinstance(document, dict) and "csaf_version" in document:
            version = document["csaf_version"]
            if not isinstance(version, str) or not version.startswith("2."):
                r.fail(f"unsupported CSAF version {version!r}: expected 2.x",
                       ("document", "csaf_version"))
            return _csaf(r, doc)
    raise VexError("not a VEX document: expected an object with OpenVEX's '@context' "
                   "(https://openvex.dev/ns...), CycloneDX's 'bomFormat' or CSAF's "
                   "'document.csaf_version'", path=source, location="top level")


def read_vex_files(paths: Sequence[Path]) -> list[VexStatement]:
    """The statements of every file, in the order given."""
    return [statement for path in paths for statement in read_vex(path)]


# --- matching -------------------------------------------------------------------------------

# purl type -> OSV ecosystem, for names the ecosystem normalises (PyPI's PEP 503, lower case).
_PURL_ECOSYSTEMS = {"pypi": "PyPI", "cargo": "crates.io", "composer": "Packagist",
                    "nuget": "NuGet", "pub": "Pub", "hex": "Hex"}
# purl types whose namespace is case-sensitive (Go module paths, Maven groups); others compare
# in lower case, as the purl spec and the registries do.
_EXACT_NAMESPACES = {"golang", "maven", "swift", "generic"}
_ANY = {"", "*", "-"}


@dataclass(frozen=True, slots=True)
class _Identity:
    """A product or component identifier reduced to what matching compares."""

    kind: str  # "purl" | "cpe"
    key: tuple[str, ...]  # purl: (type, namespace, name); CPE: (vendor, product)
    version: str | None  # None: any version


def _purl_identity(purl: PackageURL, name: str | None = None,
                   version: str | None = None) -> _Identity:
    kind = purl.type.lower()
    namespace = purl.namespace or ""
    if kind not in _EXACT_NAMESPACES:
        namespace = namespace.lower()
    name = name or purl.name
    if kind in _PURL_ECOSYSTEMS:
        name = normalize_name(_PURL_ECOSYSTEMS[kind], name)
    return _Identity("purl", (kind, namespace, name), version or purl.version or None)


def _cpe_fields(cpe: str) -> tuple[str, str, str] | None:
    """(vendor, product, version) of a CPE 2.3 string or 2.2 URI, unescaped; None if neither."""
    if cpe.lower().startswith("cpe:/"):
        parts = [unquote(p) for p in cpe[5:].split(":")] + ["", "", "", ""]
    else:
        try:
            fields = split_cpe(cpe)
        except ValueError:
            return None
        parts = ["", *(re.sub(r"\\(.)", r"\1", fields[k])
                       for k in ("vendor", "product", "version"))]
    if parts[1] in _ANY and parts[2] in _ANY:
        return None
    return parts[1], parts[2], parts[3]


@lru_cache(maxsize=65536)
def _identity(product: str) -> _Identity | None:
    """The identity of a purl or CPE product; None for anything else (a bom-ref)."""
    if product.startswith("pkg:"):
        try:
            return _purl_identity(PackageURL.from_string(product))
        except ValueError:
            return None
    if product.lower().startswith("cpe:"):
        fields = _cpe_fields(product)
        if fields is None:
            return None
        vendor, name, version = fields
        return _Identity("cpe", tuple("*" if v in _ANY else product_key(v)
                                      for v in (vendor, name)),
                         None if version in _ANY else version.lower())
    return None


@lru_cache(maxsize=65536)
def _component_identities(component: Component) -> tuple[_Identity, ...]:
    """Every identity a component is known by: its purl (and a Debian or Alpine binary's
    ``upstream`` source package), its CPE or vendor and product."""
    found: list[_Identity] = []
    purl_text = component.purl
    if purl_text is None and component.ecosystem:
        try:
            purl_text = purl_for(component.ecosystem, component.name, component.version)
        except ValueError:
            purl_text = None
    if purl_text:
        try:
            purl = PackageURL.from_string(purl_text)
        except ValueError:
            purl = None
        if purl is not None:
            found.append(_purl_identity(purl, version=purl.version or component.version))
            upstream, _, upstream_version = purl.qualifiers.get("upstream", "").partition("@")
            if upstream:
                found.append(_purl_identity(purl, upstream,
                                            upstream_version or purl.version))
    cpe = _cpe_fields(component.cpe) if component.cpe else None
    if cpe is not None:
        version = cpe[2] if cpe[2] not in _ANY else component.version
        found.append(_Identity("cpe", (product_key(cpe[0]), product_key(cpe[1])),
                               version.lower() if version else None))
    elif component.vendor and (component.product or component.name):
        found.append(_Identity("cpe", (product_key(component.vendor),
                                       product_key(component.product or component.name)),
                               component.version.lower() if component.version else None))
    return tuple(found)


def _same_version(kind: str, wanted: str, have: str | None) -> bool:
    if have is None:
        return False
    if wanted == have:
        return True
    if kind == "pypi":  # PEP 440: 2.2 == 2.2.0, 1.0RC1 == 1.0rc1
        try:
            return Version(wanted) == Version(have)
        except InvalidVersion:
            return False
    if kind == "golang":  # Go versions with and without the "v" of the module tag
        return wanted.removeprefix("v") == have.removeprefix("v")
    return False


def _product_applies(product: str, component: Component) -> bool | None:
    """None when ``product`` does not name ``component``; else whether it names a version."""
    wanted = _identity(product)
    if wanted is None:  # a bom-ref names the component itself, whatever its version
        return False if product == component.bom_ref else None
    for have in _component_identities(component):
        if have.kind != wanted.kind:
            continue
        if wanted.kind == "cpe":
            if not all(w in {"*", h} for w, h in zip(wanted.key, have.key, strict=True)):
                continue
        elif wanted.key != have.key:
            continue
        if wanted.version is None:
            return False
        if _same_version(wanted.key[0] if wanted.kind == "purl" else "", wanted.version,
                         have.version):
            return True
    # A purl or CPE used as a bom-ref, when it does not match by itself.
    return False if product == component.bom_ref else None


def _applies(statement: VexStatement, component: Component) -> bool | None:
    """None when no product of ``statement`` names ``component``; else whether one that does
    names a version."""
    found: bool | None = None
    for product in statement.products:
        versioned = _product_applies(product, component)
        if versioned:
            return True
        if versioned is not None:
            found = False
    return found


def applies_to(statement: VexStatement, component: Component) -> bool:
    """Whether one of the statement's products names ``component``.

    A purl matches type, namespace and name (as the ecosystem normalises names, PEP 503 for
    PyPI) and, when it has a version, the component's version; qualifiers and subpath are
    ignored. A CPE matches vendor, product and version, ``*`` and ``-`` matching any. A product
    equal to the component's ``bom_ref`` matches.
    """
    return _applies(statement, component) is not None


def match_vex(findings: Sequence[Finding],
              statements: Sequence[VexStatement]) -> list[VexStatement | None]:
    """For each finding, the statement that speaks for it, or None.

    A statement applies when its vulnerability or one of its aliases is the finding's id or one
    of its aliases, and one of its products names the finding's component. Of several, the
    latest timestamp wins; on a tie, one whose matching product names a version; then the one
    given last.
    """
    by_id: dict[str, list[int]] = {}
    for number, statement in enumerate(statements):
        for vid in {statement.vulnerability.upper(), *(a.upper() for a in statement.aliases)}:
            by_id.setdefault(vid, []).append(number)
    matched: list[VexStatement | None] = []
    for finding in findings:
        candidates = {n for vid in (finding.id, *finding.aliases)
                      for n in by_id.get(vid.upper(), ())}
        best: VexStatement | None = None
        best_key: tuple[datetime, bool, int] | None = None
        for number in candidates:
            statement = statements[number]
            versioned = _applies(statement, finding.component)
            if versioned is None:
                continue
            key = (statement.timestamp or datetime.min, versioned, number)
            if best_key is None or key > best_key:
                best, best_key = statement, key
        matched.append(best)
    return matched
