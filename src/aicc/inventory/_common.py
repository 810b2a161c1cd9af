"""What the inventory parsers share: reading a file, saying where in it, collecting components."""

from __future__ import annotations

import codecs
import dataclasses
import re
from pathlib import Path
from typing import Any

import orjson

from aicc.core.components import Component, Inventory
from aicc.core.errors import InventoryError
from aicc.core.files import read_regular
from aicc.core.packages import purl_for
from aicc.core.problems import Problem

# Production needs it, before optional, before dev-only: a repeat keeps the widest need.
_SCOPE_RANK = {None: 0, "optional": 1, "dev": 2}


class BadEntry(Exception):
    """Why one entry of a file cannot become a component."""


def show(value: Any) -> str:
    """``repr(value)``, cut to 60 characters for a message."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


# --- reading files ---------------------------------------------------------------------------


def line_at(data: bytes, offset: int) -> str:
    """``"line N"``: the line of ``data`` that holds the byte at ``offset``."""
    line = data.count(b"\n", 0, offset) + 1
    return f"line {line}"


def read_bytes(path: Path, *, strip_bom: bool = False) -> bytes:
    """The bytes of ``path`` (less a UTF-8 byte-order mark if asked); InventoryError if unread."""
    try:
        data = read_regular(path)
    except OSError as exc:
        raise InventoryError(f"cannot read: {exc.strerror or exc}", path=str(path)) from exc
    return data.removeprefix(codecs.BOM_UTF8) if strip_bom else data


def decode_utf8(
    data: bytes, path: Path, *, encoding: str = "utf-8-sig", with_reason: bool = False
) -> str:
    """``data`` as UTF-8 text; InventoryError at the line of the first byte that is not."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        message = f"not UTF-8 text: {exc.reason}" if with_reason else "not UTF-8 text"
        raise InventoryError(message, path=str(path), location=line_at(data, exc.start)) from exc


def read_text(path: Path, *, encoding: str = "utf-8-sig") -> str:
    """The UTF-8 text of ``path`` ("utf-8-sig": without a leading byte-order mark)."""
    return decode_utf8(read_bytes(path), path, encoding=encoding)


def parse_json(data: bytes, path: Path) -> Any:
    """The JSON document ``data`` holds; InventoryError at the line and column where it is not."""
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise InventoryError(
            f"not valid JSON: {exc.msg}",
            path=str(path),
            location=f"line {exc.lineno}, column {exc.colno}",
        ) from exc


def looks_like_json(path: Path, head: bytes, marker: re.Pattern[bytes], suffix: str) -> bool:
    """Whether ``head`` opens a JSON object and holds ``marker``, or ``path`` ends in ``suffix``."""
    start = head.removeprefix(codecs.BOM_UTF8).lstrip()
    return start.startswith(b"{") and (
        marker.search(head) is not None or path.name.lower().endswith(suffix)
    )


# --- the entries of a file -------------------------------------------------------------------


def text_field(entry: dict[str, Any], key: str, kind: str) -> str:
    """``entry[key]``, a string that is not blank; BadEntry when missing or not ``kind``."""
    value = entry.get(key)
    if value is None:
        raise BadEntry(f"{key} is missing")
    if not isinstance(value, str) or not value.strip():
        raise BadEntry(f"{key} is not {kind}: {show(value)}")
    return value


def mapping(value: Any, kind: str) -> dict[str, Any]:
    """``value`` when it is a mapping; BadEntry expecting ``kind`` otherwise."""
    if not isinstance(value, dict):
        raise BadEntry(f"expected {kind}, got {show(value)}")
    return value


def _either_direct(a: bool | None, b: bool | None) -> bool | None:
    """Direct if either place says so; otherwise the first place that says anything."""
    if a or b:
        return True
    return a if a is not None else b


def _widened(first: Component, direct: bool | None, scope: str | None) -> Component:
    """``first``, direct if a repeat of it is, and needed as widely as either is."""
    return dataclasses.replace(
        first,
        direct=_either_direct(first.direct, direct),
        scope=min(first.scope, scope, key=lambda s: _SCOPE_RANK.get(s, 0)),
    )


class Collector:
    """The components and skipped entries of one inventory, each package version once.

    A subclass names its ``ecosystem`` and may refuse entries (``check``), say which names are
    one package (``key``) or spell the purl its own way (``purl``).
    """

    ecosystem: str

    def __init__(self, source: str, fmt: str) -> None:
        self.inventory = Inventory(source=source, format=fmt)
        self._index: dict[tuple[str, str], int] = {}

    def check(self, name: str, version: str) -> None:
        """Raise BadEntry when ``name`` or ``version`` cannot be a component; here both can."""

    def key(self, name: str) -> str:
        """The spelling under which two names are the same package; here the name itself."""
        return name

    def purl(self, name: str, version: str) -> str | None:
        """The purl of ``name`` at ``version``."""
        return purl_for(self.ecosystem, name, version)

    def add(
        self,
        name: str,
        version: str,
        location: str,
        *,
        source: str | None = None,
        direct: bool | None = None,
        scope: str | None = None,
        notes: str | None = None,
    ) -> None:
        """Add ``name@version`` unless already there; a repeat widens the first one's reach."""
        self.check(name, version)
        try:
            purl = self.purl(name, version)
        except ValueError as exc:  # a name no purl can spell, such as " "
            self.skip(location, f"{name!r}: {exc}", source)
            return
        key = (self.key(name), version)
        components = self.inventory.components
        found = self._index.get(key)
        if found is not None:  # keep the first place, but production's need wins over dev's
            components[found] = _widened(components[found], direct, scope)
            return
        self._index[key] = len(components)
        components.append(
            Component(
                name=name,
                version=version,
                source=source or self.inventory.source,
                ecosystem=self.ecosystem,
                purl=purl,
                location=location,
                direct=direct,
                scope=scope,
                notes=notes,
            )
        )

    def skip(self, location: str | None, reason: str, source: str | None = None) -> None:
        """Record an entry that does not name one version of a package."""
        self.inventory.skipped.append(
            Problem("inventory", source or self.inventory.source, location, reason)
        )
