"""The KEV CVEs each row of ``bench/identify/rows.csv`` should produce, read from the records.

This script is the answer key of the identification benchmark (tracker issue 11). It reads the
CVE JSON 5 records itself and never imports ``aicc``: the matcher is what is measured, so the
key must not share its code or its mistakes.

    .venv/bin/python bench/identify/expected.py [--shared ../shared/data] [--show CVE ...]

writes ``bench/identify/expected.json``. Sources (both CC0): CISA Vulnrichment CVE JSON 5 records
(``shared/data/cve/vulnrichment.zip``) and the CISA KEV catalogue
(``shared/data/kev/known_exploited_vulnerabilities.json``).

What a row expects
------------------
``expect_product`` names the product as ``vendor / product`` the way the CNA writes it (the
CISA-ADP's CPE-style names where the CNA wrote ``n/a``). ``PRODUCTS`` below lists, by hand, every
``affected[]`` spelling in the records that means that product (CNA and ADP). A record's entries
for the product decide the row's version (``version`` column) as follows, a deliberately small
reading of CVE JSON 5 that covers the version schemes in the set and nothing more:

* A version entry without ``lessThan``/``lessThanOrEqual`` covers the one version it names; with
  one it covers ``version`` (``0``, ``unspecified``, ``-``, ``*`` or empty: from the first
  release; ``8.1.*``: from 8.1) up to ``lessThan`` (excluded; ``*`` or ``unspecified``: no end;
  ``2.426.*``: every 2.426.x) or ``lessThanOrEqual`` (included). ``changes`` switch the status
  from their ``at`` version on.
* Citrix writes ``{"version": "14.1", "lessThan": "12.35", "versionType": "patch"}`` for "14.1
  builds before 12.35": with ``versionType`` ``patch`` the range covers ``14.1-<build>`` for
  builds below ``lessThan`` (the ADP writes the same range as 14.1 .. 14.1-12.35).
* Versions compare by their runs of digits (as numbers) and letters (lower-cased), ignoring
  separators, and trailing zero numbers: ``10.2.9-h1`` > ``10.2.9``, ``22.4R2.2`` > ``22.4R2``,
  ``13.1-49.15`` < ``13.1-51.15``, ``17.9.4a`` > ``17.9.4``, ``7.0 U3n`` < ``7.0U3o``,
  ``15.02.0`` == ``15.2``. A number sorts after a letter. That is right for every scheme the rows
  use (Fortinet, PAN-OS, Citrix, Ivanti, Cisco ASA and IOS XE, Microsoft builds, VMware updates,
  SonicOS, the semver-like rest) and wrong for pre-releases, which the rows avoid.
* A version string with prose in it (``FortiOS 6.0.0 to 6.0.4``, ``>= 8.0.0``, ``and older
  versions``, a comma) is unreadable: it decides nothing, and the CVE is listed under the row's
  ``unreadable`` so that a reviewer sees it.
* Each source (the CNA container, the ADP containers) gives a status when one of its entries
  covers the version: ``affected`` if any covering entry says so, else ``unaffected``. The CNA's
  status wins; then the ADP's; then ``defaultStatus`` (CNA's, then ADP's). A ``defaultStatus`` of
  ``affected`` is used only where the entries name no affected version at all (Jenkins' "all but
  these" form): beside affected ranges it contradicts them (PHP CVE-2024-4577 says default
  affected next to ranges that end at the fixes, which would make the fixed 8.3.8 affected;
  likewise CrushFTP CVE-2024-4040 and the ADP of Confluence CVE-2023-22515). No status: not
  affected. Where the CNA and the ADP disagree, the CVE is listed under ``conflicts``.

The fix versions of a CVE for a row are the versions the data names for the row's branch: the
``lessThan`` of an affected range that covers the version (``14.1-12.35`` for Citrix' patch
form), an ``at`` of an unaffected ``changes`` entry above it, and the start of an unaffected
entry above it that shares its leading parts (all but the last: ``2.426.3`` for ``2.426.2``,
``22.7R2`` for ``22.7R1``). ``lessThanOrEqual`` names the last affected version, not a fix.
Every row also gets ``named_fixes``, the versions a plan may target without inventing one:
those fix versions over every record that names the product, KEV or not (a plan may rightly
target a fix of a non-KEV CVE), and every version any such record names as a fix (a
``lessThan``, an unaffected ``changes`` or entry) that is above the row's version on its
release line (the same first two parts: ``22.1.4 20240909`` for Versa Director ``22.1.1``).

Hand review (2025, against the records printed by ``--show``): rows of FortiOS 7.2.4 (CNA ranges
of CVE-2024-21762/-23113/CVE-2023-27997, fix 7.2.7 only from the ADP of CVE-2024-21762), PAN-OS
10.2.9 and 10.2.9-h1 (CVE-2024-3400 ``changes`` at 10.2.9-h1), NetScaler ADC 13.1-49.15 (patch
form, fix 13.1-51.15), Ivanti vTM 22.7R1 (CNA "all but 22.7R2/22.2R1" plus ADP range), Jenkins
2.426.2 and 2.441 (fixes 2.426.3 and 2.442), Cisco IOS XE 17.9.4 and 17.9.4a (explicit lists,
no fix named), Exchange 2019 15.2.1258.28 (fix 15.2.1544.004), PHP 8.3.7 and 8.3.8, Confluence
8.5.1 and 7.19.16, MOVEit Transfer 2023.0.1 (ADP only), SonicOS 7.0.1-5035, Firefox ESR
128.3.0. Every ``patched`` row was checked to expect nothing; every ``none`` row to name no
vendor or product of any record.
"""

