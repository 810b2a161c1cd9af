"""RubyGems: ``Gem::Version``, parsed by univers' port, ordered with a tuple key."""

from __future__ import annotations

from typing import Any

from univers.gem import GemVersion, InvalidVersionError

from aicc.versions._padding import Item, padded_key


def gem_key(version: str) -> tuple[Any, ...]:
    """Gem::Version#<=>: segments padded with 0; a letter segment sorts below any number."""
    if not version.strip():
        # Gem::Version.new("") is "0"; an empty string in advisory data is a mistake instead.
        raise ValueError("empty")
    try:
        segments = GemVersion(version).canonical_segments  # type: ignore[no-untyped-call]
    except InvalidVersionError as exc:
        raise ValueError("does not match Gem::Version::ANCHORED_VERSION_PATTERN") from exc
    items: list[Item] = []
    for segment in segments:
        if isinstance(segment, str):
            items.append((-1, (0, segment)))
        else:
            items.append((1 if segment else 0, (1, segment)))
    return padded_key(items)
