"""How a version matched, in words, for the finding: the record's range that holds it.

``13.1 ≤ v < 13.1-51.15 (patch scheme; the record writes '13.1' lessThan '51.15')`` says which
entry decided, in the form it was compared in, with the rule that read it when the record's
own form was rewritten (`aicc.versions._cve_ranges`): a wildcard series, a build number
relative to its release, a range in words, a record's ``defaultStatus``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from aicc.versions._cve import (
    _EVERY_VERSION,
    _NO_LOWER_BOUND,
    _RELEASE,
    _SERIES,
    CveProduct,
    _text,
)
from aicc.versions._cve_ranges import AFTER, WRITTEN
from aicc.versions._vendor_rules import netscaler_line

_PLAIN_TYPES = frozenset({"", "custom"})
# affected by the record's defaultStatus, not by a range
OUTSIDE = "outside every range the record lists (its defaultStatus is 'affected')"


def entry_range(item: Mapping[str, Any]) -> str:
    """One CVE JSON 5 ``versions`` entry (as `read_entries` wrote it) as a range in words."""
    start = _text(item.get("version"))
    less_than, less_equal = _text(item.get("lessThan")), _text(item.get("lessThanOrEqual"))
    upper = less_than or less_equal
    series = _SERIES.fullmatch(start)
    notes: list[str] = []
    if not upper:
        if start.casefold() in _EVERY_VERSION:
            text = f"every version (the record says {start!r})"
        elif series:
            text = f"v = {series.group(1)}.x"
            notes.append(f"wildcard {start!r}: the whole {series.group(1)} series")
        else:
            text = f"v = {start}"
    elif less_equal and upper == start and _RELEASE.fullmatch(start):
        text = f"v = {start} or a build of it ({start}.N)"
    else:
        lower = "" if start.casefold() in _NO_LOWER_BOUND else f"{start} ≤ "
        if lower and item.get(AFTER):
            lower = f"{start} < "  # "> 5.0.0": the start left out
        if series:
            lower = f"{series.group(1)}.0 ≤ "
            notes.append(f"wildcard {start!r}: from the start of the {series.group(1)} series")
        top = "" if upper.casefold() in _EVERY_VERSION else (" < " if less_than else " ≤ ") + upper
        text = f"{lower}v{top}" if lower or top else "every version"
    version_type = _text(item.get("versionType")).lower()
    if version_type not in _PLAIN_TYPES:
        notes.insert(0, f"{version_type} scheme")
    if item.get(WRITTEN):
        notes.append(f"the record writes {item[WRITTEN]}")
    changes = [
        f"{c.get('status')} from {c.get('at')}"
        for c in item.get("changes") or []
        if isinstance(c, Mapping) and c.get("at")
    ]
    if changes:
        notes.append("changes: " + ", ".join(changes))
    return f"{text} ({'; '.join(notes)})" if notes else text


def matched_range(product: CveProduct, affecting: Sequence[Mapping[str, Any]]) -> str:
    """The range of ``product``'s record that makes a version affected, in words: the first
    of the entries ``affecting`` it (`CveProduct.affecting`), or the record's
    ``defaultStatus`` when none does."""
    if affecting:
        return entry_range(affecting[0]) + _other_lines(product, affecting[0])
    if product.default_status == "affected":
        return OUTSIDE
    return "the record's entries"


def nvd_range(
    exact: str | None,
    start_including: str | None,
    start_excluding: str | None,
    end_including: str | None,
    end_excluding: str | None,
) -> str:
    """An NVD ``cpeMatch``'s version condition in words."""
    if exact and exact not in ("*", "-"):
        return f"v = {exact}"
    lower = (
        f"{start_including} ≤ "
        if start_including
        else f"{start_excluding} < "
        if start_excluding
        else ""
    )
    upper = (
        f" < {end_excluding}" if end_excluding else f" ≤ {end_including}" if end_including else ""
    )
    return f"{lower}v{upper}" if lower or upper else "every version"


def _other_lines(product: CveProduct, entry: Mapping[str, Any]) -> str:
    """For a regular NetScaler build, the FIPS and NDcPP lines its record also lists: a build
    of such a line is compared with its line's range only when its version names the line
    (`aicc.versions._vendor_rules.netscaler_key`), so a FIPS build typed without the word
    would be told to move to a regular build."""
    if product.order != "vendor:netscaler" or netscaler_line(_text(entry.get("version"))):
        return ""
    lines = sorted(
        {start for item in product.entries if netscaler_line(start := _text(item.get("version")))}
    )
    if not lines:
        return ""
    named = ", ".join(lines[:-1]) + f" and {lines[-1]}" if len(lines) > 1 else lines[0]
    return (
        f"; the record also lists the {named} line{'s' if len(lines) > 1 else ''}, compared"
        " only with a version that names its line (write a FIPS build as '13.1-37.176 FIPS')"
    )
