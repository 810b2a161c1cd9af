"""CycloneDX 1.2-1.6 SBOMs, JSON and XML: components by purl or CPE, scopes and direct flags.

The product the BOM describes (``metadata.component``) is listed like any other component when it
carries a purl or CPE and a version (a firmware SBOM describes the vulnerable device itself
there), and left out otherwise: it is the subject, not an entry that failed. Direct flags come
from the ``dependencies`` graph: when it lists what the product depends on, those components are
direct and every other component with a ``bom-ref`` is not; without that, ``direct`` is None.
"""

from __future__ import annotations

import codecs
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

from aicc.core.components import Component, Inventory
from aicc.core.errors import InventoryError
from aicc.core.problems import Problem
from aicc.inventory._common import line_at, looks_like_json, parse_json, read_bytes
from aicc.inventory.interface import InventoryFormat
from aicc.inventory.purls import identify_component

__all__ = ["FORMATS", "CycloneDxJsonFormat", "CycloneDxXmlFormat"]

_JSON_HEAD = re.compile(rb'"bomFormat"\s*:\s*"CycloneDX"')
_XML_HEAD = re.compile(
    rb"<(?:[\w.-]+:)?bom\b[^>]*\bxmlns(?::[\w.-]+)?\s*=\s*[\"']http://cyclonedx\.org/schema/bom/"
    rb"1\.\d+[\"']"
)
_XML_NAMESPACE = re.compile(r"\{http://cyclonedx\.org/schema/bom/1\.(\d+)\}bom")
_SPEC_VERSION = re.compile(r"1\.(\d+)")
# Component fields read: JSON keys, XML child elements.
_FIELDS = ("name", "version", "purl", "cpe", "scope")


@dataclass
class _Bom:
    """What both encodings yield: entries in document order, the graph, what was skipped."""

    entries: list[tuple[str, dict[str, object]]] = field(default_factory=list)
    product: tuple[str, dict[str, object]] | None = None
    depends_on: dict[str, list[str]] = field(default_factory=dict)
    skipped: list[Problem] = field(default_factory=list)


def _text(fields: dict[str, object], key: str) -> str | None:
    """A string field, stripped; None when absent or empty; ValueError for another type."""
    value = fields.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"{key}: expected a string, got {type(value).__name__}")
    return value.strip() or None


def _to_component(
    source: str, location: str, fields: dict[str, object], direct: set[str] | None
) -> Component | Problem:
    try:
        name, version, purl, cpe, scope = (_text(fields, key) for key in _FIELDS)
        bom_ref = _text(fields, "bom-ref")
    except ValueError as exc:
        return Problem("inventory", source, location, str(exc))
    is_direct = None if direct is None or bom_ref is None else bom_ref in direct
    return identify_component(
        source=source,
        location=location,
        name=name,
        version=version,
        purl=purl,
        cpe=cpe,
        bom_ref=bom_ref,
        direct=is_direct,
        scope=scope,
    )


def _assemble(path: Path, format_name: str, bom: _Bom) -> Inventory:
    source = str(path)
    inventory = Inventory(source=source, format=format_name, skipped=bom.skipped)
    direct: set[str] | None = None
    if bom.product is not None:
        root = bom.product[1].get("bom-ref")
        if isinstance(root, str) and root in bom.depends_on:
            direct = set(bom.depends_on[root])
            direct.discard(root)
        location, fields = bom.product
        product = _to_component(source, location, fields, None)
        if isinstance(product, Component):
            inventory.components.append(product)
    for location, fields in bom.entries:
        item = _to_component(source, location, fields, direct)
        if isinstance(item, Component):
            inventory.components.append(item)
        else:
            inventory.skipped.append(item)
    return inventory


# --- JSON -----------------------------------------------------------------------------------


