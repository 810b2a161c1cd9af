"""What the VEX readers share: typed access to a parsed document that raises VexError at the
place that is wrong, JSON locations, and the purl and CPE identities products are checked and
matched by."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any, NoReturn
from urllib.parse import unquote

from packageurl import PackageURL

from aicc.core.cpe import split_cpe
from aicc.core.errors import VexError
from aicc.core.packages import normalize_name, product_key
from aicc.core.times import parse_time
from aicc.core.vex import JUSTIFICATIONS

# OpenVEX's justifications, each read as itself; CSAF 2.0 flag labels spell them the same way
# (see `csaf`).
_SAME_JUSTIFICATION = {j: j for j in JUSTIFICATIONS}

# --- reading one document -------------------------------------------------------------------

Path_ = tuple[str | int, ...]


def _json_location(path: Path_) -> str:
    """``("statements", 3, "status")`` -> ``statements[3].status``."""
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
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


# --- purl and CPE identities ---------------------------------------------------------------

# purl type -> OSV ecosystem, for names the ecosystem normalises (PyPI's PEP 503, lower case).
_PURL_ECOSYSTEMS = {
    "pypi": "PyPI",
    "cargo": "crates.io",
    "composer": "Packagist",
    "nuget": "NuGet",
    "pub": "Pub",
    "hex": "Hex",
}
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


def _purl_identity(
    purl: PackageURL, name: str | None = None, version: str | None = None
) -> _Identity:
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
        parts = [
            "",
            *(re.sub(r"\\(.)", r"\1", fields[k]) for k in ("vendor", "product", "version")),
        ]
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
        return _Identity(
            "cpe",
            tuple("*" if v in _ANY else product_key(v) for v in (vendor, name)),
            None if version in _ANY else version.lower(),
        )
    return None
