"""CVE JSON 5 ``affected[].versions`` and NVD ``cpeMatch`` bounds, for appliances and products.

The status algorithm is the one in the CVE schema's ``docs/versions.md``: the first entry that
matches a version decides its status (a range's ``changes`` move it along), and versions no
entry matches take ``defaultStatus`` ("unknown" when absent). Real records stretch the format,
so these are read as they are meant: "0", "unspecified", "n/a" or "*" as a lower bound mean
none; "*", "All" or "all versions" mean every version; "6.6.*" ends after every 6.6.x; "9.3.x"
alone is the 9.3 series; "12.1.2" through "12.1.2" is that release with its builds ("12.1.2.172",
as Veeam numbers builds); an upper bound "p6" after "13.3-RELEASE" (FreeBSD) is
"13.3-RELEASE-p6". Versions compare in the order the entry's ``versionType`` names when that
order reads all of them, and otherwise in the tolerant vendor order, with the rule of the
vendor's own numbering where the generic order would misplace it (`aicc.versions._vendor_rules`:
Exchange update names, MOVEit year releases, VMware "U2b", Apache milestones, Zyxel "ZLD").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from aicc.versions._cve_ranges import AFTER, NAMED, UNREADABLE, read_entries
from aicc.versions._ecosystems import SortKey, scheme_key
from aicc.versions._errors import InvalidVersion
from aicc.versions._vendor_rules import GENERIC, rule_for

_EVERY_VERSION = frozenset(
    {
        "*",
        "all",
        "all versions",
        "any",
        "vers:all/*",
        "all releases",
        "firmware all versions",
        "all firmware versions",
    }
)
_NO_LOWER_BOUND = _EVERY_VERSION | {
    "",
    "0",
    "-",
    "n/a",
    "na",
    "unspecified",
    "unknown",
    "earlier",
    "prior",
    "previous versions",
    "various",
    "?",
}
_VERSION_TYPES = {
    "semver": "semver",
    "npm": "semver",
    "cargo": "semver",
    "maven": "maven",
    "python": "pypi",
    "pypi": "pypi",
    "pep440": "pypi",
    "rpm": "rpm",
    "deb": "dpkg",
    "debian": "dpkg",
    "dpkg": "dpkg",
    "apk": "apk",
    "alpine": "apk",
    "gem": "rubygems",
    "rubygems": "rubygems",
    "nuget": "nuget",
    "go": "go",
    "golang": "go",
    "composer": "composer",
    "packagist": "composer",
}
# versionType values whose versions are commits, among which no release can be placed.
_COMMIT_TYPES = frozenset({"git", "hg", "svn", "commit"})
_RELATIVE_BOUND = re.compile(r"[A-Za-z]{1,4}[0-9]+")  # "p6", "h1": a patch on the start
_V_PREFIX = re.compile(r"[vV][0-9]")
_X_SEGMENT = re.compile(r"(?<=\.)[xX](?=\.|$)")
_ALSO_NAMED = re.compile(r"\s*(?P<outer>[^()]*\d[^()]*?)\s*\(\s*(?P<inner>[^()]*\d[^()]*?)\s*\)\s*")
_FIRST_NUMBER = re.compile(r"\d+")
_NOT_ALNUM = re.compile(r"[\W_]+")
_SERIES = re.compile(r"(.*\d)\.[xX*]")  # "9.3.x", "9.3.*"
_RELEASE = re.compile(r"\d+(?:\.\d+){2,}")  # "12.1.2": a release with builds below it
_STATUS: dict[Any, bool | None] = {"affected": True, "unaffected": False}

# What an entry says about a version besides a status (True, False, None).
_NO_MATCH = object()
_UNDECIDED = object()


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


@lru_cache(maxsize=1 << 16)  # the same bounds are read for every row of an inventory
def _key(scheme: str, version: str) -> SortKey | None:
    try:
        return scheme_key(scheme, version)
    except ValueError:
        return None


def vendor_order(vendor: str | None, product: str | None) -> str:
    """The order of an appliance's versions: the vendor order, with the rule of its vendor's
    numbering where it has one (`aicc.versions._vendor_rules`)."""
    rule = rule_for(vendor, product)
    return "vendor" if rule == GENERIC else f"vendor:{rule}"


def _order(version_type: str, texts: list[str], base: str = "vendor") -> str:
    """The versionType's order when it reads every text, else the vendor order (also for a
    wildcard: Maven reads "2.426.*" as a qualifier below 2.426.3, not as every 2.426.x)."""
    scheme = _VERSION_TYPES.get(version_type)
    if (
        scheme is None
        or any("*" in text or _X_SEGMENT.search(text) for text in texts)
        or any(_key(scheme, text) is None for text in texts)
    ):
        return base
    return scheme


def _name(text: str) -> str:
    """A release's name without case, spaces or punctuation."""
    return _NOT_ALNUM.sub("", text.casefold())