from __future__ import annotations

import argparse
import csv
import functools
import json
import re
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
ROWS = HERE / "rows.csv"
OUTPUT = HERE / "expected.json"

# expect_product -> every (vendor, product) spelling of affected[] entries that means it.
# Compared after lower-casing and dropping everything but letters and digits.
PRODUCTS: dict[str, tuple[tuple[str, str], ...]] = {
    "Fortinet / FortiOS": (
        ("Fortinet", "FortiOS"),
        ("fortinet", "fortios"),
        # prose-only entries (their versions are sentences); listed so they show as unreadable
        ("Fortinet", "Fortinet FortiOS"),
        ("Fortinet", "Fortinet FortiOS, FortiProxy"),
        ("Fortinet", "Fortinet FortiOS and FortiProxy"),
        ("Fortinet", "Fortinet FortiOS, fortiADC"),
        ("Fortinet", "Fortinet FortiOS, FortiProxy, FortiSwitchManager"),
    ),
    "Fortinet / FortiManager": (
        ("Fortinet", "FortiManager"),
        ("Fortinet", "Fortinet FortiManager"),
        ("fortinet", "fortimanager"),
    ),
    "Fortinet / FortiClientEMS": (
        ("Fortinet", "FortiClientEMS"),
        ("Fortinet", "Fortinet FortiClientEMS"),
        ("fortinet", "forticlient_enterprise_management_server"),
    ),
    "Palo Alto Networks / PAN-OS": (
        ("Palo Alto Networks", "PAN-OS"),
        ("paloaltonetworks", "pan-os"),
        ("palo_alto_networks", "pan-os"),
    ),
    "Palo Alto Networks / Expedition": (
        ("Palo Alto Networks", "Expedition"),
        ("paloaltonetworks", "expedition"),
    ),
    "Cisco / Cisco Adaptive Security Appliance (ASA) Software": (
        ("Cisco", "Cisco Adaptive Security Appliance (ASA) Software"),
        ("cisco", "asa"),
        ("cisco", "adaptive_security_appliance_software"),
        ("cisco", "adaptive_security_appliance"),
    ),
    "Cisco / Cisco IOS XE Software": (
        ("Cisco", "Cisco IOS XE Software"),
        ("cisco", "ios_xe"),
        ("cisco", "ios_xe_software"),
    ),
    "Cisco / Cisco Smart License Utility": (
        ("Cisco", "Cisco Smart License Utility"),
        ("cisco", "cisco_smart_license_utility"),
    ),
    "Cloud Software Group / NetScaler ADC": (
        ("Cloud Software Group", "NetScaler ADC"),  # the record writes "NetScaler ADC\u202f"
        ("Citrix", "NetScaler ADC"),
        ("NetScaler", "NetScaler ADC"),
        ("NetSclaer", "NetScaler ADC"),  # sic
        ("citrix", "netscaler_application_delivery_controller"),
    ),
    "Cloud Software Group / NetScaler Gateway": (
        ("Cloud Software Group", "NetScaler Gateway"),
        ("Citrix", "NetScaler Gateway"),
        ("NetScaler", "NetScaler Gateway"),
        ("citrix", "netscaler_gateway"),
    ),
    "Ivanti / ICS": (("Ivanti", "ICS"), ("Ivanti", "Connect Secure"), ("ivanti", "connect_secure")),
    "Ivanti / vTM": (("Ivanti", "vTM"), ("ivanti", "virtual_traffic_manager")),
    "Ivanti / EPM": (
        ("Ivanti", "EPM"),
        ("Ivanti", "Endpoint Manager"),
        ("Ivanti", "Ivanti Endpoint Manager"),
        ("ivanti", "endpoint_manager"),
    ),
    "Microsoft / Microsoft Exchange Server 2019 Cumulative Update 13": (
        *(
            ("Microsoft", f"Microsoft Exchange Server 2019 Cumulative Update {n}")
            for n in range(10, 15)
        ),
        ("microsoft", "exchange_server"),
    ),
    "Microsoft / Microsoft SharePoint Server 2019": (
        ("Microsoft", "Microsoft SharePoint Server 2019"),
        ("microsoft", "sharepoint_server"),
    ),
    "Microsoft / Microsoft SharePoint Server Subscription Edition": (
        ("Microsoft", "Microsoft SharePoint Server Subscription Edition"),
    ),
    "Atlassian / Confluence Data Center": (
        ("Atlassian", "Confluence Data Center"),
        ("atlassian", "confluence_data_center"),
    ),
    "Atlassian / Confluence Server": (
        ("Atlassian", "Confluence Server"),
        ("atlassian", "confluence_server"),
    ),
    "progress / moveit_transfer": (
        ("progress", "moveit_transfer"),
        ("Progress Software Corporation", "MOVEit Transfer"),
        ("Progress Software", "MOVEit Transfer"),
        ("Progress", "MOVEit Transfer"),
    ),
    "Progress Software Corporation / WhatsUp Gold": (
        ("Progress Software Corporation", "WhatsUp Gold"),
        ("progress", "whatsup_gold"),
        ("progress", "whatsupgold"),
        ("progress_software", "whatsup_gold"),
    ),
    "Progress Software Corporation / Telerik Report Server": (
        ("Progress Software Corporation", "Telerik Report Server"),
        ("Progress Software", "Telerik Report Server"),
        ("progress_software", "telerik_report_server"),
        ("telerik", "report_server"),
    ),
    "Progress Software / LoadMaster": (
        ("Progress Software", "LoadMaster"),
        ("Progress Software Corporation", "LoadMaster"),
        ("Progress", "LoadMaster"),
        ("kemptechnologies", "loadmaster"),
        ("progress", "loadmaster"),
    ),
    "JetBrains / TeamCity": (("JetBrains", "TeamCity"), ("jetbrains", "teamcity")),
    "Jenkins Project / Jenkins": (("Jenkins Project", "Jenkins"), ("jenkins", "jenkins")),
    "VMware / VMware vCenter Server": (
        ("VMware", "VMware vCenter Server"),
        ("n/a", "VMware vCenter Server"),
        ("n/a", "vCenter Server"),
        ("vmware", "vcenter_server"),
        ("broadcom", "vmware_vcenter_server"),
        ("broadcom", "vmware_center_server"),  # sic, CVE-2024-38813's ADP
    ),
    "SonicWall / SonicOS": (("SonicWall", "SonicOS"), ("sonicwall", "sonicos")),
    "PHP Group / PHP": (("PHP Group", "PHP"), ("php_group", "php"), ("php", "php")),
    "Apache Software Foundation / Apache HTTP Server": (
        ("Apache Software Foundation", "Apache HTTP Server"),
        ("apache", "http_server"),
        ("apache", "apache_http_server"),
        ("apache_software_foundation", "apache_http_server"),
    ),
    "Apache Software Foundation / Apache OFBiz": (
        ("Apache Software Foundation", "Apache OFBiz"),
        ("apache", "ofbiz"),
        ("apache_software_foundation", "apache_ofbiz"),
    ),
    "Apache Software Foundation / Apache Flink": (
        ("Apache Software Foundation", "Apache Flink"),
        ("apache", "flink"),
    ),
    "Apache Software Foundation / Apache HugeGraph-Server": (
        ("Apache Software Foundation", "Apache HugeGraph-Server"),
        ("apache", "hugegraph-server"),
    ),
    "GitLab / GitLab": (("GitLab", "GitLab"), ("gitlab", "gitlab")),
    "ConnectWise / ScreenConnect": (
        ("ConnectWise", "ScreenConnect"),
        ("connectwise", "screenconnect"),
    ),
    "CrushFTP / CrushFTP": (("CrushFTP", "CrushFTP"), ("crushftp", "crushftp")),
    "Veeam / Backup and  Recovery": (
        ("Veeam", "Backup and  Recovery"),  # sic: two spaces, and the product's name is wrong
        ("veeam", "backup_\\&_replication"),
        ("Veeam", "Backup & Replication"),
    ),
    "SolarWinds / Web Help Desk": (
        ("SolarWinds", "Web Help Desk"),
        ("solarwinds", "webhelpdesk"),
        ("solarwinds", "web_help_desk"),
    ),
    "SolarWinds / SolarWinds Serv-U": (
        ("SolarWinds", "SolarWinds Serv-U"),  # the record adds a trailing space to both
        ("SolarWinds", "Serv-U"),
        ("SolarWinds", "Serv-U File Server"),
        ("SolarWinds", "ServU"),
        ("solarwinds", "serv-u"),
    ),
    "Adobe / Adobe Commerce": (
        ("Adobe", "Adobe Commerce"),
        ("adobe", "commerce"),
        ("adobe", "adobe_commerce"),
    ),
    "Mozilla / Firefox": (("Mozilla", "Firefox"), ("mozilla", "firefox")),
    "Mozilla / Firefox ESR": (("Mozilla", "Firefox ESR"), ("mozilla", "firefox_esr")),
    "Google / Chrome": (("Google", "Chrome"), ("google", "chrome")),
    "checkpoint / Check Point Quantum Gateway, Spark Gateway and CloudGuard Network": (
        ("checkpoint", "Check Point Quantum Gateway, Spark Gateway and CloudGuard Network"),
        ("checkpoint", "quantum_security_gateway_firmware"),
    ),
    "D-Link / DIR-859": (("D-Link", "DIR-859"), ("dlink", "dir-859_firmware")),
    "Acronis / Acronis Cyber Infrastructure": (
        ("Acronis", "Acronis Cyber Infrastructure"),
        ("acronis", "cyber_infrastructure"),
    ),
    "geoserver / geoserver": (("geoserver", "geoserver"),),
    "Cacti / cacti": (("Cacti", "cacti"), ("the_cacti_group", "cacti")),
    "Joomla! Project / Joomla! CMS": (("Joomla! Project", "Joomla! CMS"), ("joomla", "joomla\\!")),
    "Versa / Director": (("Versa", "Director"), ("versa-networks", "versa_director")),
    "Kingsoft / WPS Office": (("Kingsoft", "WPS Office"), ("kingsoft", "wps_office")),
    "Unitronics / VisiLogic": (("Unitronics", "VisiLogic"), ("unitronics", "visilogic")),
    "Oracle Corporation / WebLogic Server": (
        ("Oracle Corporation", "WebLogic Server"),
        ("Oracle", "WebLogic Server"),
        ("Oracle Corporation", "Oracle WebLogic Server"),
        ("oracle", "weblogic_server"),
    ),
    "roundcube / webmail": (("roundcube", "webmail"), ("roundcube", "roundcube_webmail")),
    "sysaid / sysaid_on-premises": (("sysaid", "sysaid_on-premises"), ("SysAid", "SysAid")),
    "rarlab / winrar": (("rarlab", "winrar"), ("RARLAB", "WinRAR")),
    "Rejetto / HTTP File Server": (
        ("Rejetto", "HTTP File Server"),
        ("rejetto", "http_file_server"),
    ),
    "PTZOptics / PT30X-SDI": (
        ("PTZOptics", "PT30X-SDI"),
        ("ptzoptics", "pt30x-sdi_firmware"),
        ("ptzoptics", "pt30x-sdi.ndi-xx"),
    ),
    "draytek / vigor3900_firmware": (("draytek", "vigor3900_firmware"),),
    "Justice AV Solutions / Viewer": (("Justice AV Solutions", "Viewer"), ("javs", "viewer")),
}

