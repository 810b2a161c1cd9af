"""SPDX 2.2/2.3 documents, JSON and tag-value: packages by purl or CPE, and direct flags.

A package is identified by its ``purl`` external reference, else by a ``cpe23Type`` (or
``cpe22Type``) one. The packages the document DESCRIBES are the product: each is listed when it
is identifiable and versioned, and left out otherwise. A package is direct when a described
package DEPENDS_ON or CONTAINS it (or it is a DEPENDENCY_OF one); once a described package has
such relationships, every other package is not direct; without any, ``direct`` is None.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path

from aicc.core.components import Component, Inventory
from aicc.core.errors import InventoryError
from aicc.core.problems import Problem
from aicc.inventory._common import decode_utf8, looks_like_json, parse_json, read_bytes
from aicc.inventory.interface import InventoryFormat
from aicc.inventory.purls import identify_component

__all__ = ["FORMATS", "SpdxJsonFormat", "SpdxTagValueFormat"]

_JSON_HEAD = re.compile(rb'"spdxVersion"\s*:\s*"SPDX-2\.\d')
_TAG_VALUE_HEAD = re.compile(rb"(?m)^SPDXVersion:[ \t]*SPDX-2\.\d")
_SPEC_VERSION = re.compile(r"SPDX-2\.\d+")
_NO_VALUE = {"", "NOASSERTION", "NONE"}
# "A <type> B" where B is the dependency of A; the reverse forms name the dependent second.
_DEPENDS = {"DEPENDS_ON", "CONTAINS"}
_DEPENDENCY_OF = {
    "DEPENDENCY_OF": None,
    "CONTAINED_BY": None,
    "RUNTIME_DEPENDENCY_OF": "runtime",
    "DEV_DEPENDENCY_OF": "dev",
    "TEST_DEPENDENCY_OF": "test",
    "BUILD_DEPENDENCY_OF": "build",
    "OPTIONAL_DEPENDENCY_OF": "optional",
    "PROVIDED_DEPENDENCY_OF": "provided",
}
_PURL_TYPES = {"purl"}
_CPE_TYPES = {"cpe23type", "cpe22type"}


@dataclass
class _Package:
    location: str
    spdx_id: str | None = None
    name: str | None = None
    version: str | None = None
    purl: str | None = None
    cpe: str | None = None


@dataclass
class _Document:
    """What both encodings yield, before packages become Components."""

    doc_id: str = "SPDXRef-DOCUMENT"
    packages: list[_Package] = field(default_factory=list)
    described: set[str] = field(default_factory=set)
    relationships: list[tuple[str, str, str]] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)


def _value(text: str | None) -> str | None:
    text = text.strip() if text is not None else None
    return None if text is None or text.upper() in _NO_VALUE else text


def _add_ref(package: _Package, kind: str, locator: str) -> None:
    """Keep the first purl and the first CPE a package's external references give."""
    kind = kind.strip().lower()
    if kind in _PURL_TYPES and package.purl is None:
        package.purl = _value(locator)
    elif kind in _CPE_TYPES and package.cpe is None:
        package.cpe = _value(locator)


def _assemble(path: Path, format_name: str, document: _Document) -> Inventory:
    source = str(path)
    inventory = Inventory(source=source, format=format_name, skipped=document.skipped)
    if not document.packages:
        inventory.skipped.append(
            Problem("inventory", source, "packages", "the document lists no packages")
        )
        return inventory
    roots = document.described - {document.doc_id}
    direct: set[str] = set()
    scopes: dict[str, str] = {}
    graph_known = False
    for element, kind, related in document.relationships:
        if kind == "DESCRIBES" and element == document.doc_id:
            continue
        if kind in _DEPENDS and element in roots:
            direct.add(related)
            graph_known = True
        elif kind in _DEPENDENCY_OF and related in roots:
            direct.add(element)
            graph_known = True
            if (scope := _DEPENDENCY_OF[kind]) is not None:
                scopes[element] = scope
    for package in document.packages:
        is_root = package.spdx_id in roots
        is_direct = None
        if graph_known and package.spdx_id is not None and not is_root:
            is_direct = package.spdx_id in direct
        item = identify_component(
            source=source,
            location=package.location,
            name=package.name,
            version=package.version,
            purl=package.purl,
            cpe=package.cpe,
            bom_ref=package.spdx_id,
            direct=is_direct,
            scope=scopes.get(package.spdx_id or ""),
        )
        if isinstance(item, Component):
            inventory.components.append(item)
        elif not is_root:
            inventory.skipped.append(item)
    return inventory


