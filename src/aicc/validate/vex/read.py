"""Reading a VEX document: the format told from the content, and the document handed to the
reader of that format.

The readers are imported when a document is read: they load pydantic's models of each format,
which a scan without VEX documents never needs."""

from __future__ import annotations

import codecs
from collections.abc import Sequence
from pathlib import Path

import orjson

from aicc.core.errors import VexError
from aicc.core.files import read_regular
from aicc.core.vex import VexStatement
from aicc.validate.vex._common import _Source

_OPENVEX_CONTEXT = "https://openvex.dev/ns"


def read_vex(path: Path) -> list[VexStatement]:
    """Every statement of an OpenVEX, CycloneDX VEX (JSON or XML) or CSAF VEX document.

    The format is told from the content. Raises VexError naming the file, the place and the
    problem when it cannot be read.
    """
    source = str(path)
    try:
        data = read_regular(path).removeprefix(codecs.BOM_UTF8)
    except OSError as exc:
        raise VexError(f"cannot read: {exc.strerror or exc}", path=source) from exc
    if data.lstrip().startswith(b"<"):
        from aicc.validate.vex.cyclonedx_xml import _cyclonedx_xml

        return _cyclonedx_xml(source, data)
    try:
        doc = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise VexError(
            f"not valid JSON: {exc.msg}",
            path=source,
            location=f"line {exc.lineno}, column {exc.colno}",
        ) from None
    return _read_json(_Source(source), doc)


def _read_json(source: _Source, doc: object) -> list[VexStatement]:
    """The statements of a JSON document, by the reader of the format it is in."""
    if isinstance(doc, dict):
        context = doc.get("@context")
        if isinstance(context, str) and context.startswith(_OPENVEX_CONTEXT):
            from aicc.validate.vex.openvex import _openvex

            return _openvex(source, doc)
        if doc.get("bomFormat") == "CycloneDX":
            from aicc.validate.vex.cyclonedx import _cyclonedx

            return _cyclonedx(source, doc, doc.get("specVersion"))
        document = doc.get("document")
        if isinstance(document, dict) and "csaf_version" in document:
            version = document["csaf_version"]
            if not isinstance(version, str) or not version.startswith("2."):
                source.fail(
                    f"unsupported CSAF version {version!r}: expected 2.x",
                    ("document", "csaf_version"),
                )
            from aicc.validate.vex.csaf import _csaf

            return _csaf(source, doc)
    raise VexError(
        "not a VEX document: expected an object with OpenVEX's '@context' "
        "(https://openvex.dev/ns...), CycloneDX's 'bomFormat' or CSAF's "
        "'document.csaf_version'",
        path=source.name,
        location="top level",
    )


def read_vex_files(paths: Sequence[Path]) -> list[VexStatement]:
    """The statements of every file, in the order given."""
    return [statement for path in paths for statement in read_vex(path)]
