"""Debian and Ubuntu: dpkg's ``parseversion`` and ``verrevcmp``.

univers orders Debian versions correctly, but through Python comparisons on every call, and its
equality disagrees with its order ("1.0" and "1.00" are neither <, > nor ==); a tuple key is both
faster and consistent.
"""

from __future__ import annotations

import re
from typing import Any

_EPOCH = re.compile(r"[0-9]+")
_UPSTREAM_CHARS = re.compile(r"[A-Za-z0-9.+~:-]*")
_REVISION_CHARS = re.compile(r"[A-Za-z0-9.+~]*")
_RUNS = re.compile(r"([^0-9]*)([0-9]*)")
_END: tuple[tuple[int, ...], int] = ((0,), 0)  # what verrevcmp reads past the end of a string


def _order(char: str) -> int:
    """dpkg's ``order``: letters by code, "~" before everything, other marks after letters."""
    if char.isalpha():
        return ord(char)
    if char == "~":
        return -1
    return ord(char) + 256


def verrevcmp_key(text: str) -> tuple[Any, ...]:
    """A key ordering strings as ``verrevcmp``: alternating non-digit runs and numbers.

    Only the first run can be empty, so only the first pair can equal what verrevcmp reads past
    the end; every key keeps its first pair (the empty string's too) so that "0" == "" while
    "0~" < "0".
    """
    pairs: list[tuple[tuple[int, ...], int]] = []
    for letters, digits in _RUNS.findall(text):
        if letters or digits:
            # A run is compared char by char with 0 past its end (and at a digit).
            pairs.append(((*map(_order, letters), 0), int(digits) if digits else 0))
    return (*(pairs or [_END]), _END)


def dpkg_key(version: str) -> tuple[Any, ...]:
    """(epoch, upstream, revision) ordered as dpkg --compare-versions."""
    text = version.strip()
    if not text:
        raise ValueError("empty")
    if any(c.isspace() for c in text):
        raise ValueError("contains whitespace")
    epoch = 0
    if ":" in text:
        epoch_text, text = text.split(":", 1)
        if not _EPOCH.fullmatch(epoch_text):
            raise ValueError("the epoch is not a number")
        epoch = int(epoch_text)
        if not text:
            raise ValueError("nothing after the epoch")
    upstream, dash, revision = text.rpartition("-")
    if not dash:
        upstream, revision = text, ""
    elif not revision:
        raise ValueError("the revision is empty")
    if not upstream:
        raise ValueError("the upstream version is empty")
    if not upstream[0].isdigit() or not upstream[0].isascii():
        raise ValueError("the upstream version does not start with a digit")
    if not _UPSTREAM_CHARS.fullmatch(upstream) or not _REVISION_CHARS.fullmatch(revision):
        raise ValueError("invalid character")
    return epoch, verrevcmp_key(upstream), verrevcmp_key(revision)