# --- JSON -----------------------------------------------------------------------------------


def _text(entry: dict[str, object], key: str) -> str | None:
    value = entry.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"{key}: expected a string, got {type(value).__name__}")
    return value


def _json_package(entry: object, location: str, document: _Document, source: str) -> None:
    if not isinstance(entry, dict):
        document.skipped.append(Problem("inventory", source, location, "expected a package object"))
        return
    try:
        package = _Package(
            location,
            spdx_id=_text(entry, "SPDXID"),
            name=_value(_text(entry, "name")),
            version=_value(_text(entry, "versionInfo")),
        )
        refs = entry.get("externalRefs") or []
        if not isinstance(refs, list):
            raise ValueError("externalRefs: expected a list")
        for index, ref in enumerate(refs):
            kind = ref.get("referenceType") if isinstance(ref, dict) else None
            locator = ref.get("referenceLocator") if isinstance(ref, dict) else None
            if not isinstance(kind, str) or not isinstance(locator, str):
                raise ValueError(
                    f"externalRefs[{index}]: expected a referenceType and a referenceLocator"
                )
            _add_ref(package, kind, locator)
    except ValueError as exc:
        document.skipped.append(Problem("inventory", source, location, str(exc)))
        return
    document.packages.append(package)


def _json_document(path: Path, data: bytes) -> _Document:
    source = str(path)
    raw = parse_json(data, path)
    version = raw.get("spdxVersion") if isinstance(raw, dict) else None
    if (
        not isinstance(raw, dict)
        or not isinstance(version, str)
        or not _SPEC_VERSION.fullmatch(version)
    ):
        raise InventoryError(
            f"not an SPDX 2 document: spdxVersion is {version!r}",
            path=source,
            location="spdxVersion",
        )
    document = _Document()
    if isinstance(raw.get("SPDXID"), str):
        document.doc_id = raw["SPDXID"]
    describes = raw.get("documentDescribes")
    if isinstance(describes, list):
        document.described.update(d for d in describes if isinstance(d, str))
    packages = raw.get("packages")
    if isinstance(packages, list):
        for index, entry in enumerate(packages):
            _json_package(entry, f"packages[{index}]", document, source)
    elif packages is not None:
        document.skipped.append(Problem("inventory", source, "packages", "expected a list"))
    relationships = raw.get("relationships")
    if isinstance(relationships, list):
        for index, relation in enumerate(relationships):
            parts = (
                [
                    relation.get(key)
                    for key in ("spdxElementId", "relationshipType", "relatedSpdxElement")
                ]
                if isinstance(relation, dict)
                else []
            )
            if len(parts) != 3 or not all(isinstance(p, str) for p in parts):
                document.skipped.append(
                    Problem(
                        "inventory",
                        source,
                        f"relationships[{index}]",
                        "expected spdxElementId, relationshipType and relatedSpdxElement",
                    )
                )
                continue
            _relate(document, *(str(p) for p in parts))
    elif relationships is not None:
        document.skipped.append(Problem("inventory", source, "relationships", "expected a list"))
    return document


def _relate(document: _Document, element: str, kind: str, related: str) -> None:
    kind = kind.strip().upper()
    element, related = element.strip(), related.strip()
    if kind == "DESCRIBES" and element == document.doc_id:
        document.described.add(related)
    elif kind == "DESCRIBED_BY" and related == document.doc_id:
        document.described.add(element)
    document.relationships.append((element, kind, related))


