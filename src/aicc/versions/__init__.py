"""Ecosystem version semantics: ordering per OSV ecosystem, and OSV, CVE and NVD range matching.

``compare``/``sort_key`` order versions as each ecosystem's own tool does (pip, npm, Go, Cargo,
Maven, RubyGems, Composer, NuGet, pub, mix, dpkg, apk, rpm); ``affected_by`` and
``fixed_versions`` evaluate OSV ``affected`` entries; ``cve_affected`` and ``nvd_match`` read
CVE JSON 5 and NVD version bounds for products and appliances in a tolerant vendor order.
"""

from aicc.versions._compare import Version, compare, is_valid, parse
from aicc.versions._cve import (
    CveProduct,
    cve_affected,
    nvd_match,
    unreadable_entries,
)
from aicc.versions._cve_ranges import names_product
from aicc.versions._ecosystems import SortKey, scheme_of, sort_key
from aicc.versions._errors import InvalidVersion, UnknownEcosystem, VersionError
from aicc.versions._osv import (
    OsvAffected,
    UnusableRange,
    affected_by,
    fixed_versions,
    unusable_ranges,
)

__all__ = [
    "CveProduct",
    "InvalidVersion",
    "OsvAffected",
    "SortKey",
    "UnknownEcosystem",
    "UnusableRange",
    "Version",
    "VersionError",
    "affected_by",
    "compare",
    "cve_affected",
    "fixed_versions",
    "is_valid",
    "names_product",
    "nvd_match",
    "parse",
    "scheme_of",
    "sort_key",
    "unreadable_entries",
    "unusable_ranges",
]
