"""Semantic Versioning 2.0 and its relatives: npm, crates.io, Hex, Go modules, Pub and NuGet.

Written out rather than taken from univers, whose SemverVersion keeps build metadata in its key
but not its comparison, so "1.0.0+build.1" is neither before, after nor equal to "1.0.0+build.2".

The SemVer family (npm, crates.io, Hex, and every OSV ``SEMVER`` range) reads what advisories
carry, not only strict SemVer: node-semver's loose forms ("=1.2.3", "v 1.2.3", "01.02.03",
"1.2.3foo", "1.2.3-beta.01") as node-semver orders them, and the forms OSV's own tools coerce
("1.2" is 1.2.0, "1beta" is 1.0.0-beta, as osv-scanner reads them). Numbers past the third are
release numbers (1.2.3 < 1.2.3.4 < 1.2.4, as NuGet, Maven and PyPI read them), and numbers have
no size limit (node-semver refuses those above 2**53 - 1).
"""

from __future__ import annotations

import re
from typing import Any

_NUM = r"0|[1-9][0-9]*"
_IDS = r"[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*"
# npm tolerates a leading "=" and "v" (``semver.clean``); build metadata never orders.
_SEMVER = re.compile(rf"=?v?({_NUM})\.({_NUM})\.({_NUM})(?:-({_IDS}))?(?:\+({_IDS}))?")
# The rest of what the family reads (see the module note): one or more numbers, then a
# prerelease after "-" or starting with a letter, then build metadata.
_LOOSE = re.compile(
    r"[v=\s]*([0-9]+)((?:\.[0-9]+)*)"
    rf"(?:-({_IDS})|([A-Za-z][0-9A-Za-z-]*(?:\.[0-9A-Za-z-]+)*))?(?:\+({_IDS}))?"
)
_NO_EXTRA: tuple[int, ...] = ()
# golang.org/x/mod/semver: "v1" and "v1.2" are shorthands for "v1.0.0" and "v1.2.0".
_GO = re.compile(rf"v?({_NUM})(?:\.({_NUM})(?:\.({_NUM})(?:-({_IDS}))?(?:\+({_IDS}))?)?)?")
# pub_semver allows leading zeros and orders build metadata after the release.
_PUB = re.compile(rf"([0-9]+)\.([0-9]+)\.([0-9]+)(?:-({_IDS}))?(?:\+({_IDS}))?")
# NuGet.Versioning: one to four numbers, leading zeros allowed, labels compared ignoring case.
_NUGET = re.compile(
    rf"([0-9]+)(?:\.([0-9]+))?(?:\.([0-9]+))?(?:\.([0-9]+))?"
    rf"(?:-({_IDS}))?(?:\+({_IDS}))?"
)

_RELEASE = (1,)
_INT32_MAX = 2**31 - 1


def _identifiers(text: str, *, strict: bool) -> tuple[tuple[Any, ...], ...]:
    """Dot-separated identifiers: numbers (numerically) sort before words (in ASCII order)."""
    out = []
    for part in text.split("."):
        if part.isdigit():
            if strict and len(part) > 1 and part[0] == "0":
                raise ValueError(f"numeric identifier {part!r} has a leading zero")
            out.append((0, int(part), ""))
        else:
            out.append((1, 0, part))
    return tuple(out)


def _prerelease(text: str | None, *, strict: bool = True) -> tuple[Any, ...]:
    return _RELEASE if text is None else (0, _identifiers(text, strict=strict))


def semver_key(version: str) -> tuple[Any, ...]:
    """SemVer 2.0 precedence (section 11), reading the loose forms of the module note.

    The key is (major, minor, patch, further release numbers, prerelease).
    """
    text = version.strip()
    match = _SEMVER.fullmatch(text)
    if match is not None:
        major, minor, patch, pre, _build = match.groups()
        return int(major), int(minor), int(patch), _NO_EXTRA, _prerelease(pre, strict=False)
    loose = _LOOSE.fullmatch(text)
    if loose is None:
        raise ValueError("expected MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]")
    first, more, pre, bare_pre, _build = loose.groups()
    numbers = [int(first), *(int(number) for number in more.split(".")[1:])]
    while len(numbers) > 3 and numbers[-1] == 0:  # 1.2.3.0 is 1.2.3
        numbers.pop()
    numbers += [0] * (3 - len(numbers))  # 1.2 is 1.2.0
    return (
        numbers[0],
        numbers[1],
        numbers[2],
        tuple(numbers[3:]),
        _prerelease(pre or bare_pre, strict=False),
    )


def strict_semver_key(version: str) -> tuple[Any, ...]:
    """``semver_key`` for strict SemVer 2.0 only (and npm's ``=``/``v``); ValueError otherwise.

    CVE records label vendor versions such as "22.7R1" as ``semver``; their reader needs to
    know when a text is no SemVer, to fall back on the vendor order.
    """
    match = _SEMVER.fullmatch(version.strip())
    if match is None:
        raise ValueError("expected MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]")
    major, minor, patch, pre, _build = match.groups()
    return int(major), int(minor), int(patch), _NO_EXTRA, _prerelease(pre)


def go_key(version: str) -> tuple[Any, ...]:
    """Go module versions: semver with shorthands; ``+incompatible`` is build metadata."""
    match = _GO.fullmatch(version.strip())
    if match is None:
        raise ValueError("expected vMAJOR[.MINOR[.PATCH[-PRERELEASE][+BUILD]]]")
    major, minor, patch, pre, _build = match.groups()
    return int(major), int(minor or 0), int(patch or 0), _prerelease(pre)


def pub_key(version: str) -> tuple[Any, ...]:
    """Dart's pub_semver: semver, except that a build sorts after the bare release."""
    match = _PUB.fullmatch(version.strip())
    if match is None:
        raise ValueError("expected MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]")
    major, minor, patch, pre, build = match.groups()
    build_key = (0,) if build is None else (1, _identifiers(build, strict=False))
    return int(major), int(minor), int(patch), _prerelease(pre, strict=False), build_key


def _nuget_label(label: str) -> tuple[Any, ...]:
    # NuGet treats a label as a number when int.TryParse accepts it, otherwise as text compared
    # with StringComparer.OrdinalIgnoreCase (upper-casing both sides).
    if label.isdigit() and int(label) <= _INT32_MAX:
        return (0, int(label), "")
    return (1, 0, label.upper())


def nuget_key(version: str) -> tuple[Any, ...]:
    """NuGet.Versioning: four numbers, case-insensitive prerelease labels, metadata ignored."""
    match = _NUGET.fullmatch(version.strip())
    if match is None:
        raise ValueError("expected MAJOR[.MINOR[.PATCH[.REVISION]]][-PRERELEASE][+METADATA]")
    major, minor, patch, revision, pre, _build = match.groups()
    numbers = (int(major), int(minor or 0), int(patch or 0), int(revision or 0))
    if pre is None:
        return (*numbers, _RELEASE)
    return (*numbers, (0, tuple(_nuget_label(label) for label in pre.split("."))))