def _in_form_of(bound: str, version: str, other: str) -> str:
    """A bound written with a second name in brackets, in the name that starts like
    ``version``: Progress writes "2024 Q1 (10.0.24.130)" (Telerik Report Server's release and
    its version) and "2023.0.6 (15.0.6)" (MOVEit's release and its internal number); read
    whole, 10.1.24.514 would lie below "2024 Q1" and be affected. ``bound`` as written when
    the range's ``other`` bound is written in the outer name alone ("2023.0.0": the vendor's
    rule reads both, `aicc.versions._vendor_rules.moveit_key`), or when neither name starts
    like ``version``."""
    named = _ALSO_NAMED.fullmatch(bound) if "(" in bound else None
    if named is None:
        return bound
    outer, inner = named["outer"].strip(), named["inner"].strip()
    if (
        other.casefold() not in _NO_LOWER_BOUND
        and _ALSO_NAMED.fullmatch(other) is None
        and _first(other) == _first(outer)
    ):
        return bound
    for form in (inner, outer):
        if _first(form) is not None and _first(form) == _first(version):
            return form
    return bound


def _first(text: str) -> int | None:
    found = _FIRST_NUMBER.search(text)
    return int(found.group(0)) if found else None


def _in_range(
    item: Mapping[str, Any],
    version: str,
    lower: str,
    upper: str,
    inclusive: bool,
    base: str = "vendor",
) -> object:
    """An entry's status for ``version`` within [lower, upper), or a non-status marker."""
    lower, upper = _in_form_of(lower, version, upper), _in_form_of(upper, version, lower)
    no_lower = lower.casefold() in _NO_LOWER_BOUND
    no_upper = upper.casefold() in _EVERY_VERSION
    changes = [
        (_text(c.get("at")), c.get("status"))
        for c in item.get("changes") or []
        if isinstance(c, Mapping)
    ]
    texts = [version, *[at for at, _ in changes]]
    texts += [t for t, skip in ((lower, no_lower), (upper, no_upper)) if not skip]
    scheme = _order(_text(item.get("versionType")).lower(), texts, base)
    key = _key(scheme, version)
    if key is None:
        return _UNDECIDED
    if not no_lower:
        if scheme.startswith("vendor"):  # a "*" in a lower bound starts the series (from 9.3)
            lower = _X_SEGMENT.sub("*", lower).split("*", 1)[0].rstrip(".") or "0"
        lower_key = _key(scheme, lower)
        if lower_key is None:
            return _UNDECIDED
        if key < lower_key or (key == lower_key and item.get(AFTER)):
            return _NO_MATCH  # below the start, or at a start the range leaves out ("> 5.0.0")
    if not no_upper:
        upper_key = _key(scheme, upper)
        if upper_key is None:
            return _UNDECIDED  # "publication", "latest", a URL: the end is not known
        if key > upper_key or (key == upper_key and not inclusive):
            return _NO_MATCH
    status = _STATUS.get(item.get("status"))
    keyed = []
    for at, change_status in changes:
        at_key = _key(scheme, at)
        if at_key is None:
            return _UNDECIDED
        keyed.append((at_key, change_status))
    for at_key, change_status in sorted(keyed, key=lambda change: change[0]):
        if at_key <= key:
            status = _STATUS.get(change_status)
    return status


