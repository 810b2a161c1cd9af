"""OSV: advisories in the OSV schema, from ``all.zip`` files, folders or single records."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import orjson
import yaml

from aicc.core.packages import base_ecosystem, normalize_name, purl_for
from aicc.core.problems import Problem
from aicc.core.times import parse_time
from aicc.feeds import jsonpath as jp
from aicc.feeds.files import members
from aicc.feeds.records import Item, LoadedFeed, Record, RecordError, Unchanged, digest

SOURCE = "osv"
SUFFIXES = (".json", ".yaml", ".yml")
RANGE_TYPES = {"SEMVER", "ECOSYSTEM", "GIT"}
EVENT_KINDS = {"introduced", "fixed", "last_affected", "limit"}

try:  # the C loader is ten times faster where libyaml is present
    _YamlLoader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _YamlLoader = yaml.SafeLoader


def decode(name: str, data: bytes) -> Any:
    """Parse a record's bytes as JSON, or YAML for ``.yaml``/``.yml`` names."""
    try:
        if name.lower().endswith((".yaml", ".yml")):
            return _plain(yaml.load(data, Loader=_YamlLoader))
        return orjson.loads(data)
    except (orjson.JSONDecodeError, yaml.YAMLError, UnicodeDecodeError, RecursionError) as exc:
        raise RecordError(
            "", f"not valid {'YAML' if name.endswith(('yaml', 'yml')) else 'JSON'}: {exc}"
        ) from exc


def _plain(value: Any) -> Any:
    """YAML turns unquoted timestamps into datetimes; OSV fields are RFC 3339 strings."""
    if isinstance(value, datetime):
        return value.isoformat() + ("Z" if value.tzinfo is None else "")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _time(record: dict[str, Any], key: str, required: bool = False) -> Any:
    value = jp.need(record, key, str) if required else jp.get(record, key, str)
    if value is None:
        return None
    try:
        return parse_time(value)
    except (ValueError, OverflowError) as exc:  # OverflowError: 0001-01-01T00:00:00+01:00
        raise RecordError(key, f"not an RFC 3339 timestamp: {value!r}") from exc


def _ranges(affected: dict[str, Any], path: str) -> list[dict[str, Any]]:
    ranges = jp.items(affected, "ranges", dict, path)
    for i, rng in enumerate(ranges):
        where = jp.join(jp.join(path, "ranges"), i)
        kind = jp.need(rng, "type", str, where)
        if kind not in RANGE_TYPES:
            raise RecordError(jp.join(where, "type"), f"unknown range type {kind!r}")
        events = jp.need(rng, "events", list, where)
        for j, event in enumerate(events):
            at = jp.join(jp.join(where, "events"), j)
            event = jp.obj(event, at)
            if len(event) != 1 or next(iter(event)) not in EVENT_KINDS:
                raise RecordError(at, f"an event has one of {sorted(EVENT_KINDS)}, got {event}")
            jp.check(next(iter(event.values())), str, jp.join(at, next(iter(event))))
    return ranges


def _affected_rows(advisory_id: str, record: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for i, affected in enumerate(jp.items(record, "affected", dict)):
        path = f"affected[{i}]"
        package = jp.get(affected, "package", dict, path)
        ranges = _ranges(affected, path)
        versions = jp.items(affected, "versions", str, path)
        if package is None:  # GIT-only entries name a repository, not a package
            ecosystem, name, purl = "GIT", "", None
        else:
            ecosystem = jp.need(package, "ecosystem", str, jp.join(path, "package"))
            name = jp.need(package, "name", str, jp.join(path, "package"))
            purl = jp.get(package, "purl", str, jp.join(path, "package"))
            if not purl:
                try:
                    purl = purl_for(ecosystem, name)
                except ValueError as exc:  # an empty name, or "group:" in Maven
                    raise RecordError(jp.join(path, "package.name"), str(exc)) from exc
        rows.append(
            {
                "advisory_id": advisory_id,
                "ecosystem": ecosystem,
                "ecosystem_base": base_ecosystem(ecosystem),
                "name": name,
                "normalized_name": normalize_name(ecosystem, name),
                "purl": purl,
                "ranges": ranges or None,
                "versions": versions or None,
                "ecosystem_specific": jp.get(affected, "ecosystem_specific", dict, path),
                "database_specific": jp.get(affected, "database_specific", dict, path),
            }
        )
    return rows


def parse_record(record: Any, hashed: str) -> Record:
    """Turn one parsed OSV record into store rows, checking the fields the store relies on."""
    record = jp.obj(record, "")
    advisory_id = jp.need(record, "id", str)
    if not advisory_id.strip():
        raise RecordError("id", "must not be empty")
    modified = _time(record, "modified", required=True)
    severity = jp.items(record, "severity", dict)
    for i, item in enumerate(severity):
        jp.need(item, "type", str, f"severity[{i}]")
        jp.need(item, "score", str, f"severity[{i}]")
    references = jp.items(record, "references", dict)
    for i, ref in enumerate(references):
        jp.need(ref, "url", str, f"references[{i}]")
    aliases = [
        {"advisory_id": advisory_id, "alias": alias, "relation": relation}
        for key, relation in (
            ("aliases", "alias"),
            ("upstream", "upstream"),
            ("related", "related"),
        )
        for alias in dict.fromkeys(jp.items(record, key, str))
        if alias != advisory_id
    ]
    try:  # the record is stored whole; orjson writes at most 255 levels of nesting
        orjson.dumps(record)
    except orjson.JSONEncodeError as exc:
        raise RecordError("", f"cannot be stored: {exc}") from exc
    row = {
        "id": advisory_id,
        "schema_version": jp.get(record, "schema_version", str),
        "summary": jp.get(record, "summary", str),
        "details": jp.get(record, "details", str),
        "published": _time(record, "published"),
        "modified": modified,
        "withdrawn": _time(record, "withdrawn"),
        "severity": severity or None,
        "references": references or None,
        "credits": jp.items(record, "credits", dict) or None,
        "database_specific": jp.get(record, "database_specific", dict),
        "digest": hashed,
        "raw": record,
    }
    children = {
        "advisory_aliases": aliases,
        "affected_packages": _affected_rows(advisory_id, record),
    }
    return Record(advisory_id, hashed, modified, row, children)


def load(path: Path, known: set[str] | frozenset[str] = frozenset()) -> LoadedFeed:
    """Open an OSV zip, folder or record; records whose digest is in ``known`` are not parsed."""
    found = members(path, SUFFIXES)

    def items() -> Iterator[Item]:
        for name, data in found.iterator:
            hashed = digest(data)
            if hashed in known:
                yield Unchanged(hashed)
                continue
            try:
                yield parse_record(decode(name, data), hashed)
            except RecordError as exc:
                yield Problem("feeds", str(path), name, str(exc))

    return LoadedFeed(SOURCE, str(path), found.total, items())


def looks_like(document: Any) -> bool:
    """Whether a parsed JSON document is an OSV record."""
    return (
        isinstance(document, dict)
        and "id" in document
        and "modified" in document
        and "dataType" not in document
    )
