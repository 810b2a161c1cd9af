"""Package names and purls per OSV ecosystem: how each ecosystem spells the same package."""

from __future__ import annotations

import re

from packageurl import PackageURL

# OSV ecosystem (before any ":suffix") -> purl type
PURL_TYPES: dict[str, str] = {
    "PyPI": "pypi",
    "npm": "npm",
    "Go": "golang",
    "crates.io": "cargo",
    "Maven": "maven",
    "RubyGems": "gem",
    "Packagist": "composer",
    "NuGet": "nuget",
    "Pub": "pub",
    "Hex": "hex",
    "Debian": "deb",
    "Ubuntu": "deb",
    "Alpine": "apk",
    "Red Hat": "rpm",
    "Rocky Linux": "rpm",
    "AlmaLinux": "rpm",
    "SUSE": "rpm",
    "openSUSE": "rpm",
    "GitHub Actions": "github",
    "SwiftURL": "swift",
}

# Ecosystems whose registries treat names case-insensitively.
_CASE_INSENSITIVE = {"NuGet", "Packagist", "Hex", "Pub", "crates.io"}
_PEP503 = re.compile(r"[-_.]+")


def base_ecosystem(ecosystem: str) -> str:
    """``"Debian:12"`` -> ``"Debian"``; OSV appends releases after a colon."""
    return ecosystem.split(":", 1)[0]


def normalize_name(ecosystem: str, name: str) -> str:
    """The key under which a registry considers two names the same package.

    PyPI follows PEP 503 (``Foo.Bar`` == ``foo-bar``); case-insensitive registries are
    lower-cased; everything else (Go module paths, npm, Maven ``group:artifact``) is exact.
    """
    base = base_ecosystem(ecosystem)
    if base == "PyPI":
        return _PEP503.sub("-", name).lower()
    if base in _CASE_INSENSITIVE:
        return name.lower()
    return name


def purl_for(ecosystem: str, name: str, version: str | None = None) -> str | None:
    """The purl of a package (version-less by default), or None when the ecosystem has none."""
    base = base_ecosystem(ecosystem)
    purl_type = PURL_TYPES.get(base)
    if purl_type is None:
        return None
    namespace: str | None = None
    qualifiers: dict[str, str] = {}
    if purl_type == "maven" and ":" in name:
        namespace, name = name.split(":", 1)
    elif purl_type in {"npm", "golang", "composer", "github", "swift"} and "/" in name:
        namespace, name = name.rsplit("/", 1)
    elif purl_type in {"deb", "apk", "rpm"}:
        namespace = {"Debian": "debian", "Ubuntu": "ubuntu", "Alpine": "alpine",
                     "Red Hat": "redhat"}.get(base, base.lower().replace(" ", "-"))
    elif purl_type == "pypi":
        name = normalize_name(ecosystem, name)
    return str(PackageURL(type=purl_type, namespace=namespace, name=name, version=version,
                          qualifiers=qualifiers or None))


_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def product_key(text: str) -> str:
    """A vendor or product name reduced for matching: ``"Palo Alto Networks"`` and the CPE
    spelling ``"paloaltonetworks"`` both give ``"paloaltonetworks"``; ``"PAN-OS"`` -> ``"panos"``.
    """
    return _NOT_ALNUM.sub("", text.lower())