class SpdxJsonFormat(InventoryFormat):
    """SPDX 2.2/2.3 JSON (``*.spdx.json``)."""

    name = "spdx-json"

    def accepts(self, path: Path, head: bytes) -> bool:
        """A JSON object whose first bytes give an ``"spdxVersion": "SPDX-2.x"``."""
        return looks_like_json(path, head, _JSON_HEAD, ".spdx.json")

    def parse(self, path: Path) -> Inventory:
        """Every package of the document; InventoryError when it is not readable SPDX JSON."""
        return _assemble(path, self.name, _json_document(path, read_bytes(path, strip_bom=True)))


# --- tag-value ------------------------------------------------------------------------------


def _tag_values(path: Path, data: bytes) -> list[tuple[int, str, str]]:
    """``(line, tag, value)`` for every tag, with ``<text>`` blocks joined into one value."""
    source = str(path)
    lines = decode_utf8(data, path, encoding="utf-8", with_reason=True).split("\n")
    pairs: list[tuple[int, str, str]] = []
    number = 0
    while number < len(lines):
        line = lines[number].rstrip("\r")
        number += 1
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        tag, colon, value = line.partition(":")
        if not colon or not tag.strip() or " " in tag.strip():
            raise InventoryError(
                f"expected 'Tag: value', got {line[:60]!r}", path=source, location=f"line {number}"
            )
        value = value.strip()
        start = number
        if value.startswith("<text>"):
            block = [value[len("<text>") :]]
            while "</text>" not in block[-1]:
                if number >= len(lines):
                    raise InventoryError(
                        f"{tag.strip()}: <text> is never closed by </text>",
                        path=source,
                        location=f"line {start}",
                    )
                block.append(lines[number].rstrip("\r"))
                number += 1
            value = "\n".join(block).split("</text>", 1)[0]
        pairs.append((start, tag.strip(), value))
    return pairs


def _tag_value_document(path: Path, data: bytes) -> _Document:
    source = str(path)
    pairs = _tag_values(path, data)
    version = next((value for _, tag, value in pairs if tag == "SPDXVersion"), None)
    if version is None or not _SPEC_VERSION.fullmatch(version):
        raise InventoryError(
            f"not an SPDX 2 document: SPDXVersion is {version!r}",
            path=source,
            location="SPDXVersion",
        )
    document = _Document()
    section = "document"
    package: _Package | None = None
    for line, tag, value in pairs:
        if tag == "PackageName":
            section = "package"
            package = _Package(f"line {line}", name=_value(value))
            document.packages.append(package)
        elif tag in {"FileName", "SnippetSPDXID", "LicenseID"}:
            section, package = "other", None
        elif tag == "SPDXID":
            if section == "document":
                document.doc_id = value
            elif package is not None and package.spdx_id is None:
                package.spdx_id = value
        elif tag == "PackageVersion" and package is not None:
            package.version = _value(value)
        elif tag == "ExternalRef" and package is not None:
            parts = value.split(None, 2)
            if len(parts) != 3:
                document.skipped.append(
                    Problem(
                        "inventory",
                        source,
                        f"line {line}",
                        "ExternalRef: expected 'CATEGORY TYPE LOCATOR'",
                    )
                )
                continue
            _add_ref(package, parts[1], parts[2])
        elif tag == "Relationship":
            parts = value.split()
            if len(parts) != 3:
                document.skipped.append(
                    Problem(
                        "inventory",
                        source,
                        f"line {line}",
                        "Relationship: expected 'ELEMENT TYPE ELEMENT'",
                    )
                )
                continue
            _relate(document, *parts)
    return document


class SpdxTagValueFormat(InventoryFormat):
    """SPDX 2.2/2.3 tag-value (``*.spdx``)."""

    name = "spdx-tag-value"

    def accepts(self, path: Path, head: bytes) -> bool:
        """Text with an ``SPDXVersion: SPDX-2.x`` line among its first bytes."""
        start = head.removeprefix(codecs.BOM_UTF8).lstrip()
        return not start.startswith((b"{", b"<")) and _TAG_VALUE_HEAD.search(head) is not None

    def parse(self, path: Path) -> Inventory:
        """Every package of the document; InventoryError when it is not readable tag-value."""
        data = read_bytes(path, strip_bom=True)
        return _assemble(path, self.name, _tag_value_document(path, data))


FORMATS: tuple[InventoryFormat, ...] = (SpdxJsonFormat(), SpdxTagValueFormat())
