"""CycloneDX VEX in XML: parsed safely (no DTD), brought to the JSON shape `cyclonedx` reads,
with errors placed by XML path."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

from aicc.core.errors import VexError
from aicc.core.vex import VexStatement
from aicc.validate.vex._common import Path_, _Source
from aicc.validate.vex.cyclonedx import _cyclonedx

_CYCLONEDX_XML = re.compile(r"\{http://cyclonedx\.org/schema/bom/1\.(\d+)\}bom")

# The lists CycloneDX XML wraps in a container element (by their JSON name), and the element
# of one item.
_XML_ITEMS = {
    "components": "component",
    "vulnerabilities": "vulnerability",
    "references": "reference",
    "affects": "target",
    "response": "response",
    "authors": "author",
}
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
        key = _XML_NAMES.get(child.tag[len(ns) :], child.tag[len(ns) :])
        if key in _XML_ITEMS:
            value.setdefault(
                key,
                [
                    _xml_value(item, ns, depth + 2)
                    for item in child
                    if isinstance(item.tag, str) and item.tag.startswith(ns)
                ],
            )
        else:
            value.setdefault(key, _xml_value(child, ns, depth + 1))
    return value


def _cyclonedx_xml(source: str, data: bytes) -> list[VexStatement]:
    try:
        root = SafeET.fromstring(data, forbid_dtd=True)
    except ET.ParseError as exc:
        line, column = exc.position
        raise VexError(
            f"not well-formed XML: {str(exc).rsplit(': line ', 1)[0]}",
            path=source,
            location=f"line {line}, column {column + 1}",
        ) from None
    except DefusedXmlException:
        # A CycloneDX BOM never needs a DTD; one is how XXE and "billion laughs" get in.
        raise VexError("refused: the XML declares a DTD", path=source, location="/") from None
    except (LookupError, ValueError) as exc:
        raise VexError(
            f"unreadable XML encoding: {exc}", path=source, location="XML declaration"
        ) from None
    match = _CYCLONEDX_XML.fullmatch(root.tag)
    if match is None:
        raise VexError(
            f"not a VEX document: the XML root element is {root.tag!r}, not a CycloneDX bom",
            path=source,
            location="/",
        )
    try:
        doc = _xml_value(root, root.tag[: -len("bom")])
    except ValueError as exc:
        raise VexError(str(exc), path=source, location="/bom") from None
    return _cyclonedx(
        _Source(source, _xml_location), doc if isinstance(doc, dict) else {}, f"1.{match.group(1)}"
    )