def _json_components(value: object, location: str, bom: _Bom, source: str) -> None:
    """Append the components of a ``components`` list and their nested ones, in document order."""
    if not isinstance(value, list):
        bom.skipped.append(Problem("inventory", source, location, "expected a list of components"))
        return
    stack: list[tuple[Iterator[tuple[int, object]], str]] = [(iter(enumerate(value)), location)]
    while stack:
        items, where = stack[-1]
        item = next(items, None)
        if item is None:
            stack.pop()
            continue
        here = f"{where}[{item[0]}]"
        entry = item[1]
        if not isinstance(entry, dict):
            bom.skipped.append(Problem("inventory", source, here, "expected a component object"))
            continue
        bom.entries.append((here, entry))
        children = entry.get("components")
        if isinstance(children, list):
            stack.append((iter(enumerate(children)), f"{here}.components"))
        elif children is not None:
            bom.skipped.append(
                Problem("inventory", source, f"{here}.components", "expected a list of components")
            )


def _json_bom(path: Path, data: bytes) -> _Bom:
    source = str(path)
    document = parse_json(data, path)
    if not isinstance(document, dict) or document.get("bomFormat") != "CycloneDX":
        raise InventoryError(
            "not a CycloneDX BOM: 'bomFormat' is not 'CycloneDX'", path=source, location="bomFormat"
        )
    version = document.get("specVersion")
    match = _SPEC_VERSION.fullmatch(version) if isinstance(version, str) else None
    if match is None or int(match.group(1)) < 2:
        raise InventoryError(
            f"unsupported CycloneDX specVersion {version!r} (1.2 or later)",
            path=source,
            location="specVersion",
        )
    bom = _Bom()
    metadata = document.get("metadata")
    if isinstance(metadata, dict) and isinstance(metadata.get("component"), dict):
        product = metadata["component"]
        bom.product = ("metadata.component", product)
        if product.get("components") is not None:
            _json_components(product["components"], "metadata.component.components", bom, source)
    elif metadata is not None and not isinstance(metadata, dict):
        bom.skipped.append(Problem("inventory", source, "metadata", "expected an object"))
    if document.get("components") is not None:
        _json_components(document["components"], "components", bom, source)
    dependencies = document.get("dependencies")
    if isinstance(dependencies, list):
        for index, dependency in enumerate(dependencies):
            ref = dependency.get("ref") if isinstance(dependency, dict) else None
            targets = dependency.get("dependsOn", []) if isinstance(dependency, dict) else None
            if not isinstance(ref, str) or not isinstance(targets, list):
                bom.skipped.append(
                    Problem(
                        "inventory",
                        source,
                        f"dependencies[{index}]",
                        "expected a 'ref' and a 'dependsOn' list",
                    )
                )
                continue
            bom.depends_on.setdefault(ref, []).extend(t for t in targets if isinstance(t, str))
    elif dependencies is not None:
        bom.skipped.append(Problem("inventory", source, "dependencies", "expected a list"))
    return bom


class CycloneDxJsonFormat(InventoryFormat):
    """CycloneDX 1.2-1.6 JSON (``bom.json``, ``*.cdx.json``)."""

    name = "cyclonedx-json"

    def accepts(self, path: Path, head: bytes) -> bool:
        """A JSON object whose first bytes say ``"bomFormat": "CycloneDX"``."""
        return looks_like_json(path, head, _JSON_HEAD, ".cdx.json")

    def parse(self, path: Path) -> Inventory:
        """Every component of the BOM; InventoryError when it is not readable CycloneDX JSON."""
        return _assemble(path, self.name, _json_bom(path, read_bytes(path, strip_bom=True)))


# --- XML ------------------------------------------------------------------------------------


def _xml_fields(element: ET.Element, ns: str) -> dict[str, object]:
    fields: dict[str, object] = {}
    if (ref := element.get("bom-ref")) is not None:
        fields["bom-ref"] = ref
    for child in element:
        key = child.tag[len(ns) :] if child.tag.startswith(ns) else ""
        if key in _FIELDS:
            fields[key] = child.text or ""
    return fields


