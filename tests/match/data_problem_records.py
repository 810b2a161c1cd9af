"""CVE JSON 5 records with ranges the matcher cannot read, for the data-problem tests.

CVE-2024-28987 is cut from SolarWinds' record (CC0). The two Contoso records are made up, in the
shape of real ones: CVE-2024-90001 mixes a readable range with a sentence no rule reads, as
Aruba's record of CVE-2023-43506 does ("ClearPass Policy Manager 6.10.x: 6.10.8 with ClearPass
6.10.8 Cumulative Hotfix Patch 5 and below"); CVE-2024-90002's CNA gives "n/a" where CISA's ADP
gives a range, as Cisco's records of CVE-2020-3259 and others do.
"""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import Engine

from aicc.store.importer import import_path
from tests.match.appliance_records import record

CONTOSO_ADVISORY = "https://contoso.example/psirt/CSA-2024-07"
WHD_ADVISORY = "https://www.solarwinds.com/trust-center/security-advisories/cve-2024-28987"
UNREAD = "DoorWise Controller 6.10.x: 6.10.8 with Cumulative Hotfix Patch 5 and below"

RECORDS = [
    record(
        "CVE-2024-90001",
        [
            {
                "vendor": "Contoso Security",
                "product": "DoorWise Controller",
                "versions": [
                    {
                        "status": "affected",
                        "version": "6.11.0",
                        "lessThan": "6.11.5",
                        "versionType": "custom",
                    },
                    {"status": "affected", "version": UNREAD},
                ],
                "defaultStatus": "unaffected",
            }
        ],
        references=[CONTOSO_ADVISORY],
    ),
    record(
        "CVE-2024-90002",
        [
            {
                "vendor": "Contoso Security",
                "product": "GateKeeper",
                "versions": [{"status": "affected", "version": "n/a"}],
            }
        ],
        [
            {
                "vendor": "Contoso Security",
                "product": "GateKeeper",
                "versions": [
                    {
                        "status": "affected",
                        "version": "0",
                        "lessThan": "2.0",
                        "versionType": "custom",
                    }
                ],
                "defaultStatus": "unaffected",
            }
        ],
    ),
    record(
        "CVE-2024-28987",
        [
            {
                "vendor": "SolarWinds",
                "product": "Web Help Desk",
                "versions": [
                    {"status": "affected", "version": "12.8.3 Hotfix 1 and previous versions"}
                ],
                "defaultStatus": "affected",
            }
        ],
        references=[WHD_ADVISORY],
    ),
]


def import_data_problem_records(engine: Engine, folder: Path) -> None:
    """Write the records into ``folder`` and import them."""
    cves = folder / "data-problem-cves"
    cves.mkdir(parents=True, exist_ok=True)
    for item in RECORDS:
        (cves / f"{item['cveMetadata']['cveId']}.json").write_text(json.dumps(item))
    import_path(engine, cves, source="cve")