STATES = ("vulnerable", "patched", "none")
SPELLINGS = ("exact", "casual1", "casual2", "none")
_PROSE = re.compile(
    r"[<>=,;]|\b(to|and|before|prior|earlier|older|through|below|all|previous|versions|n/a)\b",
    re.IGNORECASE,
)
_FROM_START = {"", "0", "unspecified", "-", "*", "n/a"}
_NO_END = {"*", "unspecified"}

Token = int | str


def key(text: str) -> str:
    """Letters and digits, lower-cased: how spellings in PRODUCTS are compared."""
    return re.sub(r"[^0-9a-z]", "", text.casefold())


def tokens(version: str, trim: bool = True) -> tuple[Token, ...]:
    """Runs of digits (as numbers) and of letters (lower-cased); trailing zeros dropped."""
    parts: list[Token] = [
        int(p) if p.isdigit() else p for p in re.findall(r"\d+|[a-z]+", version.casefold())
    ]
    while trim and parts and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def compare(a: str, b: str) -> int:
    """-1, 0 or 1 as ``a`` sorts before, with or after ``b`` (see the module docstring)."""
    ta, tb = tokens(a), tokens(b)
    for x, y in zip(ta, tb, strict=False):
        if x == y:
            continue
        if isinstance(x, int) and isinstance(y, int):
            return -1 if x < y else 1
        if isinstance(x, str) and isinstance(y, str):
            return -1 if x < y else 1
        return 1 if isinstance(x, int) else -1  # a number sorts after a letter
    return (len(ta) > len(tb)) - (len(ta) < len(tb))


