"""OSV ``affected[]`` evaluation: explicit versions and ECOSYSTEM/SEMVER ranges.

This is the schema's ``IsVulnerable`` pseudocode. A range whose events cannot all be read
(an invalid version, a malformed event, an unknown type) is left out as a whole, not event by
event: dropping one ``fixed`` would turn a closed range into an open one, and dropping one
``introduced`` would hide affected versions. Matching then rests on the explicit ``versions``
list, which OSV asks for alongside every ECOSYSTEM range; ``unusable_ranges`` says what was left
out and why, so a caller can report it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from aicc.versions._ecosystems import SortKey, scheme_key, scheme_of, sort_key

EVENT_KINDS = ("introduced", "fixed", "last_affected", "limit")
_SEMVER_FAMILY = ("osv-semver", "go")


@dataclass(frozen=True, slots=True)
class UnusableRange:
    """A range of an ``affected`` entry that matching had to leave out."""

    index: int
    reason: str


@dataclass(frozen=True, slots=True)
class _Range:
    """A range ready for evaluation: events sorted by version; ``None`` keys are 0 and "*"."""

    scheme: str
    events: tuple[tuple[SortKey | None, str, str], ...]  # (key, kind, version)
    limits: tuple[SortKey | None, ...]


def _range_scheme(ecosystem_scheme: str, range_type: Any) -> str | None:
    if range_type == "ECOSYSTEM":
        return ecosystem_scheme
    if range_type == "SEMVER":
        # SEMVER ranges use SemVer 2.0 precedence whatever the ecosystem, on versions read as
        # OSV's own tools read them ("1.2" is 1.2.0); Go's ordering is that precedence plus the
        # "v1.2" shorthands, so Go keeps its own.
        return ecosystem_scheme if ecosystem_scheme in _SEMVER_FAMILY else "osv-semver"
    return None


def _prepare(ecosystem_scheme: str, entry: Any) -> _Range | str | None:
    """A usable range, the reason it is unusable, or None for a GIT range (not ours to read)."""
    if not isinstance(entry, Mapping):
        return "not an object"
    range_type = entry.get("type")
    if range_type == "GIT":
        return None
    scheme = _range_scheme(ecosystem_scheme, range_type)
    if scheme is None:
        return f"unknown range type {range_type!r}"
    raw_events = entry.get("events")
    if not isinstance(raw_events, list) or not raw_events:
        return "no events"
    events: list[tuple[SortKey | None, str, str]] = []
    limits: list[SortKey | None] = []
    for event in raw_events:
        if not isinstance(event, Mapping) or len(event) != 1:
            return f"malformed event {event!r}"
        ((kind, text),) = event.items()
        if kind not in EVENT_KINDS or not isinstance(text, str):
            return f"malformed event {event!r}"
        if (kind == "introduced" and text == "0") or (kind == "limit" and "*" in text):
            key = None
        else:
            try:
                key = scheme_key(scheme, text)
            except ValueError as exc:
                return f"{kind} {text!r} is not a valid version: {exc}"
        if kind == "limit":
            limits.append(key)
        else:
            events.append((key, kind, text))
    # A stable sort: events at equal versions keep the record's order ("fixed 2.0" then
    # "introduced 2.0" continues a range; "introduced 1.0" then "fixed 1.0" is empty).
    events.sort(key=lambda event: (0, ()) if event[0] is None else (1, event[0]))
    return _Range(scheme, tuple(events), tuple(limits))


def _includes(prepared: _Range, key: SortKey) -> bool:
    """IncludedInRanges for one range, with BeforeLimits."""
    if prepared.limits and not any(limit is None or key < limit for limit in prepared.limits):
        return False
    vulnerable = False
    for event_key, kind, _text in prepared.events:
        if kind == "introduced":
            if event_key is None or key >= event_key:
                vulnerable = True
        elif kind == "fixed":
            if event_key is not None and key >= event_key:
                vulnerable = False
        elif event_key is not None and key > event_key:  # last_affected
            vulnerable = False
    return vulnerable


def _key_in(prepared: _Range, ecosystem: str, version: str, *, strict: bool) -> SortKey | None:
    """A version's key for a range, or None when the range's ordering cannot read it.

    With ``strict``, a version the ecosystem itself cannot read raises InvalidVersion: that is
    the caller's installed version, not advisory data.
    """
    if strict and prepared.scheme == scheme_of(ecosystem):
        return sort_key(ecosystem, version)
    try:
        return scheme_key(prepared.scheme, version)
    except ValueError:
        return None


class OsvAffected:
    """One OSV ``affected`` entry (its ranges and versions), read once to match many versions."""

    def __init__(self, ecosystem: str, ranges: Sequence[Any], versions: Iterable[Any] = ()) -> None:
        ecosystem_scheme = scheme_of(ecosystem)  # UnknownEcosystem before anything else
        self.ecosystem = ecosystem
        self.ranges: list[_Range] = []
        self.unusable: list[UnusableRange] = []
        for index, entry in enumerate(ranges):
            prepared = _prepare(ecosystem_scheme, entry)
            if isinstance(prepared, _Range):
                self.ranges.append(prepared)
            elif prepared is not None:
                self.unusable.append(UnusableRange(index, prepared))
        self.versions = frozenset(v.strip() for v in versions if isinstance(v, str))
        self._listed_keys: frozenset[SortKey] | None = None

    def _listed(self, version: str) -> bool:
        """IncludedInVersions: the same string, or the same version ("1.0" and "1.0.0" in PyPI)."""
        if version.strip() in self.versions:
            return True
        if self._listed_keys is None:
            keys = set()
            for listed in self.versions:
                try:
                    keys.add(sort_key(self.ecosystem, listed))
                except ValueError:
                    continue  # a listed tag that is no version of the ecosystem: only == matches
            self._listed_keys = frozenset(keys)
        try:
            return sort_key(self.ecosystem, version) in self._listed_keys
        except ValueError:
            return False

    def affects(self, version: str) -> bool:
        """Whether ``version`` is affected: listed, or inside a usable range.

        GIT ranges never match a version here: only the explicit ``versions`` list can. Raises
        InvalidVersion when ``version`` is not a version of the ecosystem and a range needs it.
        """
        if self._listed(version):
            return True
        for prepared in self.ranges:
            key = _key_in(prepared, self.ecosystem, version, strict=True)
            if key is not None and _includes(prepared, key):
                return True
        return False

    def fixed_versions(self, version: str) -> list[str]:
        """The ``fixed`` versions above ``version`` in the ranges that include it, smallest first.

        The first is the nearest upgrade out of the vulnerable range. A fixed version that a
        range still includes (a regression) is left out; the list is empty when no range
        includes ``version`` or no fix is known (``last_affected`` only).
        """
        candidates: dict[str, SortKey] = {}
        for prepared in self.ranges:
            key = _key_in(prepared, self.ecosystem, version, strict=True)
            if key is None or not _includes(prepared, key):
                continue
            for event_key, kind, text in prepared.events:
                if kind == "fixed" and event_key is not None and event_key > key:
                    candidates.setdefault(text, event_key)

        def still_affected(text: str) -> bool:
            for prepared in self.ranges:
                key = _key_in(prepared, self.ecosystem, text, strict=False)
                if key is not None and _includes(prepared, key):
                    return True
            return False

        def order(text: str) -> tuple[int, SortKey]:
            # The ecosystem's order; a fix only a SEMVER range could read goes after the rest.
            try:
                return (0, sort_key(self.ecosystem, text))
            except ValueError:
                return (1, candidates[text])

        fixes: list[str] = []
        seen: set[SortKey] = set()
        for text in sorted((t for t in candidates if not still_affected(t)), key=order):
            if candidates[text] not in seen:  # "1.0" and "1.0.0" are one fix in PyPI
                seen.add(candidates[text])
                fixes.append(text)
        return fixes


def affected_by(
    ecosystem: str, version: str, ranges: Sequence[Mapping[str, Any]], versions: Sequence[str] = ()
) -> bool:
    """Whether ``version`` is affected by an OSV ``affected`` entry (see ``OsvAffected``).

    Raises InvalidVersion when ``version`` is not a version of ``ecosystem`` and a range needs
    it, and UnknownEcosystem for an ecosystem without a known ordering.
    """
    return OsvAffected(ecosystem, ranges, versions).affects(version)


def fixed_versions(ecosystem: str, version: str, ranges: Sequence[Mapping[str, Any]]) -> list[str]:
    """The fixed versions relevant to ``version``, smallest first (see ``OsvAffected``)."""
    return OsvAffected(ecosystem, ranges).fixed_versions(version)


def unusable_ranges(ecosystem: str, ranges: Sequence[Any]) -> list[UnusableRange]:
    """The ranges matching leaves out, each with the reason (GIT ranges are not listed)."""
    return OsvAffected(ecosystem, ranges).unusable
