"""Tell which feed a file, folder or zip holds, from its content rather than its name."""

from __future__ import annotations

import gzip
import zipfile
import zlib
from pathlib import Path
from typing import Any

import orjson
import yaml

from aicc.core.errors import FeedError
from aicc.core.files import read_regular
from aicc.feeds import csaf, cve5, kev, nvd, osv
from aicc.feeds.files import SKIP_DIRS, open_nested, open_zip, read_file, read_member, wanted_infos

EXPECTED = (
    "an OSV record, folder or all.zip; a CISA KEV catalogue JSON; an EPSS CSV (.csv or "
    ".csv.gz); CVE JSON 5 records (file, folder or zip, cvelistV5's baseline or delta "
    "archive); NVD CVE API 2.0 pages; or CSAF 2.0 advisories (file, folder or zip)"
)
FEED_SUFFIXES = (".json", ".yaml", ".yml")


def classify(document: Any) -> str | None:
    """The source a parsed JSON document belongs to, or None."""
    if kev.looks_like(document):
        return "kev"
    if csaf.looks_like(document):
        return "csaf"
    if nvd.looks_like(document):
        return "nvd"
    if cve5.looks_like(document):
        return "cve"
    if osv.looks_like(document):
        return "osv"
    return None


def _classify_bytes(name: str, data: bytes) -> str | None:
    try:
        if name.lower().endswith((".yaml", ".yml")):
            return "osv" if osv.looks_like(yaml.safe_load(data)) else None
        return classify(orjson.loads(data))
    except (orjson.JSONDecodeError, yaml.YAMLError, UnicodeDecodeError, RecursionError):
        return None  # RecursionError: the pure-Python YAML scanner on nesting 500 deep


def _is_epss(path: Path) -> bool:
    try:
        head = read_regular(path, head=2)  # a FIFO or a device is refused before it is opened
        opener: Any = gzip.open if head == b"\x1f\x8b" else open
        with opener(path, "rt", encoding="utf-8-sig") as text:
            first = text.readline().strip().lower()
            if first.startswith("#model_version"):
                first = text.readline().strip().lower()
        return bool(first.startswith("cve,epss,percentile"))
    except (OSError, EOFError, zlib.error, UnicodeDecodeError):
        return False


def _classify_zip(archive: zipfile.ZipFile, path: Path) -> str | None:
    """The source of the first of a zip's first 20 feed files that has a known format."""
    names = [
        i
        for i in archive.infolist()
        if not i.is_dir() and i.filename.lower().endswith(FEED_SUFFIXES)
    ]
    for info in names[:20]:
        kind = _classify_bytes(info.filename, read_member(archive, info, path))
        if kind:
            return kind
    return None


def detect(path: Path) -> str:
    """``"osv"``, ``"kev"``, ``"epss"``, ``"cve"``, ``"nvd"`` or ``"csaf"``; else a FeedError
    naming the path."""
    if not path.exists():
        raise FeedError("no such file or directory", path=str(path))
    if path.is_dir():
        candidates = sorted(
            p
            for p in path.rglob("*")
            if p.suffix.lower() in FEED_SUFFIXES
            and p.is_file()
            and not SKIP_DIRS.intersection(p.relative_to(path).parts)
        )
        for candidate in candidates[:20]:
            kind = _classify_bytes(candidate.name, read_file(candidate))
            if kind:
                return kind
        raise FeedError(
            f"no feed records found in this folder; expected {EXPECTED}", path=str(path)
        )
    read_file(path, head=4)  # a regular file, before zipfile opens it
    if zipfile.is_zipfile(path) or path.suffix.lower() == ".zip":
        with open_zip(path) as archive:
            kind = _classify_zip(archive, path)
            # A zip of zips, like cvelistV5's baseline (``cves.zip`` inside the asset): the
            # records are one level down.
            for info in [] if kind else wanted_infos(archive, (".zip",))[:2]:
                with open_nested(archive, info, path) as inner:
                    kind = _classify_zip(inner, path)
                if kind:
                    break
            if kind:
                return kind
        raise FeedError(f"no feed records found in this zip; expected {EXPECTED}", path=str(path))
    if _is_epss(path):
        return "epss"
    data = read_file(path)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FeedError(f"not UTF-8 text (byte {exc.start}: {exc.reason})", path=str(path)) from exc
    kind = _classify_bytes(path.name, data)
    if kind is None:
        raise FeedError(f"not a known feed format; expected {EXPECTED}", path=str(path))
    return kind