def version_order(version: str) -> tuple[Any, str]:
    """A sort key: by `compare`, then by spelling (``22.7R2`` before ``22.7r2``)."""
    return functools.cmp_to_key(compare)(version), version


def has_prefix(version: str, prefix: str) -> bool:
    """Whether ``version`` starts with the parts of ``prefix`` (``2.426.5`` has ``2.426``)."""
    tv, tp = tokens(version, trim=False), tokens(prefix, trim=False)
    return tv[: len(tp)] == tp


def prose(text: str) -> bool:
    """Whether a version string is a sentence rather than a version."""
    return bool(_PROSE.search(text)) and text.strip().casefold() not in _FROM_START


@dataclass
class Covering:
    """What one source's entries say about one version."""

    status: str | None = None  # "affected", "unaffected" or None (no entry covers it)
    fixes: list[str] = field(default_factory=list)
    unaffected_starts: list[str] = field(default_factory=list)
    names_affected: bool = False
    unreadable: bool = False
    default: str | None = None


def _covers(entry: dict[str, Any], version: str) -> tuple[bool, str, list[str]] | None:
    """(covers, status at ``version``, fixes named) for one versions[] entry; None if prose."""
    start = str(entry.get("version", "")).strip()
    status = str(entry.get("status", "affected"))
    less = entry.get("lessThan")
    most = entry.get("lessThanOrEqual")
    if less is None and most is None:
        if prose(start) or start.casefold() in _FROM_START:
            return None
        return compare(version, start) == 0, status, []
    limit = str(less if less is not None else most).strip()
    if prose(start) or prose(limit):
        return None
    if entry.get("versionType") == "patch" and less is not None:
        # Citrix: release "14.1", builds below "12.35" -> 14.1-<build>
        release, _, build = version.partition("-")
        inside = bool(build) and key(release) == key(start) and compare(build, limit) < 0
        return inside, status, [f"{start}-{limit}"] if inside and status == "affected" else []
    if start.casefold() in _FROM_START:
        above = True
    elif start.endswith(".*"):
        above = compare(version, start[:-2]) >= 0 or has_prefix(version, start[:-2])
    else:
        above = compare(version, start) >= 0
    if limit in _NO_END:
        below = True
    elif limit.endswith(".*"):
        below = compare(version, limit[:-2]) < 0 or has_prefix(version, limit[:-2])
    elif less is not None:
        below = compare(version, limit) < 0
    else:
        below = compare(version, limit) <= 0
    if not (above and below):
        return False, status, []
    fixes: list[str] = []
    at_status = status
    changes = [c for c in entry.get("changes", []) if isinstance(c, dict)]
    for change in sorted(changes, key=lambda c: version_order(str(c.get("at", "")))):
        at = str(change.get("at", "")).strip()
        if compare(version, at) >= 0:
            at_status = str(change.get("status", at_status))
        elif change.get("status") == "unaffected":
            fixes.append(at)
    named_limit = less is not None and limit not in _NO_END and not limit.endswith(".*")
    if at_status == "affected" and named_limit:
        fixes.append(limit)
    return True, at_status, fixes


