"""A CVE record's platform condition ("Windows" only) against what the inventory says a
component runs on: a finding whose platform does not apply is marked not affected, with why.

Only operating systems are compared. A record that names an architecture ("x64-based
Systems") or nothing, and a component whose platform is unknown, decide nothing.
"""

from __future__ import annotations

import re

from aicc.core.findings import Finding
from aicc.core.vex import VexStatement

# Words that name an operating system family, as records and inventories write them.
_SYSTEMS = {
    "windows": "windows",
    "linux": "linux",
    "macos": "macos",
    "mac": "macos",
    "osx": "macos",
    "android": "android",
    "ios": "ios",
    "ipados": "ios",
    "freebsd": "freebsd",
    "solaris": "solaris",
    "aix": "aix",
}
_WORD = re.compile(r"[a-z]+")


def system_of(text: str) -> str | None:
    """The OS family a platform text names (``"Windows Server 2019"`` -> ``windows``)."""
    lowered = re.sub(r"\bmac\s*os(\s*x)?\b|\bos\s*x\b", "macos", text.lower())
    if "cisco ios" in lowered:
        return None  # Cisco's IOS is a network OS, not Apple's
    for word in _WORD.findall(lowered):
        if word in _SYSTEMS:
            return _SYSTEMS[word]
    return None


def platform_statement(finding: Finding) -> VexStatement | None:
    """A not_affected statement when the record limits the flaw to other systems than the
    one the component runs on; None when that cannot be told."""
    platform = finding.component.platform
    if not platform or not finding.platforms:
        return None
    mine = system_of(platform)
    theirs = {s for s in (system_of(p) for p in finding.platforms) if s is not None}
    if mine is None or not theirs or mine in theirs:
        return None
    component = finding.component
    return VexStatement(
        vulnerability=finding.id,
        products=(component.cpe or component.name,),
        status="not_affected",
        source=component.source,
        location=component.location,
        justification="vulnerable_code_not_present",
        impact_statement=(
            f"the record limits {finding.id} to {', '.join(finding.platforms)}; "
            f"the inventory says this runs on {platform}"
        ),
        author="aicc (platform condition of the CVE record)",
        format="platform",
    )