def _build_of(version: str, release: str) -> bool:
    """Whether ``version`` is a build of ``release``: one more number ("12.1.2.172" of
    "12.1.2"). Only for releases of three numbers or more, where a fourth is a build number."""
    head, dot, build = version.rpartition(".")
    return bool(dot) and head == release and build.isdigit() and bool(_RELEASE.fullmatch(release))


def _match(item: Mapping[str, Any], version: str, base: str = "vendor") -> object:
    """The entry's status for ``version`` (True/False/None), ``_NO_MATCH`` or ``_UNDECIDED``."""
    if item.get(UNREADABLE):
        return _UNDECIDED
    start = _text(item.get("version"))
    if item.get(NAMED):  # one release named in words: it holds only itself
        return _STATUS.get(item.get("status")) if _name(start) == _name(version) else _NO_MATCH
    less_than, less_equal = item.get("lessThan"), item.get("lessThanOrEqual")
    if less_than is None and less_equal is None:
        if start.casefold() in _EVERY_VERSION or start.casefold() == version.casefold():
            return _STATUS.get(item.get("status"))
        if series := _SERIES.fullmatch(start):
            return _in_range(item, version, series.group(1), series.group(1) + ".*", True, base)
        start_key = _key(base, start)
        if start_key is None:
            return _UNDECIDED  # "n/a", "See references": says nothing about this version
        scheme = _order(_text(item.get("versionType")).lower(), [version, start], base)
        key = _key(scheme, version)
        if key is None:
            return _NO_MATCH
        return _STATUS.get(item.get("status")) if key == _key(scheme, start) else _NO_MATCH
    if _text(item.get("versionType")).lower() in _COMMIT_TYPES:
        return _NO_MATCH
    upper = _text(less_than if less_than is not None else less_equal)
    if less_than is None and upper == start and _build_of(version, start):
        return _STATUS.get(item.get("status"))
    if series := _SERIES.fullmatch(start):
        # "8.1.x" lessThan "8.1.16": the entry speaks for the whole 8.1 series, so a later
        # 8.1 release is unaffected even when the record's defaultStatus says "affected".
        found = _in_range(item, version, start, upper, less_than is None, base)
        if found is _NO_MATCH and item.get("status", "affected") == "affected":
            whole = _in_range({}, version, series.group(1), series.group(1) + ".*", True, base)
            if whole is not _NO_MATCH and whole is not _UNDECIDED:
                return False
        return found
    if (
        _RELATIVE_BOUND.fullmatch(upper)
        and not _V_PREFIX.match(upper)
        and start[:1].isdigit()
        and start.casefold() not in _NO_LOWER_BOUND
    ):
        upper = f"{start}-{upper}"  # FreeBSD: "13.3-RELEASE" lessThan "p6"
    return _in_range(item, version, start, upper, less_than is None, base)