def read_source(items: list[dict[str, Any]], version: str) -> Covering:
    """The status one container's entries for the product give ``version``."""
    out = Covering()
    defaults = set()
    statuses: list[str] = []
    for item in items:
        if item.get("defaultStatus"):
            defaults.add(str(item["defaultStatus"]))
        for entry in item.get("versions", []):
            if not isinstance(entry, dict):
                continue
            if entry.get("status") == "affected":
                out.names_affected = True
            elif entry.get("status") == "unaffected":
                start = str(entry.get("version", "")).strip()
                if not prose(start) and start.casefold() not in _FROM_START:
                    out.unaffected_starts.append(start)
            got = _covers(entry, version)
            if got is None:
                out.unreadable = True
                continue
            inside, status, fixes = got
            if inside:
                statuses.append(status)
                out.fixes += fixes
    if "affected" in statuses:
        out.status = "affected"
    elif "unaffected" in statuses:
        out.status = "unaffected"
    if "affected" in defaults and not out.names_affected:
        out.default = "affected"
    elif "unaffected" in defaults:
        out.default = "unaffected"
    return out


@dataclass
class Verdict:
    """Whether one CVE affects one row, with the fixes the data names for it."""

    affected: bool
    decided_by: str
    fixes: list[str]
    unreadable: bool
    conflict: bool


