"""RubyGems: ``Gem::Version`` of current RubyGems, parsed as it parses, ordered with a tuple key.

Written out rather than taken from univers, whose GemVersion ports an older RubyGems: RubyGems
now reads a SemVer-style hyphen before a word as a dot ("1.0.0-beta.1" == "1.0.0.beta.1") and
drops the "pre" older releases inserted there ("1.0.0.pre.beta.1" == "1.0.0.beta.1"); univers
still puts "1.0.0-beta.1" after "1.0.0.beta.1" (ruby/rubygems#9910, in its own test suite).
"""

from __future__ import annotations

import re
from typing import Any

from aicc.versions._padding import Item, padded_key

# Gem::Version::ANCHORED_VERSION_PATTERN, with Ruby's \s (ASCII whitespace).
_ANCHORED = re.compile(
    r"\s*([0-9]+(?:\.[0-9a-zA-Z]+)*(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?)?\s*", re.ASCII
)
_FIRST_IDENTIFIER = re.compile(r"[^.]+")
_LETTER = re.compile(r"[a-zA-Z]")
_TRAILING_ZEROS = re.compile(r"(?<=[a-zA-Z.])[.0]+\Z")
_ZEROS_BEFORE_LETTER = re.compile(r"(?<![^.])[0.]+(?=[a-zA-Z])")
_SEGMENTS = re.compile(r"[0-9]+|[a-zA-Z]+")


def _normalize_hyphens(version: str) -> str:
    """Gem::Version.normalize_hyphens: "-beta.1" becomes ".beta.1", "-1" becomes ".pre.1"."""
    if "-" not in version:
        return version
    parts = version.split("-")
    while len(parts) > 1 and not parts[-1]:  # Ruby's split drops trailing empty fields
        parts.pop()
    out = [parts[0]]
    for part in parts[1:]:
        first = _FIRST_IDENTIFIER.match(part)
        out.append(part if first and _LETTER.search(first.group()) else "pre." + part)
    return ".".join(out)


def canonical_segments(version: str) -> list[int | str]:
    """Gem::Version#canonical_segments of ``version`` (ValueError if RubyGems rejects it)."""
    match = _ANCHORED.fullmatch(version)
    if match is None or not match.group(1):
        # Gem::Version.new("") is "0"; an empty string in advisory data is a mistake instead.
        raise ValueError("does not match Gem::Version::ANCHORED_VERSION_PATTERN")
    text = _normalize_hyphens(match.group(1))
    text = _TRAILING_ZEROS.sub("", text, count=1)
    if _LETTER.search(text):  # a prerelease: zero segments before its first letter go too
        text = _ZEROS_BEFORE_LETTER.sub("", text, count=1)
    segments: list[int | str] = [int(s) if s[0].isdigit() else s for s in _SEGMENTS.findall(text)]
    # skip_redundant_pre_segments: a "pre" before a word is the old hyphen spelling
    return [
        s
        for i, s in enumerate(segments)
        if not (s == "pre" and i + 1 < len(segments) and isinstance(segments[i + 1], str))
    ]


def gem_key(version: str) -> tuple[Any, ...]:
    """Gem::Version#<=>: segments padded with 0; a letter segment sorts below any number."""
    items: list[Item] = []
    for segment in canonical_segments(version):
        if isinstance(segment, str):
            items.append((-1, (0, segment)))
        else:
            items.append((1 if segment else 0, (1, segment)))
    return padded_key(items)
