"""CVE JSON 5 records (cvelistV5, CISA Vulnrichment): CNA and ADP containers, CVSS, SSVC, CPEs.

The same CVE comes from two places: the CVE Program's cvelistV5 (every record, the CNA's words
and the ADP containers as CVE Services holds them) and CISA's Vulnrichment (the CISA-ADP
container, often ahead of cvelistV5). The store keeps one record per CVE, merged container by
container with the rules here (`plan_merge`): each container (the CNA, each ADP by its short
name) is taken from whichever copy has the newer ``providerMetadata.dateUpdated``; on a tie of
dates with different content cvelistV5 wins over Vulnrichment, and a later file of the same
origin over an earlier one. No ADP container either copy has is ever dropped, except that a
REJECTED record is taken whole, as its newest copy publishes it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
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

# Where a record came from, and which wins a tie of dates with different content.
CVELIST = "cvelistV5"
VULNRICHMENT = "vulnrichment"
FILE = "file"
ORIGIN_RANK = {FILE: 0, VULNRICHMENT: 1, CVELIST: 2}
CNA = "cna"  # the provider key of the CNA container; an ADP's is its short name

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


def _container_digest(container: dict[str, Any], path: str) -> str:
    try:
        return digest(orjson.dumps(container, option=orjson.OPT_SORT_KEYS))
    except orjson.JSONEncodeError as exc:
        raise RecordError(path, f"cannot be stored: {exc}") from exc


def _ssvc_row(ssvc: dict[str, Any]) -> dict[str, str | None] | None:
    """What one container says of SSVC and KEV, as strings (keys it did not set are absent)."""
    row = {
        _SSVC_COLUMNS.get(key, key): value if isinstance(value, str) else None
        for key, value in ssvc.items()
        if _SSVC_COLUMNS.get(key, key) in _SSVC_KEYS
    }
    return row or None


_SSVC_COLUMNS = {"technical impact": "technical_impact"}
_SSVC_KEYS = frozenset(
    {"exploitation", "automatable", "technical_impact", "version", "timestamp", "kev_date_added"}
)


def _container(
    cve_id: str,
    provider: str,
    container: dict[str, Any],
    path: str,
    origin: str,
    fallback_date: Any,
) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    """One container's bookkeeping row (date, origin, CWEs, SSVC) and its metric and affected
    rows."""
    ssvc: dict[str, Any] = {}
    metrics = _metrics(cve_id, provider, container, path, ssvc)
    affected = _affected(cve_id, provider, container, path)
    provider_meta = jp.get(container, "providerMetadata", dict, path) or {}
    updated = _safe_time(provider_meta.get("dateUpdated"))
    row = {
        "cve_id": cve_id,
        "provider": provider,
        "date_updated": updated if updated is not None else fallback_date,
        "origin": origin,
        "digest": _container_digest(container, path),
        "cwes": _cwes(container, path) or None,
        "ssvc": _ssvc_row(ssvc),
    }
    return row, metrics, affected


def container_order(row: Mapping[str, Any]) -> tuple[bool, str]:
    """The CNA first, then the ADP containers by provider: the order CWEs are listed in and
    SSVC options are read in (a later container's option wins)."""
    return (row["provider"] != CNA, str(row["provider"]))


def merged_fields(containers: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The record's columns that come from all its containers: CWEs, CISA's SSVC and KEV date."""
    cwes: list[str] = []
    ssvc: dict[str, Any] = {}
    for row in sorted(containers, key=container_order):
        cwes += row.get("cwes") or []
        ssvc.update(row.get("ssvc") or {})
    return {
        "cwes": list(dict.fromkeys(cwes)) or None,
        "ssvc_exploitation": ssvc.get("exploitation"),
        "ssvc_automatable": ssvc.get("automatable"),
        "ssvc_technical_impact": ssvc.get("technical_impact"),
        "ssvc_version": ssvc.get("version"),
        "ssvc_timestamp": _safe_time(ssvc.get("timestamp")),
        "adp_kev_date_added": ssvc.get("kev_date_added"),
    }


def parse_record(record: Any, hashed: str, origin: str = FILE) -> Record:
    """Turn one CVE JSON 5 record into store rows; ``origin`` (`CVELIST`, `VULNRICHMENT` or
    `FILE`) is kept with each container for `plan_merge`."""
    record = jp.obj(record, "")
    if record.get("dataType") != "CVE_RECORD":
        raise RecordError("dataType", f"expected 'CVE_RECORD', got {record.get('dataType')!r}")
    meta = jp.need(record, "cveMetadata", dict)
    cve_id = jp.need(meta, "cveId", str, "cveMetadata")
    state = jp.need(meta, "state", str, "cveMetadata")
    containers = jp.need(record, "containers", dict)
    cna = jp.need(containers, "cna", dict, "containers")
    updated = _time(meta, "dateUpdated", "cveMetadata")
    row, metrics, affected = _container(cve_id, CNA, cna, "containers.cna", origin, updated)
    rows = [row]
    for i, adp in enumerate(jp.items(containers, "adp", dict, "containers")):
        where = f"containers.adp[{i}]"
        provider_meta = jp.get(adp, "providerMetadata", dict, where) or {}
        provider = str(provider_meta.get("shortName") or f"adp{i}")
        if provider in {r["provider"] for r in rows}:  # two containers of one name: keep both
            provider = f"{provider}#{i}"
        row, more_metrics, more_affected = _container(cve_id, provider, adp, where, origin, None)
        rows.append(row)
        metrics += more_metrics
        affected += more_affected
    descriptions = jp.items(cna, "descriptions", dict, "containers.cna") or jp.items(
        cna, "rejectedReasons", dict, "containers.cna"
    )
    parent = {
        "cve_id": cve_id,
        "state": state,
        "assigner": jp.get(meta, "assignerShortName", str, "cveMetadata"),
        "date_reserved": _time(meta, "dateReserved", "cveMetadata"),
        "date_published": _time(meta, "datePublished", "cveMetadata"),
        "date_updated": updated,
        "title": jp.get(cna, "title", str, "containers.cna"),
        "description": _english(descriptions),
        "descriptions": descriptions or None,
        "references": jp.items(cna, "references", dict, "containers.cna") or None,
        **merged_fields(rows),
        "workarounds": _english_texts(jp.items(cna, "workarounds", dict, "containers.cna")),
        "solutions": _english_texts(jp.items(cna, "solutions", dict, "containers.cna")),
        "digest": hashed,
    }
    children = {
        "cve_metrics": metrics,
        "cve_affected": affected,
        "cve_containers": rows,
        "cve_sources": [{"cve_id": cve_id, "origin": origin, "digest": hashed}],
    }
    return Record(cve_id, hashed, updated, parent, children)


# --------------------------------------------------------------------------- merging


def compare(incoming: Mapping[str, Any], stored: Mapping[str, Any] | None) -> int:
    """1 when the incoming container replaces the stored one, 0 when it is the same or kept
    out by a tie, -1 when it is older. Rows are `parse_record`'s ``cve_containers`` rows.

    The newer ``dateUpdated`` wins. Same content: the copy of the higher origin is kept (so the
    result does not depend on the order of imports). Same date, other content: the incoming copy
    wins unless it is of a lower origin (a later file of one origin corrects an earlier one)."""
    if stored is None:
        return 1
    new, old = incoming["date_updated"], stored["date_updated"]
    if new != old and incoming["digest"] != stored["digest"]:
        if new is None or (old is not None and new < old):
            return -1
        return 1
    rank = ORIGIN_RANK.get(incoming["origin"], 0) - ORIGIN_RANK.get(stored["origin"], 0)
    if incoming["digest"] == stored["digest"]:  # the same: cvelistV5's copy is the one named
        return 1 if rank > 0 else 0
    return 1 if rank >= 0 else 0


@dataclass(frozen=True)
class MergePlan:
    """What an incoming copy of a stored CVE record changes."""

    whole: bool = False  # the incoming record replaces the stored one entirely
    take_cna: bool = False  # its CNA container and metadata replace the stored ones
    take: tuple[str, ...] = ()  # the ADP providers whose incoming container is new or newer
    older: bool = False  # some incoming container is older than the stored one

    @property
    def changed(self) -> bool:
        return self.whole or self.take_cna or bool(self.take)


def plan_merge(
    stored: Mapping[str, Mapping[str, Any]],
    stored_state: str,
    incoming: Mapping[str, Mapping[str, Any]],
    incoming_state: str,
) -> MergePlan:
    """How an incoming record (its containers by provider, and its state) merges into the
    stored one: container by container, the newer wins (`compare`); a REJECTED record is
    taken whole, and nothing is merged into a stored REJECTED record that stays newer."""
    verdicts = {provider: compare(row, stored.get(provider)) for provider, row in incoming.items()}
    older = any(v < 0 for v in verdicts.values())
    take_cna = verdicts.get(CNA, 0) > 0
    if take_cna and incoming_state == "REJECTED":
        return MergePlan(whole=True, older=older)
    if not take_cna and stored_state == "REJECTED":
        return MergePlan(older=older)
    take = tuple(sorted(p for p, v in verdicts.items() if p != CNA and v > 0))
    return MergePlan(take_cna=take_cna, take=take, older=older)


def _safe_time(value: Any) -> Any:
    if not isinstance(value, str):
        return None
    try:
        return parse_time(value)
    except (ValueError, OverflowError):
        return None


def origin_of(path: Path, name: str) -> str:
    """Whether a record file comes from cvelistV5 (its baseline or delta archives, a ``cves``
    or ``deltaCves`` folder, a ``cvelistV5`` checkout), from Vulnrichment (its archive or a
    checkout named so) or from elsewhere, by the names of the file and the folders around it."""
    parts = [part.lower() for part in (path.name, *name.split("/")[:-1])]
    if any(
        part in {"cves", "deltacves", "cves.zip"}
        or part.startswith("cvelistv5")
        or "_cves_at_" in part
        for part in parts
    ):
        return CVELIST
    if any("vulnrichment" in part for part in parts):
        return VULNRICHMENT
    return FILE


def load(path: Path, known: set[str] | frozenset[str] = frozenset()) -> LoadedFeed:
    """Open a cvelistV5 or Vulnrichment zip or folder, cvelistV5's baseline (a zip holding
    ``cves.zip``) or delta archive, or one record; skips ``known`` digests."""
    found = members(path, (".json",), nested=True)

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
                yield parse_record(document, hashed, origin_of(path, name))
            except RecordError as exc:
                yield Problem("feeds", str(path), name, str(exc))

    return LoadedFeed(SOURCE, str(path), found.total, items())


def looks_like(document: Any) -> bool:
    """Whether a parsed JSON document is a CVE JSON 5 record."""
    return isinstance(document, dict) and document.get("dataType") == "CVE_RECORD"
