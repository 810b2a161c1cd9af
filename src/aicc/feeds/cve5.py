"""CVE JSON 5 records (cvelistV5, CISA Vulnrichment): CNA and ADP containers, CVSS, SSVC, CPEs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

from aicc.core.cvss import score_vector
from aicc.core.packages import product_key
from aicc.core.problems import Problem
from aicc.core.times import parse_time
from aicc.feeds import jsonpath as jp
from aicc.feeds.files import members
from aicc.feeds.records import Item, LoadedFeed, Record, RecordError, Unchanged, digest

SOURCE = "cve"
_METRIC_KEYS = {"cvssV2_0": "2.0", "cvssV3_0": "3.0", "cvssV3_1": "3.1", "cvssV4_0": "4.0"}

# CISA's ADP spells SSVC option values in several ways ("Active", "PoC", "Yes").
_SSVC_VALUES = {
    "exploitation": {"none": "none", "poc": "poc", "public poc": "poc", "active": "active"},
    "automatable": {"yes": "yes", "no": "no"},
    "technical impact": {"partial": "partial", "total": "total"},
}


def normalize_ssvc(name: str, value: str) -> str | None:
    """An ADP SSVC option value in lower case (``"PoC"`` -> ``"poc"``), None when unknown."""
    return _SSVC_VALUES.get(name.lower(), {}).get(value.strip().lower())


def _metrics(
    cve_id: str, provider: str, container: dict[str, Any], path: str, ssvc: dict[str, Any]
) -> list[dict[str, Any]]:
    rows = []
    for i, metric in enumerate(jp.items(container, "metrics", dict, path)):
        where = jp.join(jp.join(path, "metrics"), i)
        for key, version in _METRIC_KEYS.items():
            body = jp.get(metric, key, dict, where)
            if body is None:
                continue
            vector = jp.need(body, "vectorString", str, jp.join(where, key))
            if version == "2.0" and vector.startswith("CVSS:2.0/"):
                vector = vector.removeprefix("CVSS:2.0/")
            score, severity, error = score_vector(version, vector)
            rows.append(
                {
                    "cve_id": cve_id,
                    "provider": provider,
                    "cvss_version": version,
                    "vector": vector,
                    "base_score": score,
                    "base_severity": severity,
                    "parse_error": error,
                }
            )
        other = jp.get(metric, "other", dict, where)
        if other and other.get("type") == "ssvc" and isinstance(other.get("content"), dict):
            content = other["content"]
            options = content.get("options")
            for option in options if isinstance(options, list) else []:
                if isinstance(option, dict):
                    for name, value in option.items():
                        if isinstance(value, str):
                            ssvc[name.lower()] = normalize_ssvc(name, value)
            ssvc["version"] = content.get("version")
            ssvc["timestamp"] = content.get("timestamp")
        elif other and other.get("type") == "kev" and isinstance(other.get("content"), dict):
            ssvc["kev_date_added"] = other["content"].get("dateAdded")
    return rows


def _affected(
    cve_id: str, provider: str, container: dict[str, Any], path: str
) -> list[dict[str, Any]]:
    rows = []
    for i, product in enumerate(jp.items(container, "affected", dict, path)):
        where = jp.join(jp.join(path, "affected"), i)
        vendor = jp.get(product, "vendor", str, where)
        name = jp.get(product, "product", str, where)
        rows.append(
            {
                "cve_id": cve_id,
                "provider": provider,
                "vendor": vendor,
                "product": name,
                "vendor_key": product_key(vendor) if vendor else None,
                "product_key": product_key(name) if name else None,
                "package_name": jp.get(product, "packageName", str, where),
                "collection_url": jp.get(product, "collectionURL", str, where),
                "cpes": jp.items(product, "cpes", str, where) or None,
                "versions": jp.items(product, "versions", dict, where) or None,
                "default_status": jp.get(product, "defaultStatus", str, where),
                "platforms": jp.items(product, "platforms", str, where) or None,
            }
        )
    return rows


def _cwes(container: dict[str, Any], path: str) -> list[str]:
    found = []
    for i, problem in enumerate(jp.items(container, "problemTypes", dict, path)):
        where = jp.join(jp.join(path, "problemTypes"), i)
        for j, description in enumerate(jp.items(problem, "descriptions", dict, where)):
            cwe = jp.get(description, "cweId", str, jp.join(jp.join(where, "descriptions"), j))
            if cwe:
                found.append(cwe)
    return found


def _english(descriptions: list[dict[str, Any]]) -> str | None:
    for description in descriptions:
        if str(description.get("lang", "")).lower().startswith("en"):
            value = description.get("value")
            return value if isinstance(value, str) else None
    first = descriptions[0].get("value") if descriptions else None
    return first if isinstance(first, str) else None


def _english_texts(items: list[dict[str, Any]]) -> list[str] | None:
    """The English texts of CVE JSON 5 ``workarounds``/``solutions``, whitespace tidied."""
    texts = [
        " ".join(str(item["value"]).split())
        for item in items
        if isinstance(item.get("value"), str)
        and item["value"].strip()
        and str(item.get("lang", "en")).lower().startswith("en")
    ]
    return texts or None


def _time(container: dict[str, Any], key: str, path: str) -> Any:
    value = jp.get(container, key, str, path)
    try:
        return None if value is None else parse_time(value)
    except (ValueError, OverflowError) as exc:
        raise RecordError(jp.join(path, key), f"not an ISO 8601 timestamp: {value!r}") from exc


def parse_record(record: Any, hashed: str) -> Record:
    """Turn one CVE JSON 5 record into store rows."""
    record = jp.obj(record, "")
    if record.get("dataType") != "CVE_RECORD":
        raise RecordError("dataType", f"expected 'CVE_RECORD', got {record.get('dataType')!r}")
    meta = jp.need(record, "cveMetadata", dict)
    cve_id = jp.need(meta, "cveId", str, "cveMetadata")
    state = jp.need(meta, "state", str, "cveMetadata")
    containers = jp.need(record, "containers", dict)
    cna = jp.need(containers, "cna", dict, "containers")
    ssvc: dict[str, Any] = {}
    metrics = _metrics(cve_id, "cna", cna, "containers.cna", ssvc)
    affected = _affected(cve_id, "cna", cna, "containers.cna")
    cwes = _cwes(cna, "containers.cna")
    for i, adp in enumerate(jp.items(containers, "adp", dict, "containers")):
        where = f"containers.adp[{i}]"
        provider_meta = jp.get(adp, "providerMetadata", dict, where) or {}
        provider = str(provider_meta.get("shortName") or f"adp{i}")
        metrics += _metrics(cve_id, provider, adp, where, ssvc)
        affected += _affected(cve_id, provider, adp, where)
        cwes += _cwes(adp, where)
    descriptions = jp.items(cna, "descriptions", dict, "containers.cna") or jp.items(
        cna, "rejectedReasons", dict, "containers.cna"
    )
    ssvc_time = ssvc.get("timestamp")
    updated = _time(meta, "dateUpdated", "cveMetadata")
    row = {
        "cve_id": cve_id,
        "state": state,
        "assigner": jp.get(meta, "assignerShortName", str, "cveMetadata"),
        "date_reserved": _time(meta, "dateReserved", "cveMetadata"),
        "date_published": _time(meta, "datePublished", "cveMetadata"),
        "date_updated": updated,
        "title": jp.get(cna, "title", str, "containers.cna"),
        "description": _english(descriptions),
        "descriptions": descriptions or None,
        "cwes": list(dict.fromkeys(cwes)) or None,
        "references": jp.items(cna, "references", dict, "containers.cna") or None,
        "ssvc_exploitation": ssvc.get("exploitation"),
        "ssvc_automatable": ssvc.get("automatable"),
        "ssvc_technical_impact": ssvc.get("technical impact"),
        "ssvc_version": ssvc.get("version") if isinstance(ssvc.get("version"), str) else None,
        "ssvc_timestamp": _safe_time(ssvc_time),
        "adp_kev_date_added": ssvc.get("kev_date_added")
        if isinstance(ssvc.get("kev_date_added"), str)
        else None,
        "workarounds": _english_texts(jp.items(cna, "workarounds", dict, "containers.cna")),
        "solutions": _english_texts(jp.items(cna, "solutions", dict, "containers.cna")),
        "digest": hashed,
    }
    return Record(cve_id, hashed, updated, row, {"cve_metrics": metrics, "cve_affected": affected})


def _safe_time(value: Any) -> Any:
    if not isinstance(value, str):
        return None
    try:
        return parse_time(value)
    except (ValueError, OverflowError):
        return None


def load(path: Path, known: set[str] | frozenset[str] = frozenset()) -> LoadedFeed:
    """Open a cvelistV5/Vulnrichment zip or folder, or one record; skips ``known`` digests."""
    found = members(path, (".json",))

    def items() -> Iterator[Item]:
        for name, data in found.iterator:
            if name.rsplit("/", 1)[-1].startswith(("delta", "recent_activities")):
                continue  # cvelistV5's delta logs sit beside the records
            hashed = digest(data)
            if hashed in known:
                yield Unchanged(hashed)
                continue
            try:
                try:
                    document = orjson.loads(data)
                except orjson.JSONDecodeError as exc:
                    raise RecordError("", f"not valid JSON: {exc}") from exc
                yield parse_record(document, hashed)
            except RecordError as exc:
                yield Problem("feeds", str(path), name, str(exc))

    return LoadedFeed(SOURCE, str(path), found.total, items())


def looks_like(document: Any) -> bool:
    """Whether a parsed JSON document is a CVE JSON 5 record."""
    return isinstance(document, dict) and document.get("dataType") == "CVE_RECORD"
