"""Which ordering each OSV ecosystem uses, and the cached sort key behind every comparison."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from aicc.core.packages import base_ecosystem
from aicc.versions._apk import apk_key
from aicc.versions._composer import composer_key
from aicc.versions._dpkg import dpkg_key
from aicc.versions._errors import InvalidVersion, UnknownEcosystem
from aicc.versions._gem import gem_key
from aicc.versions._maven import maven_key
from aicc.versions._pypi import pypi_key
from aicc.versions._rpm import rpm_key
from aicc.versions._semver import go_key, nuget_key, pub_key, semver_key, strict_semver_key
from aicc.versions._vendor import vendor_key
from aicc.versions._vendor_rules import GENERIC, RULES

SortKey = tuple[Any, ...]

# Orderings by name; ``scheme_of`` maps OSV ecosystems onto them.
SCHEMES: dict[str, Callable[[str], SortKey]] = {
    "pypi": pypi_key,
    "osv-semver": semver_key,
    # SemVer 2.0 as written, for CVE records: their "semver" versions may be a vendor's
    # ("22.7R1"), which the family's loose reading would take for 22.7.0-R1.
    "semver": strict_semver_key,
    "go": go_key,
    "pub": pub_key,
    "nuget": nuget_key,
    "maven": maven_key,
    "rubygems": gem_key,
    "composer": composer_key,
    "dpkg": dpkg_key,
    "apk": apk_key,
    "rpm": rpm_key,
    "vendor": vendor_key,
}
# The vendor order with a vendor's own rule ("vendor:vmware"), for appliances of that vendor.
SCHEMES.update({f"vendor:{name}": key for name, key in RULES.items() if name != GENERIC})

# OSV ecosystem (before any ":suffix") -> ordering.
ECOSYSTEM_SCHEMES: dict[str, str] = {
    "PyPI": "pypi",
    "npm": "osv-semver",
    "SemVer": "osv-semver",
    "crates.io": "osv-semver",
    "Hex": "osv-semver",
    "Go": "go",
    "Pub": "pub",
    "NuGet": "nuget",
    "Maven": "maven",
    "RubyGems": "rubygems",
    "Packagist": "composer",
    "Debian": "dpkg",
    "Ubuntu": "dpkg",
    "Alpine": "apk",
    "Wolfi": "apk",  # Wolfi and Chainguard package with apk and publish apk versions
    "Chainguard": "apk",
    "Red Hat": "rpm",
    "Rocky Linux": "rpm",
    "AlmaLinux": "rpm",
    "SUSE": "rpm",
    "openSUSE": "rpm",
    "Mageia": "rpm",
    "openEuler": "rpm",
    "Photon OS": "rpm",
}
_FOLDED = {name.casefold(): scheme for name, scheme in ECOSYSTEM_SCHEMES.items()}


@lru_cache(maxsize=1024)
def scheme_of(ecosystem: str) -> str:
    """The ordering an OSV ecosystem uses: ``"Debian:12"`` -> ``"dpkg"``."""
    base = base_ecosystem(ecosystem).strip()
    scheme = ECOSYSTEM_SCHEMES.get(base) or _FOLDED.get(base.casefold())
    if scheme is None:
        raise UnknownEcosystem(ecosystem)
    return scheme


@lru_cache(maxsize=1 << 18)
def scheme_key(scheme: str, version: str) -> SortKey:
    """The key of ``version`` under a named ordering; ValueError (with a reason) if invalid."""
    if not isinstance(version, str):
        raise ValueError(f"expected a string, got {type(version).__name__}")
    return SCHEMES[scheme](version)


_WORDS_AND_NUMBERS = re.compile(r"\d+|[A-Za-z]+")


def key_in_order(scheme: str, text: str) -> tuple[Any, ...]:
    """A key that sorts any text under ``scheme``: a version by its key, and a text the
    scheme cannot read (no number: "latest") after every version, by its numbers and words."""
    try:
        return (0, scheme_key(scheme, text))
    except ValueError:
        parts = _WORDS_AND_NUMBERS.findall(text)
        return (1, tuple((0, int(p)) if p.isdigit() else (1, p) for p in parts))


@lru_cache(maxsize=1 << 18)
def sort_key(ecosystem: str, version: str) -> SortKey:
    """A comparable key: ``sort_key(e, a) < sort_key(e, b)`` when ``a`` is older than ``b``.

    Keys of one ecosystem compare with each other (and with those of ecosystems sharing its
    ordering, such as Debian and Ubuntu); raises InvalidVersion or UnknownEcosystem.
    """
    scheme = scheme_of(ecosystem)
    try:
        return scheme_key(scheme, version)
    except ValueError as exc:
        raise InvalidVersion(ecosystem, str(version), str(exc)) from None