class CveProduct:
    """One CVE JSON 5 ``affected`` product's ``versions`` and ``defaultStatus``, read once
    (`read_entries`) and asked about many installed versions."""

    __slots__ = ("_unaffected", "default_status", "entries", "order")

    def __init__(
        self,
        versions: Sequence[Mapping[str, Any]],
        default_status: str | None = None,
        product: str | None = None,
        vendor: str | None = None,
    ) -> None:
        self.entries = [
            item for item in read_entries(versions, product) if isinstance(item, Mapping)
        ]
        self.default_status = default_status
        self.order = vendor_order(vendor, product)  # the vendor's numbering, where it has rules
        self._unaffected: list[str] | None = None

    def status(self, version: str) -> bool | None:
        """See `cve_affected`."""
        return self._walk(version, every=False)[0]

    def decide(self, version: str) -> tuple[bool | None, list[str]]:
        """`status` and `unreadable` of ``version`` in one pass over the entries."""
        status, unread, _affecting = self.read(version)
        return status, unread

    def read(self, version: str) -> tuple[bool | None, list[str], list[Mapping[str, Any]]]:
        """`status`, `unreadable` and `affecting` of ``version`` in one pass over the
        entries (the matcher asks all three of every row)."""
        affecting: list[Mapping[str, Any]] = []
        status, unread = self._walk(version, every=True, affecting=affecting)
        return status, unread, affecting

    def _walk(
        self,
        version: str,
        *,
        every: bool,
        affecting: list[Mapping[str, Any]] | None = None,
    ) -> tuple[bool | None, list[str]]:
        """The status of ``version`` (the first entry that matches decides) and, with
        ``every``, the texts of every entry that cannot be read for it (else those read before
        the deciding one), and into ``affecting`` the entries that put it in an affected
        range (`affecting`)."""
        version = version.strip() if isinstance(version, str) else ""
        if not version:
            raise InvalidVersion("vendor", version, "empty")
        undecided: list[bool | None] = []
        unread: list[str] = []
        decided: list[bool | None] = []
        for item in self.entries:
            result = _match(item, version, self.order)
            if result is _NO_MATCH:
                continue
            if result is _UNDECIDED:
                unread.append(_entry_text(item))
                if not decided:
                    undecided.append(_STATUS.get(item.get("status")))
                continue
            if (
                affecting is not None
                and result is True
                and item.get("status", "affected") == "affected"
            ):
                affecting.append(item)
            if not decided:
                status = result if isinstance(result, bool) else None
                decided.append(status if all(u == status for u in undecided) else None)
                if not every:
                    break
        if decided:
            return decided[0], unread
        if undecided:
            return None, unread
        if self.default_status == "affected":
            return _outside_ranges(version, self.entries, self.order), unread
        return _STATUS.get(self.default_status or "unknown"), unread

    def affecting(self, version: str) -> list[Mapping[str, Any]]:
        """The entries that put ``version`` in an affected range: where the fix versions of
        ``version``'s own line are found."""
        if not isinstance(version, str) or not version.strip():
            return []
        return self.read(version)[2]

    def past_a_fix(self, version: str) -> bool:
        """Whether ``version`` has reached the fix of an affected range it started in: at or
        above its ``lessThan``, above its ``lessThanOrEqual`` (Google's "116.0.5845.179"
        lessThan "116.0.5845.179": Chrome 128 is past it). The record then names a fix this
        version has, though without a ``defaultStatus`` it does not call it unaffected."""
        have = _key(self.order, version.strip()) if isinstance(version, str) else None
        if have is None:
            return False
        for item in self.entries:
            if item.get("status", "affected") != "affected" or item.get(UNREADABLE):
                continue
            less_than, less_equal = _text(item.get("lessThan")), _text(item.get("lessThanOrEqual"))
            upper = less_than or less_equal
            if not upper or upper.casefold() in _EVERY_VERSION or "*" in upper:
                continue
            upper_key = _key(self.order, upper)
            start = _text(item.get("version"))
            # () is below every key: a range with no start holds every earlier version
            lower_key = () if start.casefold() in _NO_LOWER_BOUND else _key(self.order, start)
            if upper_key is None or lower_key is None:
                continue  # a bound no order reads: no fix is named
            if have >= lower_key and (have >= upper_key if less_than else have > upper_key):
                return True
        return False

    def points_only(self) -> bool:
        """Whether every entry names one release (no range): Ivanti's "2022 SU6" and "2024
        September Security Update" unaffected, beside a defaultStatus."""
        return bool(self.entries) and all(_is_point(item) for item in self.entries)

    @staticmethod
    def every_version_only(entries: Sequence[Mapping[str, Any]]) -> bool:
        """Whether ``entries`` (those affecting a version) are all entries for every version
        (``"*"``, no bound): a statement about the product, not about its versions."""
        return bool(entries) and all(
            _is_point(item) and _text(item.get("version")).casefold() in _EVERY_VERSION
            for item in entries
        )

    def named_unaffected(self) -> list[str]:
        """The versions this record names as fixes or unaffected releases that it calls
        unaffected: "8.0.28" of "8.0.x" lessThan "8.0.28" (the series' later releases are
        fixed). Read once per record."""
        if self._unaffected is None:
            self._unaffected = self._named_unaffected()
        return self._unaffected

    def _named_unaffected(self) -> list[str]:
        # only a fix bound, an unaffected entry or change can name an unaffected version (a
        # list of affected releases, one by one, as Cisco writes them, names none)
        named: dict[str, None] = {}
        for item in self.entries:
            unaffected = item.get("status", "affected") != "affected"
            texts = [item.get("lessThan"), item.get("version") if unaffected else None]
            texts += [
                c.get("at")
                for c in item.get("changes") or []
                if isinstance(c, Mapping) and c.get("status") != "affected"
            ]
            for text in texts:
                text = _text(text)
                if text and "*" not in text and not _X_SEGMENT.search(text):
                    named.setdefault(text)
        return [text for text in named if self.status(text) is False]

    def holds(self, entry: Mapping[str, Any], version: str) -> bool:
        """Whether ``entry`` (another record's, read by `read_entries`) puts ``version`` in
        an affected range, in this product's order."""
        return _match(entry, version, self.order) is True

    def first_unaffected_above(self, version: str) -> str | None:
        """The lowest version this product's entries name above ``version`` that they mark
        unaffected ("8.5.9 to 8.5.10" unaffected above "8.3.0 to 8.3.4" affected: 8.5.9), or
        None. The fix a record gives only in its unaffected entries, never an invented one."""
        try:
            floor = scheme_key(self.order, version.strip())
        except ValueError:
            return None
        named: dict[str, Any] = {}
        for item in self.entries:
            texts = [item.get("version"), item.get("lessThan"), item.get("lessThanOrEqual")]
            texts += [c.get("at") for c in item.get("changes") or [] if isinstance(c, Mapping)]
            for text in texts:
                text = _text(text)
                wildcard = "*" in text or _X_SEGMENT.search(text)  # "6.11.x": no release
                if text and not wildcard and text not in named:
                    try:
                        named[text] = scheme_key(self.order, text)
                    except ValueError:
                        continue
        for text, key in sorted(named.items(), key=lambda pair: pair[1]):
            if key > floor and self.status(text) is False:
                return text
        return None

    def unreadable(self, version: str) -> list[str]:
        """The texts of the entries that could not be read to decide ``version`` (a range in
        words, a bound that holds no version): a data problem to report, never a guess."""
        version = version.strip() if isinstance(version, str) else ""
        return [
            _entry_text(item)
            for item in self.entries
            if _match(item, version, self.order) is _UNDECIDED
        ]


