"""PyPI: PEP 440 through ``packaging``, and the legacy versions older releases still carry."""

from __future__ import annotations

import re
from typing import Any

from packaging.version import InvalidVersion as PackagingInvalidVersion
from packaging.version import Version

# packaging 22 removed LegacyVersion, but PyPI still serves releases such as "2004d" or
# "0.9.8-r1" (and OSV lists them). pip ordered them with setuptools' old rule, reproduced here:
# every legacy version sorts before every PEP 440 version.
_LEGACY_PART = re.compile(r"(\d+|[a-z]+|\.|-)")
_LEGACY_REPLACE = {"pre": "c", "preview": "c", "-": "final-", "rc": "c", "dev": "@"}
# LegacyVersion took any string; here it must at least look like a release name on an index.
_LEGACY_SHAPE = re.compile(r"[A-Za-z0-9]\S*")


def _legacy_parts(version: str) -> tuple[str, ...]:
    """setuptools' ``_legacy_cmpkey`` parts (packaging < 22), as plain strings."""
    parts: list[str] = []
    for raw in _LEGACY_PART.split(version.lower()):
        part = _LEGACY_REPLACE.get(raw, raw)
        if not part or part == ".":
            continue
        part = part.zfill(8) if part[:1].isdigit() else "*" + part
        if part.startswith("*"):
            if part < "*final":  # a prerelease tag drops the "-" before it
                while parts and parts[-1] == "*final-":
                    parts.pop()
            while parts and parts[-1] == "00000000":  # trailing zeros of a numeric series
                parts.pop()
        parts.append(part)
    parts.append("*final")
    return tuple(parts)


_PRE_RANKS = {"a": 0, "b": 1, "rc": 2}


def _pep440_key(version: Version) -> tuple[Any, ...]:
    """PEP 440's order as plain tuples, from packaging's parse (its public attributes).

    Comparing ``Version`` objects costs a Python call per comparison; these tuples compare in
    C, which matters when matching compares each installed version with many range events.
    """
    release = version.release
    while len(release) > 1 and release[-1] == 0:  # 1.0.0 == 1.0 == 1
        release = release[:-1]
    pre, post, dev = version.pre, version.post, version.dev
    if pre is not None:
        pre_key = (_PRE_RANKS[pre[0]], pre[1])
    else:  # a dev release of the final sorts before its prereleases: 1.0.dev0 < 1.0a1
        pre_key = (-1, 0) if post is None and dev is not None else (3, 0)
    local: tuple[Any, ...] = ()
    if version.local is not None:
        # PEP 440: in a local label, words sort before numbers
        local = (
            tuple(
                (int(part), "") if part.isdigit() else (-1, part)
                for part in version.local.split(".")
            ),
        )
    return (
        version.epoch,
        release,
        *pre_key,
        0 if post is None else 1,
        post or 0,
        1 if dev is None else 0,
        dev or 0,
        *local,
    )


def pypi_key(version: str) -> tuple[Any, ...]:
    """PEP 440 order; legacy (non-PEP 440) versions first, in setuptools' legacy order."""
    try:
        return (1, *_pep440_key(Version(version)))
    except PackagingInvalidVersion:
        pass
    text = version.strip()
    if not _LEGACY_SHAPE.fullmatch(text):
        raise ValueError("neither PEP 440 nor a legacy release string")
    return (0, _legacy_parts(text))
