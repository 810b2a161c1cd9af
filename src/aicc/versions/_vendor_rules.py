"""Vendor numbering rules on top of the tolerant vendor order (`aicc.versions._vendor`).

The generic order reads most appliance versions as their vendors mean them (PAN-OS hotfixes,
Cisco rebuild letters, NetScaler builds, Ivanti "R" releases, Jenkins LTS lines). A few schemes
it cannot know: each has a small rule here, chosen by vendor and product (`rule_for`), and each
rule's docstring names the vendor's page it follows. Every scheme, with real example versions in
order, is listed in ``aicc/data/vendor-versions.yaml`` and tested against `appliance_key`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from aicc.core.packages import product_key
from aicc.versions._vendor import vendor_key

GENERIC = "generic"
_MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_EXCHANGE_UPDATE = re.compile(
    r"(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)(\d{2})(?:su|hu)(?:v(\d+))?\b"
)
_MOVEIT_YEAR = re.compile(r"^\s*(20\d\d)(?=\.\d)")
_PARENTHESES = re.compile(r"\s*\([^()]*\)")
_VMWARE_UPDATE = re.compile(r"(?i)^\s*(\d+\.\d+)(?:\.0)?\s*(?:u|update)\s*(\d+)")
_MILESTONE = re.compile(r"(?<=[.\-])M(?=\d)")
_ZYXEL_LINE = re.compile(r"(?i)^\s*(?:zld|uos)\s+")
_NETSCALER_LINE = re.compile(r"(?i)(?<![^\W\d_])(fips|ndcpp)(?![^\W\d_])")
_NETSCALER_RELEASE = re.compile(r"\s*(\d+\.\d+)")


def exchange_key(version: str) -> tuple[Any, ...]:
    """Exchange Server: a security or hotfix update named by month and year ("CU14 Nov24SU",
    "CU14 Nov24SUv2", "CU14 Apr25HU") orders by its date within its CU, not by the month's
    name. Builds ("15.2.1544.4") need no rule. Source:
    https://learn.microsoft.com/en-us/exchange/new-features/build-numbers-and-release-dates"""

    def dated(match: re.Match[str]) -> str:
        month, year, again = match.group(1).casefold(), match.group(2), match.group(3) or "1"
        return f".{year}.{_MONTHS[month]}.{again}"

    return vendor_key(_EXCHANGE_UPDATE.sub(dated, version))


def moveit_key(version: str) -> tuple[Any, ...]:
    """MOVEit Transfer: a year release is also its internal number, 2020.0 = 12.0 ...
    2023.0 = 15.0 ("2023.0.1 (15.0.1)"), so the year is read as that number and a number in
    parentheses is left out. Source: Progress's MOVEit Transfer release notes,
    https://docs.progress.com/bundle/moveit-transfer-release-notes-2024/page/Release-Notes.html
    """
    text = _PARENTHESES.sub("", version)
    text = _MOVEIT_YEAR.sub(lambda m: str(int(m.group(1)) - 2008), text)
    return vendor_key(text)


def vmware_key(version: str) -> tuple[Any, ...]:
    """VMware ESXi and vCenter: "8.0 U2b" or "8.0 Update 2b" is update 2 of 8.0, whose version
    string is 8.0.2 (8.0.2-0.30.23305546); the letter is a patch of that update. Source:
    https://knowledge.broadcom.com/external/article/395110"""
    return vendor_key(_VMWARE_UPDATE.sub(lambda m: f"{m.group(1)}.{m.group(2)}", version))


def apache_key(version: str) -> tuple[Any, ...]:
    """Apache (Tomcat and others): a milestone "9.0.0.M1" or "10.1.0-M17" comes before its
    release, like an alpha. Source: https://tomcat.apache.org/whichversion.html ("11.0.0-M19
    (alpha)")."""
    return vendor_key(_MILESTONE.sub("alpha", version))


def zyxel_key(version: str) -> tuple[Any, ...]:
    """Zyxel firewalls: "ZLD V5.37 Patch 1" is firmware 5.37 patch 1 of the ZLD line ("uOS"
    for USG FLEX H); the line's name is left out so that "V5.38" compares with it. Source:
    https://www.zyxel.com/global/en/support/security-advisories"""
    return vendor_key(_ZYXEL_LINE.sub("", version))


def netscaler_line(version: str) -> str | None:
    """The line a NetScaler version names ("FIPS" of "13.1-37.176 FIPS"), or None."""
    found = _NETSCALER_LINE.search(version)
    return None if found is None else {"fips": "FIPS", "ndcpp": "NDcPP"}[found.group(1).casefold()]


def netscaler_key(version: str) -> tuple[Any, ...]:
    """NetScaler ADC: the FIPS and NDcPP builds of a release are a line of their own that stays
    at an old build number (13.1-FIPS 37.262 is later than the regular 13.1-49.15), written
    "13.1-FIPS-37.262", "13.1-FIPS 37.262" or "13.1-37.262 FIPS". Such a build is read as
    its release, a mark above every regular build of the release, the line's name and the
    build, so a line's ranges never hold another line's builds. Regular builds need no rule.
    Source: NetScaler's CVE records, which list the line beside the release ("13.1-FIPS"
    lessThan "37.176" beside "13.1" lessThan "51.15",
    https://www.cve.org/CVERecord?id=CVE-2023-6548)."""
    line = _NETSCALER_LINE.search(version)
    release = _NETSCALER_RELEASE.match(version)
    if line is None or release is None or line.start() < release.end():
        return vendor_key(version)
    build = version[release.end() : line.start()] + " " + version[line.end() :]
    return vendor_key(f"{release.group(1)}.*.{line.group(1).casefold()}.{build}")


RULES: dict[str, Callable[[str], tuple[Any, ...]]] = {
    GENERIC: vendor_key,
    "exchange": exchange_key,
    "moveit": moveit_key,
    "vmware": vmware_key,
    "apache": apache_key,
    "zyxel": zyxel_key,
    "netscaler": netscaler_key,
}


def rule_for(vendor: str | None, product: str | None) -> str:
    """The rule that orders ``product``'s versions of ``vendor`` (names or keys of either)."""
    v, p = product_key(vendor or ""), product_key(product or "")
    if "exchange" in p and ("microsoft" in v or p.startswith("microsoft")):
        return "exchange"
    if "moveittransfer" in p:
        return "moveit"
    if "vmware" in v or p.startswith(("vmware", "esxi", "vcenter", "vsphere")):
        return "vmware"
    if "apache" in v or p.startswith("apache"):
        return "apache"
    if "zyxel" in v:
        return "zyxel"
    if "netscaler" in v + p or ("citrix" in v + p and ("adc" in p or "gateway" in p)):
        return "netscaler"
    return GENERIC


def appliance_key(vendor: str | None, product: str | None, version: str) -> tuple[Any, ...]:
    """The key of an appliance ``version`` in its vendor's order; ValueError if it holds no
    number."""
    return RULES[rule_for(vendor, product)](version)