def _is_point(item: Mapping[str, Any]) -> bool:
    """Whether an entry names one version, with no bound and no changes."""
    return not item.get("lessThan") and not item.get("lessThanOrEqual") and not item.get("changes")


def _entry_text(item: Mapping[str, Any]) -> str:
    """An entry as its record wrote it, for a data problem: ``"n/a"``, ``"7.0 to publication"``."""
    bound = item.get("lessThan") or item.get("lessThanOrEqual")
    text = _text(item.get("version"))
    if not isinstance(bound, str) or not bound:
        return text
    marked = " (marked unaffected)" if item.get("status") == "unaffected" else ""
    return f"{text} to {bound}{marked}"


def cve_affected(
    version: str,
    versions: Sequence[Mapping[str, Any]],
    default_status: str | None = None,
    *,
    product: str | None = None,
    vendor: str | None = None,
) -> bool | None:
    """The status of ``version`` under a CVE JSON 5 product's ``versions`` and ``defaultStatus``.

    True: affected; False: unaffected; None: unknown (the record says so, or cannot decide, as
    with an upper bound of "publication"). An entry that cannot be decided before the one that
    matches makes the answer unknown, unless it would give the same status. Entries are first
    read as their authors meant them (`read_entries`); ``product`` picks a product's clauses
    in a text that names several. ``vendor`` and ``product`` pick the vendor's numbering rule
    (`aicc.versions._vendor_rules`), if any.
    """
    return CveProduct(versions, default_status, product, vendor).status(version)


