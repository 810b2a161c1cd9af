"""FIRST EPSS: the daily CSV (plain or gzip) with its ``#model_version:...,score_date:...`` line."""

from __future__ import annotations

import csv
import gzip
import io
import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from aicc.core.errors import FeedError
from aicc.core.files import MiB, max_file_bytes, read_regular
from aicc.core.problems import Problem
from aicc.core.times import parse_time
from aicc.feeds.records import Item, LoadedFeed, Record, digest

SOURCE = "epss"
_CVE = re.compile(r"^CVE-[0-9]{4}-[0-9]{4,19}$")


def _text(path: Path) -> str:
    cap = max_file_bytes()
    try:
        raw = read_regular(path)
        if raw[:2] == b"\x1f\x8b":  # inflated as a stream, stopped at the cap
            with gzip.GzipFile(fileobj=io.BytesIO(raw)) as inflating:
                raw = inflating.read(cap + 1)
            if len(raw) > cap:
                raise FeedError(
                    f"inflates to more than the cap of {cap / MiB:.3g} MB: "
                    "set AICC_MAX_FILE_MB to read it",
                    path=str(path),
                )
        return raw.decode("utf-8-sig")
    except OSError as exc:
        raise FeedError(f"cannot read: {exc.strerror or exc}", path=str(path)) from exc
    except (EOFError, gzip.BadGzipFile, zlib.error, UnicodeDecodeError) as exc:
        raise FeedError(
            f"not a readable EPSS file (truncated gzip?): {exc}", path=str(path)
        ) from exc


def parse_comment(line: str) -> dict[str, str]:
    """``#model_version:v2025.03.14,score_date:2025-06-01T00:00:00+0000`` -> a dict."""
    fields: dict[str, str] = {}
    for part in line.lstrip("#").strip().split(","):
        key, sep, value = part.partition(":")
        if sep:
            fields[key.strip()] = value.strip()
    return fields


def _score_date(value: str) -> Any:
    text = value
    if len(text) > 5 and text[-5] in "+-" and text[-4:].isdigit():  # +0000 -> +00:00
        text = f"{text[:-2]}:{text[-2:]}"
    return parse_time(text)


def load(path: Path, known: set[str] | frozenset[str] = frozenset()) -> LoadedFeed:
    """Open a daily EPSS file; a bad row is skipped with its line number."""
    lines = _text(path).splitlines()
    if not lines:
        raise FeedError("empty file: expected the EPSS CSV", path=str(path))
    details: dict[str, Any] = {}
    start = 0
    if lines[0].startswith("#"):
        meta = parse_comment(lines[0])
        details["model_version"] = meta.get("model_version")
        if meta.get("score_date"):
            try:
                details["score_date"] = _score_date(meta["score_date"]).isoformat() + "Z"
            except (ValueError, OverflowError) as exc:
                raise FeedError(
                    f"bad score_date {meta['score_date']!r}", path=str(path), location="line 1"
                ) from exc
        start = 1
    header = [h.strip().lower() for h in lines[start].split(",")] if len(lines) > start else []
    if header[:3] != ["cve", "epss", "percentile"]:
        raise FeedError(
            f"expected the header 'cve,epss,percentile', got {lines[start]!r}"
            if len(lines) > start
            else "missing the header 'cve,epss,percentile'",
            path=str(path),
            location=f"line {start + 1}",
        )
    model = details.get("model_version")
    score_date = parse_time(details["score_date"]) if "score_date" in details else None

    def items() -> Iterator[Item]:
        for number, line in enumerate(lines[start + 1 :], start=start + 2):
            where = f"line {number}"
            try:  # one line at a time: a stray quote must not swallow the rows after it
                fields = next(csv.reader([line]), [])
            except csv.Error as exc:
                yield Problem("feeds", str(path), where, f"not a CSV row: {exc}")
                continue
            if not fields:
                continue
            try:
                cve, epss, percentile = fields[0].strip(), float(fields[1]), float(fields[2])
            except (IndexError, ValueError):
                yield Problem(
                    "feeds", str(path), where, f"expected 'CVE-ID,score,percentile', got {fields!r}"
                )
                continue
            if not _CVE.match(cve) or not (0 <= epss <= 1 and 0 <= percentile <= 1):
                yield Problem(
                    "feeds",
                    str(path),
                    where,
                    f"expected a CVE id and two numbers in [0, 1], got {fields!r}",
                )
                continue
            hashed = digest(f"{cve},{epss},{percentile},{model},{score_date}".encode())
            yield Record(
                cve,
                hashed,
                score_date,
                {
                    "cve_id": cve,
                    "epss": epss,
                    "percentile": percentile,
                    "model_version": model,
                    "score_date": score_date,
                    "digest": hashed,
                },
            )

    return LoadedFeed(
        SOURCE, str(path), max(len(lines) - start - 1, 0), items(), details, snapshot=True
    )
