"""A day's feed update as the feeds publish it, for the re-check tests: OSV records (a new
advisory, a narrowed range, a withdrawal) and a KEV catalogue with additions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from aicc.feeds.sample import SAMPLE


def write_osv(path: Path, record: dict[str, Any]) -> None:
    """One OSV record as a JSON file named after its id."""
    (path / f"{record['id']}.json").write_text(json.dumps(record))


def sample_osv(advisory: str) -> dict[str, Any]:
    """A record of the shipped sample knowledge base."""
    return dict(json.loads((SAMPLE / "osv" / f"{advisory}.json").read_text()))


def kev_catalogue(path: Path, *cves: str) -> Path:
    """The sample KEV catalogue with ``cves`` added, written in ``path``."""
    catalogue = json.loads((SAMPLE / "known_exploited_vulnerabilities.json").read_text())
    for cve in cves:
        catalogue["vulnerabilities"].append(
            {
                "cveID": cve,
                "vendorProject": "Pallets",
                "product": "Flask",
                "vulnerabilityName": f"{cve} exploited",
                "dateAdded": "2026-12-01",
                "shortDescription": "Exploited in the wild.",
                "requiredAction": "Apply updates per vendor instructions.",
                "dueDate": "2026-12-22",
                "knownRansomwareCampaignUse": "Unknown",
                "notes": "",
                "cwes": [],
            }
        )
    catalogue.update(catalogVersion="2026.12.01", count=len(catalogue["vulnerabilities"]))
    file = path / "known_exploited_vulnerabilities.json"
    file.write_text(json.dumps(catalogue))
    return file


def changes(folder: Path) -> tuple[Path, Path]:
    """A day's feed update: three OSV records and a KEV catalogue with two additions."""
    osv = folder / "osv"
    osv.mkdir()
    write_osv(
        osv,
        {
            "id": "PYSEC-2026-1",
            "aliases": ["CVE-2026-0001"],
            "summary": "Flask session cookie forgery",
            "modified": "2026-12-01T00:00:00Z",
            "published": "2026-12-01T00:00:00Z",
            "affected": [
                {
                    "package": {"name": "flask", "ecosystem": "PyPI", "purl": "pkg:pypi/flask"},
                    "ranges": [
                        {"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2.3.0"}]}
                    ],
                }
            ],
        },
    )
    narrowed = sample_osv("PYSEC-2020-96")  # pyyaml 5.1 <= v < 5.3.1 becomes < 5.2
    narrowed["modified"] = "2026-12-01T00:00:00Z"
    narrowed["affected"][0]["ranges"] = [
        {"type": "ECOSYSTEM", "events": [{"introduced": "5.1"}, {"fixed": "5.2"}]}
    ]
    narrowed["affected"][0]["versions"] = ["5.1", "5.1.1", "5.1.2"]
    write_osv(osv, narrowed)
    withdrawn = sample_osv("PYSEC-2021-66")  # jinja2 < 2.11.3
    withdrawn.update(modified="2026-12-01T00:00:00Z", withdrawn="2026-12-01T00:00:00Z")
    write_osv(osv, withdrawn)
    return osv, kev_catalogue(folder, "CVE-2026-0001", "CVE-2023-32681")