def _outside_ranges(
    version: str, entries: Sequence[Mapping[str, Any]], base: str = "vendor"
) -> bool | None:
    """A ``defaultStatus`` of "affected" beside affected ranges that end in fixes, for a
    version no range holds: affected below every range (an older line the record does not
    list), unknown above a fix or between ranges (Adobe lists one line's fix where several are
    affected; PHP every line's), so that another source decides. Read literally the default
    would make every fixed release affected (PHP's, CrushFTP's, Progress's records). A list of
    affected versions only, one by one, is the affected set: another version is unknown (CISA's
    ADP lists Check Point's R80.40 to R81.20 with "affected" as default: R82 is not). A
    release the record names unaffected counts as a fix: a version above one is unknown
    (Ivanti lists "2022 SU6" and "2024 September Security Update" unaffected: 2022 SU5 is
    affected, 2024 SU1 unknown)."""
    key = _key(base, version)
    fixed_points = [
        _key(base, _text(item.get("version")))
        for item in entries
        if item.get("status") == "unaffected" and _is_point(item)
    ]
    if key is not None and any(k is not None and key > k for k in fixed_points):
        return None
    if entries and all(
        item.get("status", "affected") == "affected"
        and not item.get("lessThan")
        and not item.get("lessThanOrEqual")
        for item in entries
    ):
        return None
    starts, ends = [], []
    for item in entries:
        if item.get("status", "affected") != "affected":
            continue
        upper = _text(item.get("lessThan") or item.get("lessThanOrEqual"))
        if not upper or upper.casefold() in _EVERY_VERSION or "*" in upper:
            continue  # no bound, or one closing a release line ("4.17.*"): not a fix
        ends.append(_key(base, upper))
        start = _text(item.get("version"))
        starts.append(None if start.casefold() in _NO_LOWER_BOUND else _key(base, start))
    if not ends or key is None or any(k is None for k in ends):
        return True  # no range ends in a fix: the default speaks (Jenkins: "affected" below X)
    known_starts = [k for k in starts if k is not None]
    if len(known_starts) == len(starts) and all(key < k for k in known_starts):
        return True
    return None  # above every fix, or between ranges: another source may know (ADP lines)


def nvd_match(
    version: str,
    start_including: str | None = None,
    start_excluding: str | None = None,
    end_including: str | None = None,
    end_excluding: str | None = None,
    exact_version: str | None = None,
    *,
    vendor: str | None = None,
    product: str | None = None,
) -> bool:
    """Whether ``version`` satisfies an NVD ``cpeMatch``: its CPE's version and its bounds.

    ``exact_version`` is the version field of the criteria CPE; "*", "-" and None mean any
    version. Compared in the vendor order. A bound that holds no version (no digit), or a
    ``version`` that holds none ("latest"), cannot be placed, so such a match fails rather
    than matching everything; an exact CPE version still matches its own spelling.
    ``vendor`` and ``product`` pick the vendor's numbering rule, if any.
    """
    if not isinstance(version, str) or not version.strip():
        raise InvalidVersion("vendor", str(version), "empty")
    order = vendor_order(vendor, product)
    key = _key(order, version)
    exact = _text(exact_version)
    if (
        exact not in ("*", "-", "")
        and exact.casefold() != version.strip().casefold()
        and (key is None or _key(order, exact) != key)
    ):
        return False
    bounds = (
        (start_including, 0, True),
        (start_excluding, 0, False),
        (end_including, 1, True),
        (end_excluding, 1, False),
    )
    for bound, is_end, inclusive in bounds:
        if bound is None or not bound.strip():
            continue
        bound_key = _key(order, bound)
        if key is None or bound_key is None:
            return False
        if is_end and (key > bound_key or (key == bound_key and not inclusive)):
            return False
        if not is_end and (key < bound_key or (key == bound_key and not inclusive)):
            return False
    return True


def unreadable_entries(
    version: str, versions: Sequence[Mapping[str, Any]], product: str | None = None
) -> list[str]:
    """See `CveProduct.unreadable`."""
    return CveProduct(versions, None, product).unreadable(version)
