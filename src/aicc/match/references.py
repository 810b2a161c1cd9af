"""The references of a CVE record a user should read: the vendor's advisory first."""

from __future__ import annotations

from typing import Any


def vendor_advisories(references: Any) -> list[str]:
    """The record's references a user should read for a fix: those tagged as the vendor's
    advisory, else patches, else the first one (at most three)."""
    found: dict[str, list[str]] = {"vendor-advisory": [], "patch": [], "": []}
    for reference in references or []:
        if not isinstance(reference, dict) or not isinstance(reference.get("url"), str):
            continue
        tags = reference.get("tags") or []
        kind = next((k for k in ("vendor-advisory", "patch") if k in tags), "")
        found[kind].append(reference["url"])
    chosen = found["vendor-advisory"] or found["patch"] or found[""][:1]
    return chosen[:3]
