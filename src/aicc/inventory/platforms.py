"""The operating system a component runs on, as one word advisories can be compared with.

Inventories spell it many ways ("Windows Server 2019", "Ubuntu 22.04 LTS", "RHEL 9", "Mac OS X
10.15", Nmap's "Linux 4.15 - 5.8"); an advisory that applies to one platform only says "Windows"
or "Linux". Known families become ``windows``, ``linux``, ``macos``, ``ios`` or ``android``;
anything else is kept, lower-cased, so that nothing is lost (``cisco ios xe 17.9``).
"""

from __future__ import annotations

import re

__all__ = ["normalise_platform"]

# Checked in order: Android before Linux (Nmap says "Android 10 (Linux 4.14)"), macOS before
# iOS (Nmap's "Apple macOS 12 or iOS 15" is a Mac as often as a phone).
_FAMILIES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("windows", re.compile(r"\bwindows\b|\bwin(?:xp|vista|7|8|8\.1|10|11)\b|\bwin ?server\b")),
    ("android", re.compile(r"\bandroid\b")),
    ("macos", re.compile(r"\bmac ?os\b|\bos ?x\b|\bdarwin\b")),
    ("ios", re.compile(r"\bi(?:pad)?os\b")),
    (
        "linux",
        re.compile(
            r"\blinux\b|\bubuntu\b|\bdebian\b|\brhel\b|\bred ?hat\b|\bcentos\b|\bfedora\b"
            r"|\bsuse\b|\bsles\b|\bopensuse\b|\balpine\b|\brocky\b|\balmalinux\b|\bmint\b"
            r"|\bkali\b|\braspbian\b|\bgentoo\b|\barch\b|\bamazon ?linux\b|\bal2023\b"
        ),
    ),
)
# Cisco's IOS (and IOS XE, IOS XR) is no iPhone.
_CISCO_IOS = re.compile(r"\bcisco\b|\bios[ -]?x[er]\b")


def normalise_platform(text: str | None) -> str | None:
    """``"Windows Server 2019"`` -> ``"windows"``, ``"Ubuntu 22.04"`` -> ``"linux"``,
    ``"macOS 14"`` -> ``"macos"``; other text lower-cased; None for none or blank."""
    if text is None:
        return None
    plain = " ".join(text.split()).lower()
    if not plain:
        return None
    for family, pattern in _FAMILIES:
        if pattern.search(plain) and not (family == "ios" and _CISCO_IOS.search(plain)):
            return family
    return plain
