"""NVD CVE API 2.0: response pages (``"format": "NVD_CVE"``) as files, folders or zips."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

from aicc.core.cpe import split_cpe
from aicc.core.errors import FeedError
from aicc.core.packages import product_key
from aicc.core.problems import Problem
from aicc.core.times import parse_time
from aicc.feeds import jsonpath as jp
from aicc.feeds.files import members
from aicc.feeds.records import Item, LoadedFeed, Record, RecordError, digest

SOURCE = "nvd"


def _cpe_rows(cve_id: str, configurations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for i, config in enumerate(configurations):
        for j, node in enumerate(jp.items(config, "nodes", dict, f"configurations[{i}]")):
            where = f"configurations[{i}].nodes[{j}]"
            for k, match in enumerate(jp.items(node, "cpeMatch", dict, where)):
                at = f"{where}.cpeMatch[{k}]"
                criteria = jp.need(match, "criteria", str, at)
                try:
                    cpe = split_cpe(criteria)
                except ValueError as exc:
                    raise RecordError(jp.join(at, "criteria"), str(exc)) from exc
                version = cpe["version"].replace("\\", "")
                update = cpe["update"].replace("\\", "")
                if version not in {"*", "-", ""} and update not in {"*", "-", ""}:
                    # NVD puts hotfixes in the update field (pan-os:11.1.2:h1): without it an
                    # unpatched 11.1.2 would match a CVE that names only 11.1.2-h1
                    version = f"{version}-{update}"
                rows.append(
                    {
                        "cve_id": cve_id,
                        "criteria": criteria,
                        "vendor": cpe["vendor"],
                        "product": cpe["product"],
                        "vendor_key": product_key(cpe["vendor"]),
                        "product_key": product_key(cpe["product"]),
                        "version": None if version in {"*", "-", ""} else version,
                        "vulnerable": bool(jp.need(match, "vulnerable", bool, at)),
                        "version_start_including": jp.get(match, "versionStartIncluding", str, at),
                        "version_start_excluding": jp.get(match, "versionStartExcluding", str, at),
                        "version_end_including": jp.get(match, "versionEndIncluding", str, at),
                        "version_end_excluding": jp.get(match, "versionEndExcluding", str, at),
                    }
                )
    return rows


def running_on(configurations: Any) -> dict[str, list[str]]:
    """The platform conditions of NVD ``configurations``: for each vulnerable criteria CPE,
    the platforms it is vulnerable only when running on, or [] when some configuration
    lists it without one.

    NVD writes "running on" as a configuration with ``"operator": "AND"`` whose nodes hold the
    vulnerable CPEs in one and the platform (``"vulnerable": false``, most often an OS:
    ``cpe:2.3:o:microsoft:windows:-``) in another; CVE-2019-0232, Apache Tomcat only on
    Windows, is one (nvd.nist.gov/vuln/detail/CVE-2019-0232, and NVD's "CPE Applicability
    Statements"). A negated node is left out: it says where the flaw is not.
    """
    found: dict[str, list[str]] = {}
    for config in configurations if isinstance(configurations, list) else []:
        if not isinstance(config, dict):
            continue
        nodes = [n for n in config.get("nodes") or [] if isinstance(n, dict)]
        matches = [
            (m, bool(n.get("negate")))
            for n in nodes
            for m in n.get("cpeMatch") or []
            if isinstance(m, dict) and isinstance(m.get("criteria"), str)
        ]
        platforms: list[str] = []
        if str(config.get("operator", "")).upper() == "AND":
            platforms = list(
                dict.fromkeys(
                    platform_name(m["criteria"])
                    for m, negated in matches
                    if not m.get("vulnerable") and not negated
                )
            )
        for match, _negated in matches:
            if not match.get("vulnerable"):
                continue
            criteria = match["criteria"]
            if criteria in found and not found[criteria]:
                continue  # listed without a condition elsewhere: none applies
            if not platforms:
                found[criteria] = []
            else:
                found[criteria] = list(dict.fromkeys([*found.get(criteria, []), *platforms]))
    return found


def platform_name(criteria: str) -> str:
    """A platform CPE as a person reads it: ``cpe:2.3:o:microsoft:windows:-:...`` ->
    ``Microsoft Windows``; a hardware one says so (``Fortinet Fortigate-100f (hardware)``)."""
    try:
        cpe = split_cpe(criteria)
    except ValueError:
        return criteria
    words = [
        w.replace("\\", "").replace("_", " ")
        for w in (cpe["vendor"], cpe["product"], cpe["version"])
        if w not in {"*", "-", ""}
    ]
    name = " ".join(w[:1].upper() + w[1:] for w in words)
    return f"{name} (hardware)" if cpe.get("part") == "h" else name


def _time(cve: dict[str, Any], key: str) -> Any:
    value = jp.get(cve, key, str, "cve")
    try:
        return None if value is None else parse_time(value)
    except (ValueError, OverflowError) as exc:
        raise RecordError(f"cve.{key}", f"not an ISO 8601 timestamp: {value!r}") from exc


def parse_vulnerability(item: Any) -> Record:
    """One entry of a page's ``vulnerabilities`` list as store rows."""
    cve = jp.need(jp.obj(item, ""), "cve", dict)
    cve_id = jp.need(cve, "id", str, "cve")
    descriptions = jp.items(cve, "descriptions", dict, "cve")
    english = next((d.get("value") for d in descriptions if d.get("lang") == "en"), None)
    configurations = jp.items(cve, "configurations", dict, "cve")
    modified = _time(cve, "lastModified")
    try:
        hashed = digest(orjson.dumps(cve, option=orjson.OPT_SORT_KEYS))
    except orjson.JSONEncodeError as exc:  # nested deeper than orjson writes (255)
        raise RecordError("cve", f"cannot be stored: {exc}") from exc
    row = {
        "cve_id": cve_id,
        "source_identifier": jp.get(cve, "sourceIdentifier", str, "cve"),
        "vuln_status": jp.get(cve, "vulnStatus", str, "cve"),
        "published": _time(cve, "published"),
        "last_modified": modified,
        "description": english if isinstance(english, str) else None,
        "metrics": jp.get(cve, "metrics", dict, "cve"),
        "weaknesses": jp.items(cve, "weaknesses", dict, "cve") or None,
        "configurations": configurations or None,
        "references": jp.items(cve, "references", dict, "cve") or None,
        "cisa_exploit_add": jp.get(cve, "cisaExploitAdd", str, "cve"),
        "digest": hashed,
    }
    return Record(
        cve_id, hashed, modified, row, {"nvd_cpe_matches": _cpe_rows(cve_id, configurations)}
    )


def parse_page(document: Any, name: str) -> list[Any]:
    """The ``vulnerabilities`` list of one CVE API 2.0 page; FeedError if it is not one."""
    if not looks_like(document):
        raise FeedError('not an NVD CVE API 2.0 page (expected "format": "NVD_CVE")', path=name)
    vulnerabilities = document.get("vulnerabilities")
    if not isinstance(vulnerabilities, list):
        raise FeedError("expected a list", path=name, location="vulnerabilities")
    return vulnerabilities


def load(path: Path, known: set[str] | frozenset[str] = frozenset()) -> LoadedFeed:
    """Open one page, or a folder or zip of pages; a bad entry is skipped with its path."""
    found = members(path, (".json",))
    pages: list[tuple[str, list[Any]]] = []
    for name, data in found.iterator:
        try:
            document = orjson.loads(data)
        except orjson.JSONDecodeError as exc:
            raise FeedError(
                f"not valid JSON: {exc}",
                path=str(path),
                location=None if name == path.name else name,
            ) from exc
        pages.append(
            (name, parse_page(document, str(path) if name == path.name else f"{path}: {name}"))
        )

    def items() -> Iterator[Item]:
        for name, vulnerabilities in pages:
            for i, item in enumerate(vulnerabilities):
                where = (
                    f"vulnerabilities[{i}]" if len(pages) == 1 else f"{name}: vulnerabilities[{i}]"
                )
                try:
                    yield parse_vulnerability(item)
                except RecordError as exc:
                    yield Problem("feeds", str(path), where, str(exc))

    return LoadedFeed(SOURCE, str(path), sum(len(v) for _, v in pages), items())


def looks_like(document: Any) -> bool:
    """Whether a parsed JSON document is an NVD CVE API 2.0 page."""
    return isinstance(document, dict) and document.get("format") == "NVD_CVE"
