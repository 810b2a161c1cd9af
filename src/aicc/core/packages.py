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
        namespace = {
            "Debian": "debian",
            "Ubuntu": "ubuntu",
            "Alpine": "alpine",
            "Red Hat": "redhat",
        }.get(base, base.lower().replace(" ", "-"))
    elif purl_type == "pypi":
        name = normalize_name(ecosystem, name)
    plain = _plain_purl(purl_type, namespace, name, version)
    if plain is not None:
        return plain
    if not name.strip().strip("/"):  # PackageURL strips a blank name to None, then TypeErrors
        raise ValueError("Invalid purl: name is a required argument.")  # PackageURL's, for ""
    return str(
        PackageURL(
            type=purl_type,
            namespace=namespace,
            name=name,
            version=version,
            qualifiers=qualifiers or None,
        )
    )


# The names and versions most lock files hold, which PackageURL would write unchanged: for them
# purl_for skips PackageURL's normalising, most of the time a 5,000-package lock file takes.
# tests/inventory/test_purls.py holds this to PackageURL's answer.
_PLAIN_NAMES = {"pypi": re.compile(r"[a-z0-9-]+"), "npm": re.compile(r"[a-z0-9][a-z0-9._~-]*")}
_PLAIN_NPM_SCOPE = re.compile(r"@[a-z0-9][a-z0-9._~-]*")
_PLAIN_VERSION = re.compile(r"[0-9A-Za-z._~-]+")


def _plain_purl(
    purl_type: str, namespace: str | None, name: str, version: str | None
) -> str | None:
    """The purl PackageURL would write for a plain PyPI or npm name and version; else None."""
    plain_name = _PLAIN_NAMES.get(purl_type)
    if plain_name is None or not plain_name.fullmatch(name):
        return None
    if version is not None and not _PLAIN_VERSION.fullmatch(version):
        return None
    if namespace is not None and not (purl_type == "npm" and _PLAIN_NPM_SCOPE.fullmatch(namespace)):
        return None
    scope = f"%40{namespace[1:]}/" if namespace else ""
    return f"pkg:{purl_type}/{scope}{name}" + (f"@{version}" if version else "")


_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def product_key(text: str) -> str:
    """A vendor or product name reduced for matching: ``"Palo Alto Networks"`` and the CPE
    spelling ``"paloaltonetworks"`` both give ``"paloaltonetworks"``; ``"PAN-OS"`` -> ``"panos"``.
    """
    return _NOT_ALNUM.sub("", text.lower())
