"""CVE JSON 5 records and KEV entries for appliance tests, cut from the real records.

Each record keeps only what matching reads (affected products, versions, platforms, CPEs,
references) of the record named by its id in the CVE List (cvelistV5 / CISA Vulnrichment,
CC0); descriptions are shortened. The KEV entries are cut from CISA's catalogue (CC0).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from aicc.core.components import Component
from aicc.core.findings import Finding
from aicc.core.problems import Identification, Problem, Unmatched
from aicc.match.scan import match_components
from aicc.store.importer import import_path


def _versions(*entries: tuple[str, ...], kind: str = "custom") -> list[dict[str, Any]]:
    out = []
    for entry in entries:
        item: dict[str, Any] = {"status": "affected", "version": entry[0], "versionType": kind}
        if len(entry) == 3:
            item[entry[1]] = entry[2]
        out.append(item)
    return out


def _affected(vendor: str, product: str, versions: list[dict[str, Any]], **extra: Any) -> Any:
    return {"vendor": vendor, "product": product, "versions": versions, **extra}


def record(
    cve: str,
    cna: list[dict[str, Any]],
    adp: list[dict[str, Any]] | None = None,
    *,
    references: list[str] | None = None,
) -> dict[str, Any]:
    containers: dict[str, Any] = {
        "cna": {
            "providerMetadata": {"orgId": "00000000-0000-0000-0000-000000000000"},
            "descriptions": [{"lang": "en", "value": f"{cve} (cut for tests)."}],
            "affected": cna,
            "references": [{"url": u, "tags": ["vendor-advisory"]} for u in references or []],
        }
    }
    if adp:
        containers["adp"] = [
            {"providerMetadata": {"orgId": "x", "shortName": "CISA-ADP"}, "affected": adp}
        ]
    return {
        "dataType": "CVE_RECORD",
        "dataVersion": "5.1",
        "cveMetadata": {
            "cveId": cve,
            "state": "PUBLISHED",
            "datePublished": "2024-01-01T00:00:00Z",
            "dateUpdated": "2024-06-01T00:00:00Z",
        },
        "containers": containers,
    }


RECORDS = [
    record(  # NetScaler: builds relative to the release line; both products listed
        "CVE-2023-6548",
        [
            _affected(
                "Cloud Software Group",
                "NetScaler ADC\u202f",
                _versions(
                    ("14.1", "lessThan", "12.35"),
                    ("13.1", "lessThan", "51.15"),
                    (" 13.1-FIPS", "lessThan", "37.176"),  # the FIPS line, as the record spaces it
                    kind="patch",
                ),
                defaultStatus="unaffected",
            ),
            _affected(
                "Cloud Software Group",
                "NetScaler Gateway",
                _versions(
                    ("14.1", "lessThan", "12.35"), ("13.1", "lessThan", "51.15"), kind="patch"
                ),
                defaultStatus="unaffected",
            ),
        ],
        [
            {
                "vendor": "citrix",
                "product": "netscaler_application_delivery_controller",
                "cpes": [
                    "cpe:2.3:a:citrix:netscaler_application_delivery_controller:*:*:*:*:*:*:*:*"
                ],
                "versions": _versions(("13.1", "lessThan", "13.1-51.15")),
            }
        ],
        references=["https://support.citrix.com/article/CTX677"],
    ),
    record(  # FortiOS: the CNA gives lessThanOrEqual, the ADP the next release
        "CVE-2024-21762",
        [
            _affected(
                "Fortinet",
                "FortiOS",
                _versions(
                    ("7.2.0", "lessThanOrEqual", "7.2.6"),
                    ("7.0.0", "lessThanOrEqual", "7.0.13"),
                    kind="semver",
                ),
                defaultStatus="unaffected",
            )
        ],
        [
            {
                "vendor": "fortinet",
                "product": "fortios",
                "cpes": ["cpe:2.3:o:fortinet:fortios:7.2.0:*:*:*:*:*:*:*"],
                "versions": _versions(("7.2.0", "lessThan", "7.2.7")),
            }
        ],
        references=["https://fortiguard.com/psirt/FG-IR-24-015"],
    ),
    record(  # the ADP's "every 7.2" range: no 7.3.0 exists (the CNA says nothing of 7.2)
        "CVE-2024-26015",
        [_affected("Fortinet", "FortiOS", _versions(("7.4.0", "lessThanOrEqual", "7.4.3")))],
        [
            {
                "vendor": "fortinet",
                "product": "fortios",
                "versions": _versions(("7.2.0", "lessThan", "7.3.0")),
                "defaultStatus": "unaffected",
            }
        ],
        references=["https://fortiguard.com/psirt/FG-IR-23-415"],
    ),
    record(  # FortiOS in words, beside FortiProxy
        "CVE-2018-13379",
        [
            {
                "vendor": "Fortinet",
                "product": "Fortinet FortiOS, FortiProxy",
                "versions": [
                    {
                        "status": "affected",
                        "version": "FortiOS 6.0.0 to 6.0.4, 5.6.3 to 5.6.7, FortiProxy 2.0.0",
                    }
                ],
            }
        ],
    ),
    record(  # PHP: a series per branch, defaultStatus affected
        "CVE-2023-0567",
        [
            _affected(
                "PHP Group",
                "PHP",
                _versions(
                    ("8.0.x", "lessThan", "8.0.28"), ("8.1.x", "lessThan", "8.1.16"), kind="semver"
                ),
                defaultStatus="affected",
            )
        ],
    ),
    record(  # PHP-CGI on Windows only
        "CVE-2024-4577",
        [
            _affected(
                "PHP Group",
                "PHP",
                _versions(
                    ("8.1.*", "lessThan", "8.1.29"), ("8.2.*", "lessThan", "8.2.20"), kind="semver"
                ),
                defaultStatus="affected",
                platforms=["Windows"],
            )
        ],
    ),
    record(  # Ivanti: ranges that start at their end, one per release line
        "CVE-2024-21894",
        [
            _affected(
                "Ivanti",
                "Connect Secure",
                _versions(
                    ("22.4R2.4", "lessThan", "22.4R2.4"),
                    ("22.5R1.3", "lessThan", "22.5R1.3"),
                    ("9.1R18.5", "lessThan", "9.1R18.5"),
                    kind="semver",
                ),
                defaultStatus="unaffected",
            )
        ],
    ),
    record(  # the ADP's "every 22.x": no 23.0 exists
        "CVE-2024-21888",
        [
            _affected(
                "Ivanti", "ICS", _versions(("22.6R2", "lessThanOrEqual", "22.6R2"), kind="semver")
            )
        ],
        [
            {
                "vendor": "ivanti",
                "product": "connect_secure",
                "cpes": ["cpe:2.3:a:ivanti:connect_secure:22.0:*:*:*:*:*:*:*"],
                "versions": _versions(("22.0", "lessThan", "23.0")),
                "defaultStatus": "unaffected",
            }
        ],
        references=["https://forums.ivanti.com/s/article/CVE-2024-21888"],
    ),
    record(  # Cisco ASA: the vendor names the product, versions one by one
        "CVE-2023-20269",
        [
            _affected(
                "Cisco",
                "Cisco Adaptive Security Appliance (ASA) Software",
                [{"status": "affected", "version": v} for v in ("9.8.1", "9.8.1.5", "9.8.2")],
            )
        ],
        references=["https://sec.cloudapps.cisco.com/security/center/cisco-sa-asaftd-ravpn"],
    ),
    record(  # Atlassian: status points, the 8.3 line fixed only on 8.5 (LTS)
        "CVE-2024-21677",
        [
            _affected(
                "Atlassian",
                "Confluence Data Center",
                [{"status": "unaffected", "version": "< 8.0.0"}]
                + [{"status": "affected", "version": f">= {v}"} for v in ("8.0.0", "8.3.0")]
                + [{"status": "affected", "version": f">= {v}"} for v in ("8.5.0", "8.6.0")]
                + [{"status": "unaffected", "version": f">= {v}"} for v in ("8.5.7", "8.8.1")],
            )
        ],
    ),
    record(  # Atlassian: affected ranges per line in words, the fixes only as unaffected ones
        "CVE-2024-21683",
        [
            _affected(
                "Atlassian",
                "Confluence Data Center",
                [
                    {"status": "affected", "version": v}
                    for v in ("8.5.0 to 8.5.8", "8.4.0 to 8.4.5", "8.3.0 to 8.3.4")
                ]
                + [
                    {"status": "unaffected", "version": v}
                    for v in ("8.9.1 to 8.9.2", "8.5.9 to 8.5.10")
                ],
                defaultStatus="unaffected",
            )
        ],
    ),
    record(  # Exchange: one product per cumulative update, versions as builds
        "CVE-2023-36439",
        [
            _affected(
                "Microsoft",
                f"Microsoft Exchange Server 2019 Cumulative Update {cu}",
                _versions(("15.02.0", "lessThan", bound)),
                cpes=[
                    f"cpe:2.3:a:microsoft:exchange_server:2019:cumulative_update_{cu}:*:*:*:*:*:*"
                ],
                platforms=["x64-based Systems"],
            )
            for cu, bound in (("13", "15.02.1258.028"), ("12", "15.02.1118.040"))
        ],
        references=["https://msrc.microsoft.com/update-guide/vulnerability/CVE-2023-36439"],
    ),
    record(  # Cisco ASA, versions not given
        "CVE-2020-3259",
        [
            _affected(
                "Cisco",
                "Cisco Adaptive Security Appliance (ASA) Software",
                [{"status": "affected", "version": "n/a"}],
            )
        ],
    ),
]

KEV = {
    "title": "CISA Catalog of Known Exploited Vulnerabilities",
    "catalogVersion": "2024.10.01",
    "dateReleased": "2024-10-01T12:00:00.000Z",
    "count": 3,
    "vulnerabilities": [
        {
            "cveID": "CVE-2023-6548",
            "vendorProject": "Citrix",
            "product": "NetScaler ADC and NetScaler Gateway",
            "vulnerabilityName": "Citrix NetScaler ADC and Gateway Code Injection",
            "dateAdded": "2024-01-17",
            "shortDescription": "Code injection.",
            "requiredAction": "Apply mitigations per vendor instructions or discontinue use of "
            "the product if mitigations are unavailable.",
            "dueDate": "2024-01-24",
            "knownRansomwareCampaignUse": "Unknown",
            "notes": "",
            "cwes": ["CWE-94"],
        },
        {
            "cveID": "CVE-2024-21762",
            "vendorProject": "Fortinet",
            "product": "FortiOS",
            "vulnerabilityName": "Fortinet FortiOS Out-of-Bound Write",
            "dateAdded": "2024-02-09",
            "shortDescription": "Out-of-bounds write.",
            "requiredAction": "Apply mitigations per vendor instructions or discontinue use.",
            "dueDate": "2024-02-16",
            "knownRansomwareCampaignUse": "Unknown",
            "notes": "",
            "cwes": ["CWE-787"],
        },
        {
            "cveID": "CVE-2024-4577",
            "vendorProject": "PHP Group",
            "product": "PHP",
            "vulnerabilityName": "PHP-CGI OS Command Injection",
            "dateAdded": "2024-06-12",
            "shortDescription": "OS command injection.",
            "requiredAction": "Apply mitigations per vendor instructions or discontinue use.",
            "dueDate": "2024-07-03",
            "knownRansomwareCampaignUse": "Known",
            "notes": "",
            "cwes": ["CWE-78"],
        },
    ],
}


def import_appliance_records(engine: Engine, folder: Path) -> None:
    """Write the records and the KEV file into ``folder`` and import them."""
    cves = folder / "cves"
    cves.mkdir(parents=True, exist_ok=True)
    for item in RECORDS:
        cve = item["cveMetadata"]["cveId"]
        (cves / f"{cve}.json").write_text(json.dumps(item))
    import_path(engine, cves, source="cve")
    kev = folder / "known_exploited_vulnerabilities.json"
    kev.write_text(json.dumps(KEV))
    import_path(engine, kev)


def match_row(
    engine: Engine, folder: Path, records: list[dict[str, Any]], row: Component
) -> tuple[list[Finding], list[Problem]]:
    """``records`` written into ``folder`` and imported, then ``row`` matched against the
    store: its findings and what was skipped. The row must be identified."""
    cves = folder / "cves"
    cves.mkdir(parents=True, exist_ok=True)
    for item in records:
        (cves / f"{item['cveMetadata']['cveId']}.json").write_text(json.dumps(item))
    import_path(engine, cves, source="cve")
    skipped: list[Problem] = []
    unmatched: list[Unmatched] = []
    identified: list[Identification] = []
    with engine.connect() as conn:
        findings = match_components(conn, [row], skipped, unmatched, identified)
    assert unmatched == []
    return findings, skipped
