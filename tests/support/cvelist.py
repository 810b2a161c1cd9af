"""cvelistV5's published shapes, built small for tests: records, archives, releases.

Records are the sample's CVE JSON 5 files (cisagov/vulnrichment, CC0; see
``src/aicc/data/sample/README.md``), changed where a test needs a newer or older container.
Archives are laid out as the CVE Program publishes them (github.com/CVEProject/cvelistV5,
workflows ``baseline.yml``, ``release.yml`` and ``delta-yesterday.yml``):

- baseline ``<day>_all_CVEs_at_midnight.zip.zip``: a zip holding ``cves.zip``, which holds
  ``cves/<year>/<n>xxx/CVE-….json`` with ``cves/delta.json`` and ``cves/deltaLog.json`` beside;
- delta ``<day>_delta_CVEs_at_<HH>00Z.zip`` and ``<day>_delta_CVEs_at_end_of_day.zip``:
  ``deltaCves/CVE-….json``;
- the releases API page (``GET /repos/CVEProject/cvelistV5/releases``): a JSON list of releases,
  newest first, each with ``tag_name`` and ``assets`` (``name``, ``browser_download_url``, …).
"""

from __future__ import annotations

import copy
import io
import zipfile
from pathlib import Path
from typing import Any

import orjson

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "aicc" / "data" / "sample"
RELEASES_PATH = "/repos/CVEProject/cvelistV5/releases"
DOWNLOAD_PATH = "/CVEProject/cvelistV5/releases/download"


def sample_record(cve_id: str) -> dict[str, Any]:
    """A copy of the sample's record of ``cve_id`` (as Vulnrichment publishes it)."""
    [path] = (SAMPLE / "cve").rglob(f"{cve_id}.json")
    document: dict[str, Any] = orjson.loads(path.read_bytes())
    return copy.deepcopy(document)


def adp(document: dict[str, Any], short_name: str) -> dict[str, Any] | None:
    """The ADP container of ``short_name`` in a record, or None."""
    for container in document["containers"].get("adp", []):
        if container.get("providerMetadata", {}).get("shortName") == short_name:
            return dict(container)
    return None


def without_adp(document: dict[str, Any], short_name: str) -> dict[str, Any]:
    """A copy of ``document`` less the ADP container of ``short_name``."""
    changed = copy.deepcopy(document)
    changed["containers"]["adp"] = [
        c
        for c in changed["containers"].get("adp", [])
        if c.get("providerMetadata", {}).get("shortName") != short_name
    ]
    return changed


def bucket(cve_id: str) -> str:
    """``cves/2024/3xxx/CVE-2024-3400.json``: where cvelistV5 keeps a record."""
    _cve, year, number = cve_id.split("-")
    return f"cves/{year}/{int(number) // 1000}xxx/{cve_id}.json"


def zip_of(members: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def delta_log(documents: list[dict[str, Any]], fetch_time: str) -> dict[str, Any]:
    """A ``delta.json`` as cvelistV5 writes it, naming ``documents`` as updated."""
    raw = "https://raw.githubusercontent.com/CVEProject/cvelistV5/main/"
    items = [
        {
            "cveId": d["cveMetadata"]["cveId"],
            "cveOrgLink": f"https://www.cve.org/CVERecord?id={d['cveMetadata']['cveId']}",
            "githubLink": raw + bucket(d["cveMetadata"]["cveId"]),
            "dateUpdated": d["cveMetadata"]["dateUpdated"],
        }
        for d in documents
    ]
    return {
        "fetchTime": fetch_time,
        "numberOfChanges": len(items),
        "new": [],
        "updated": items,
        "error": [],
    }


def baseline_zip(documents: list[dict[str, Any]], *, inner: bytes | None = None) -> bytes:
    """A baseline asset: ``cves.zip`` (or ``inner`` bytes in its place) inside a zip."""
    if inner is None:
        log = delta_log(documents, "2025-08-31T23:55:00.000Z")
        members = {bucket(d["cveMetadata"]["cveId"]): pretty(d) for d in documents}
        members["cves/delta.json"] = pretty(log)
        members["cves/deltaLog.json"] = pretty([log])
        inner = zip_of(members)
    return zip_of({"cves.zip": inner})


def delta_zip(documents: list[dict[str, Any]]) -> bytes:
    """A delta asset (hourly or end of day): ``deltaCves/CVE-….json``."""
    return zip_of({f"deltaCves/{d['cveMetadata']['cveId']}.json": pretty(d) for d in documents})


def pretty(document: Any) -> bytes:
    """JSON as cvelistV5 stores it: indented (orjson indents by two, the repository by four)."""
    return orjson.dumps(document, option=orjson.OPT_INDENT_2)


def release(base_url: str, tag: str, names: list[str], *, number: int = 1) -> dict[str, Any]:
    """One release as the GitHub releases API returns it, its assets under ``base_url``."""
    stamp = "2025-09-01T12:03:00Z"
    return {
        "url": f"https://api.github.com/repos/CVEProject/cvelistV5/releases/{number}",
        "html_url": f"https://github.com/CVEProject/cvelistV5/releases/tag/{tag}",
        "id": number,
        "tag_name": tag,
        "target_commitish": "main",
        "name": "CVE " + tag.removeprefix("cve_"),
        "draft": False,
        "prerelease": False,
        "created_at": stamp,
        "published_at": stamp,
        "assets": [
            {
                "url": f"https://api.github.com/repos/CVEProject/cvelistV5/releases/assets/{i}",
                "id": number * 100 + i,
                "name": name,
                "label": "",
                "content_type": "application/zip" if name.endswith(".zip") else "text/markdown",
                "state": "uploaded",
                "size": 0,
                "download_count": 0,
                "created_at": stamp,
                "updated_at": stamp,
                "browser_download_url": f"{base_url}{DOWNLOAD_PATH}/{tag}/{name}",
            }
            for i, name in enumerate(names)
        ],
        "body": "",
    }


def asset_path(tag: str, name: str) -> str:
    """The server path of an asset ``release`` links to."""
    return f"{DOWNLOAD_PATH}/{tag}/{name}"
