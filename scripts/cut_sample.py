"""Cut the sample knowledge base (src/aicc/data/sample) from the snapshots in ../shared/data.

Run from the project root: ``python scripts/cut_sample.py ../shared/data``. The sample is small on
purpose: the advisories, CVE records and KEV entries that the demo inventories need.
"""

from __future__ import annotations

import json
import shutil
import sys
import zipfile
from pathlib import Path

PYPI_PACKAGES = (
    "django",
    "flask",
    "jinja2",
    "requests",
    "urllib3",
    "pyyaml",
    "pillow",
    "cryptography",
    "werkzeug",
    "certifi",
    "setuptools",
    "aiohttp",
    "paramiko",
)
GO_ADVISORIES = (
    "GO-2022-0969",
    "GO-2023-2402",
    "GO-2023-2102",
    "GO-2024-2687",
    "GO-2022-1144",
    "GO-2023-1571",
)
APPLIANCE_CVES = (
    "CVE-2024-3400",
    "CVE-2023-34362",
    "CVE-2024-1709",
    "CVE-2023-27997",
    "CVE-2022-40684",
    "CVE-2023-20198",
    "CVE-2024-23897",
    "CVE-2023-22515",
    "CVE-2021-34527",
    "CVE-2023-44487",
    "CVE-2024-24919",
    "CVE-2024-4577",
    "CVE-2024-21762",
    "CVE-2023-48788",
    "CVE-2024-27198",
    "CVE-2021-44228",
    "CVE-2023-4966",
    "CVE-2024-21887",
    "CVE-2023-46805",
    "CVE-2024-6387",
)
PER_PACKAGE = 2


def cve_path(cve: str) -> str:
    year, number = cve.split("-")[1:]
    return f"{year}/{number[:-3]}xxx/{cve}.json"


def main(shared: Path, out: Path) -> None:
    if out.exists():
        shutil.rmtree(out)
    (out / "osv").mkdir(parents=True)
    (out / "cve").mkdir()
    cves = set(APPLIANCE_CVES)
    picked: dict[str, list[tuple[str, dict]]] = {}
    with zipfile.ZipFile(shared / "osv" / "PyPI-all.zip") as archive:
        for name in archive.namelist():
            record = json.loads(archive.read(name))
            if record.get("withdrawn") or not any(
                a.startswith("CVE-") for a in record.get("aliases", [])
            ):
                continue
            for affected in record.get("affected", []):
                package = affected.get("package", {}).get("name", "").lower()
                if package in PYPI_PACKAGES:
                    picked.setdefault(package, []).append((record["published"], record))
                    break
    with zipfile.ZipFile(shared / "osv" / "Go-all.zip") as archive:
        go = [
            json.loads(archive.read(f"{i}.json"))
            for i in GO_ADVISORIES
            if f"{i}.json" in archive.namelist()
        ]
    records = [
        r for items in picked.values() for _p, r in sorted(items, key=lambda x: x[0])[-PER_PACKAGE:]
    ] + go
    for record in records:
        (out / "osv" / f"{record['id']}.json").write_text(json.dumps(record, indent=1) + "\n")
        cves.update(a for a in record.get("aliases", []) if a.startswith("CVE-"))
    with zipfile.ZipFile(shared / "cve" / "vulnrichment.zip") as archive:
        names = set(archive.namelist())
        for cve in sorted(cves):
            if cve_path(cve) in names:
                target = out / "cve" / cve_path(cve)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(archive.read(cve_path(cve)))
    catalogue = json.loads((shared / "kev" / "known_exploited_vulnerabilities.json").read_text())
    catalogue["vulnerabilities"] = [v for v in catalogue["vulnerabilities"] if v["cveID"] in cves]
    catalogue["count"] = len(catalogue["vulnerabilities"])
    (out / "known_exploited_vulnerabilities.json").write_text(json.dumps(catalogue, indent=1))
    print(
        f"{len(records)} OSV records, {len(list((out / 'cve').rglob('*.json')))} CVE records, "
        f"{catalogue['count']} KEV entries"
    )


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data"), Path("src/aicc/data/sample"))
