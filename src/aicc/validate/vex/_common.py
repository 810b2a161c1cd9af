"""What the VEX readers share: the document being read (its name, how it writes a place, and
VexError raised there), JSON locations, and the purl and CPE identities products are checked
and matched by. Nothing here imports pydantic: `match` uses the identities on every scan."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NoReturn
from urllib.parse import unquote

from packageurl import PackageURL

from aicc.core.cpe import split_cpe
from aicc.core.errors import VexError
from aicc.core.packages import normalize_name, product_key

# --- the document being read ----------------------------------------------------------------

Path_ = tuple[str | int, ...]


def _json_location(path: Path_) -> str:
    """``("statements", 3, "status")`` -> ``statements[3].status``."""
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text


@dataclass(frozen=True, slots=True)
class _Source:
    """The document being read: its file name, and how a place in it is written (a JSON path,
    or an XML path for CycloneDX XML)."""

    name: str
    render: Callable[[Path_], str] = _json_location

    def location(self, path: Path_) -> str:
        """The place ``path`` as the document's format writes it; "top level" for the root."""
        return self.render(path) or "top level"

    def fail(self, message: str, path: Path_ = ()) -> NoReturn:
        raise VexError(message, path=self.name, location=self.location(path))


def _product_problem(text: str) -> str | None:
    """What is wrong with a product identifier: a purl or CPE that does not parse."""
    if _identity(text) is None and text.lower().startswith(("pkg:", "cpe:")):
        return f"not a valid purl or CPE: {text!r}"
    return None


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