def _xml_components(container: ET.Element, location: str, bom: _Bom, ns: str) -> None:
    """Append the ``component`` elements of ``container`` and their nested ones, in order."""
    tag = f"{ns}component"
    stack: list[tuple[Iterator[tuple[int, ET.Element]], str]] = [
        (enumerate(container.iterfind(tag), 1), f"{location}/component")
    ]
    while stack:
        items, where = stack[-1]
        item = next(items, None)
        if item is None:
            stack.pop()
            continue
        here = f"{where}[{item[0]}]"
        bom.entries.append((here, _xml_fields(item[1], ns)))
        children = item[1].find(f"{ns}components")
        if children is not None:
            stack.append((enumerate(children.iterfind(tag), 1), f"{here}/components/component"))


def _xml_bom(path: Path, data: bytes) -> _Bom:
    source = str(path)
    try:
        root = SafeET.fromstring(data, forbid_dtd=True)
    except ET.ParseError as exc:
        line, column = exc.position
        message = str(exc).rsplit(": line ", 1)[0]
        raise InventoryError(
            f"not well-formed XML: {message}",
            path=source,
            location=f"line {line}, column {column + 1}",
        ) from None
    except DefusedXmlException:
        # A CycloneDX BOM never needs a DTD; one is how XXE and "billion laughs" get in.
        raise InventoryError(
            "refused: the XML declares a DTD (entities could read local files "
            "or expand without bound)",
            path=source,
            location=line_at(data, max(data.find(b"<!DOCTYPE"), 0)),
        ) from None
    except (LookupError, ValueError) as exc:
        # expat takes single-byte encodings only; the declaration names another, or none known.
        raise InventoryError(
            f"unreadable XML encoding: {exc}", path=source, location="XML declaration"
        ) from None
    match = _XML_NAMESPACE.fullmatch(root.tag)
    if match is None or int(match.group(1)) < 2:
        raise InventoryError(
            f"not a CycloneDX 1.2+ BOM: the root element is {root.tag!r}", path=source, location="/"
        )
    ns = root.tag[: -len("bom")]
    bom = _Bom()
    product = root.find(f"{ns}metadata/{ns}component")
    if product is not None:
        bom.product = ("/bom/metadata/component", _xml_fields(product, ns))
        children = product.find(f"{ns}components")
        if children is not None:
            _xml_components(children, "/bom/metadata/component/components", bom, ns)
    components = root.find(f"{ns}components")
    if components is not None:
        _xml_components(components, "/bom/components", bom, ns)
    for index, dependency in enumerate(root.iterfind(f"{ns}dependencies/{ns}dependency"), 1):
        ref = dependency.get("ref")
        if ref is None:
            bom.skipped.append(
                Problem(
                    "inventory",
                    source,
                    f"/bom/dependencies/dependency[{index}]",
                    "expected a 'ref' attribute",
                )
            )
            continue
        targets = (d.get("ref") for d in dependency.iterfind(f"{ns}dependency"))
        bom.depends_on.setdefault(ref, []).extend(t for t in targets if t is not None)
    return bom


class CycloneDxXmlFormat(InventoryFormat):
    """CycloneDX 1.2-1.6 XML (``bom.xml``, ``*.cdx.xml``); DTDs are refused."""

    name = "cyclonedx-xml"

    def accepts(self, path: Path, head: bytes) -> bool:
        """XML whose root is ``bom`` in a ``http://cyclonedx.org/schema/bom/1.x`` namespace."""
        start = head.removeprefix(codecs.BOM_UTF8).lstrip()
        return start.startswith(b"<") and _XML_HEAD.search(head) is not None

    def parse(self, path: Path) -> Inventory:
        """Every component of the BOM; InventoryError when it is not readable CycloneDX XML."""
        return _assemble(path, self.name, _xml_bom(path, read_bytes(path, strip_bom=True)))


FORMATS: tuple[InventoryFormat, ...] = (CycloneDxJsonFormat(), CycloneDxXmlFormat())