def product_items(
    record: dict[str, Any], product: str
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The CNA's and the ADPs' affected[] items that name ``product``."""
    wanted = {(key(v), key(p)) for v, p in PRODUCTS[product]}

    def names(item: dict[str, Any]) -> bool:
        return (key(str(item.get("vendor", ""))), key(str(item.get("product", "")))) in wanted

    containers = record.get("containers", {})
    cna = [i for i in containers.get("cna", {}).get("affected", []) if names(i)]
    adp = [i for a in containers.get("adp", []) for i in a.get("affected", []) if names(i)]
    return cna, adp


def fix_like(items: list[dict[str, Any]]) -> list[str]:
    """Every version the items name as a fix: lessThan limits, unaffected changes and starts."""
    found = []
    for item in items:
        for entry in item.get("versions", []):
            if not isinstance(entry, dict):
                continue
            start = str(entry.get("version", "")).strip()
            limit = str(entry.get("lessThan", "")).strip()
            if entry.get("status") == "unaffected" and start.casefold() not in _FROM_START:
                found.append(start)
            if limit and limit not in _NO_END and not limit.endswith(".*"):
                patch = entry.get("versionType") == "patch"
                found.append(f"{start}-{limit}" if patch else limit)
            for change in entry.get("changes", []):
                if change.get("status") == "unaffected":
                    found.append(str(change.get("at", "")).strip())
    return [f for f in found if f and not prose(f)]


def judge(record: dict[str, Any], product: str, version: str) -> Verdict | None:
    """How ``record`` reads for ``product`` at ``version``; None when it does not name it."""
    cna_items, adp_items = product_items(record, product)
    if not cna_items and not adp_items:
        return None
    cna, adp = read_source(cna_items, version), read_source(adp_items, version)
    if cna.status is not None:
        status, by = cna.status, "cna"
    elif adp.status is not None:
        status, by = adp.status, "adp"
    elif cna.default is not None:
        status, by = cna.default, "cna default"
    elif adp.default is not None:
        status, by = adp.default, "adp default"
    else:
        status, by = "unknown", "nothing"
    conflict = cna.status is not None and adp.status is not None and cna.status != adp.status
    fixes: list[str] = []
    if status == "affected":
        fixes = cna.fixes + adp.fixes
        for start in cna.unaffected_starts + adp.unaffected_starts:
            parts = tokens(start, trim=False)
            if compare(start, version) > 0 and has_prefix(version, _join(parts[:-1])):
                fixes.append(start)
    return Verdict(
        status == "affected",
        by,
        sorted(set(fixes), key=version_order),
        cna.unreadable or adp.unreadable,
        conflict,
    )


def same_branch(fix: str, version: str) -> bool:
    """Whether a fix is on the version's release line: the same first two parts."""
    return tokens(fix, trim=False)[:2] == tokens(version, trim=False)[:2]


def _join(parts: tuple[Token, ...]) -> str:
    return ".".join(str(p) for p in parts)


def records(zip_path: Path) -> Iterator[dict[str, Any]]:
    """Every CVE JSON 5 record in the Vulnrichment zip."""
    with zipfile.ZipFile(zip_path) as archive:
        for name in archive.namelist():
            if name.endswith(".json") and "/CVE-" in f"/{name}":
                yield orjson.loads(archive.read(name))  # 44,000 records: 3x json's speed


def read_rows(path: Path = ROWS) -> list[dict[str, str]]:
    """The rows of the set, each with its line number (the header is line 1)."""
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        rows = []
        for row in reader:
            rows.append({**row, "line": str(reader.line_num)})
    return rows


def state_of(row: dict[str, str]) -> str:
    """vulnerable, patched or none: the first word of the notes (checked against the data)."""
    state = row["notes"].split(":", 1)[0].strip()
    if state not in STATES:
        raise SystemExit(f"line {row['line']}: notes must start with {STATES}, not {state!r}")
    return state


def build(shared: Path) -> dict[str, Any]:
    """The expectations of every row (see the module docstring)."""
    kev_doc = json.loads((shared / "kev" / "known_exploited_vulnerabilities.json").read_bytes())
    kev = {v["cveID"] for v in kev_doc["vulnerabilities"]}
    rows = read_rows()
    wanted = {(key(v), key(p)) for spellings in PRODUCTS.values() for v, p in spellings}
    naming: dict[str, dict[str, Any]] = {}  # CVE id -> record, for records naming a product
    vendors: set[str] = set()
    products: set[str] = set()
    for record in records(shared / "cve" / "vulnrichment.zip"):
        containers = record.get("containers", {})
        items = list(containers.get("cna", {}).get("affected", []))
        for adp in containers.get("adp", []):
            items += adp.get("affected", [])
        for item in items:
            vendor, product = str(item.get("vendor", "")), str(item.get("product", ""))
            vendors.add(key(vendor))
            products.add(key(product))
            if (key(vendor), key(product)) in wanted:
                naming[record["cveMetadata"]["cveId"]] = record
    out_rows = []
    problems = []
    for row in rows:
        state = state_of(row)
        if row["spelling"] not in SPELLINGS:
            problems.append(f"line {row['line']}: spelling {row['spelling']!r}")
        entry: dict[str, Any] = {
            k: row[k] for k in ("line", "name", "vendor", "product", "version", "spelling")
        }
        entry.update(expect_product=row["expect_product"], state=state)
        entry["line"] = int(row["line"])
        if state == "none":
            if row["expect_product"] or row["spelling"] != "none":
                problems.append(f"line {row['line']}: a none row names no product")
            named = [
                part
                for part in (row["vendor"], row["product"])
                if part and (key(part) in vendors or key(part) in products)
            ]
            if named:
                problems.append(f"line {row['line']}: a record names {named}")
            entry.update(kev=[], other=[], named_fixes=[], unreadable=[], conflicts=[])
            out_rows.append(entry)
            continue
        if row["expect_product"] not in PRODUCTS:
            problems.append(f"line {row['line']}: {row['expect_product']!r} not in PRODUCTS")
            continue
        kev_hits: list[dict[str, Any]] = []
        other_hits: list[dict[str, Any]] = []
        unreadable: list[str] = []
        conflicts: list[str] = []
        for cve_id, record in sorted(naming.items()):
            verdict = judge(record, row["expect_product"], row["version"])
            if verdict is None:
                continue
            if verdict.unreadable and cve_id in kev:
                unreadable.append(cve_id)
            if verdict.conflict and cve_id in kev:
                conflicts.append(cve_id)
            if verdict.affected:
                hit = {"cve": cve_id, "fixes": verdict.fixes, "decided_by": verdict.decided_by}
                (kev_hits if cve_id in kev else other_hits).append(hit)
        fixes_named: set[str] = {f for h in kev_hits + other_hits for f in h["fixes"]}
        for record in naming.values():
            cna_items, adp_items = product_items(record, row["expect_product"])
            fixes_named.update(
                f
                for f in fix_like(cna_items + adp_items)
                if compare(f, row["version"]) > 0 and same_branch(f, row["version"])
            )
        named_fixes = sorted(fixes_named, key=version_order)
        entry.update(
            kev=kev_hits,
            other=[h["cve"] for h in other_hits],
            named_fixes=named_fixes,
            unreadable=unreadable,
            conflicts=conflicts,
        )
        if state == "patched" and kev_hits:
            problems.append(f"line {row['line']}: patched but {[h['cve'] for h in kev_hits]}")
        if state == "vulnerable" and not kev_hits:
            problems.append(f"line {row['line']}: vulnerable but no KEV CVE")
        out_rows.append(entry)
    if problems:
        raise SystemExit("\n".join(problems))
    return {
        "source": {
            "cve": "CISA Vulnrichment CVE JSON 5 records (CC0), shared/data/cve/vulnrichment.zip",
            "kev": "CISA Known Exploited Vulnerabilities catalogue (CC0), "
            f"version {kev_doc.get('catalogVersion')}",
            "script": "bench/identify/expected.py",
        },
        "rows": out_rows,
    }


def show(shared: Path, cve_ids: list[str]) -> None:
    """Print the affected[] entries of some records, for the hand review."""
    wanted = set(cve_ids)
    for record in records(shared / "cve" / "vulnrichment.zip"):
        cve_id = record["cveMetadata"]["cveId"]
        if cve_id not in wanted:
            continue
        containers = record.get("containers", {})
        sources = [("cna", containers.get("cna", {}))] + [
            (adp.get("providerMetadata", {}).get("shortName", "adp"), adp)
            for adp in containers.get("adp", [])
        ]
        print(f"== {cve_id}")
        for name, container in sources:
            for item in container.get("affected", []):
                print(f"  {name}: {item.get('vendor')!r} / {item.get('product')!r}", end="")
                print(f" default={item.get('defaultStatus')}")
                for version in item.get("versions", []):
                    print(f"      {json.dumps(version)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--show", nargs="+", metavar="CVE", help="print records; write nothing")
    args = parser.parse_args()
    if args.show:
        show(args.shared, args.show)
        return
    result = build(args.shared)
    OUTPUT.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    rows = result["rows"]
    print(
        f"{len(rows)} rows, {sum(len(r['kev']) for r in rows)} expected KEV findings,"
        f" written to {OUTPUT.relative_to(ROOT)}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
