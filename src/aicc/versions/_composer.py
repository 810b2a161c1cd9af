"""Packagist: Composer's ``VersionParser::normalize``, then PHP's ``version_compare``.

univers treats Composer versions as semver, which gets the stability suffixes wrong: it puts
"1.0.0-p1" (a patch release) before "1.0.0", "1.0.0-RC1" before "1.0.0-beta1" (ASCII order), and
"1.0.0-beta.2" apart from "1.0.0-beta2" (one version to Composer).
"""

from __future__ import annotations

import re
from typing import Any

_I = re.IGNORECASE | re.ASCII
_MODIFIER = r"[._-]?(?:(stable|beta|b|RC|alpha|a|patch|pl|p)((?:[.-]?\d+)*+)?)?([.-]?dev)?"
_CLASSICAL = re.compile(rf"v?(\d{{1,5}}+)(\.\d++)?(\.\d++)?(\.\d++)?{_MODIFIER}", _I)
_DATE = re.compile(rf"v?(\d{{4}}(?:[.:-]?\d{{2}}){{1,6}}(?:[.:-]?\d{{1,3}}){{0,2}}){_MODIFIER}", _I)
_ALIAS = re.compile(r"([^,\s]++) ++as ++([^,\s]++)")
_FLAG = re.compile(r"@(?:stable|RC|beta|alpha|dev)$", _I)
_BUILD = re.compile(r"([^,\s+]++)\+[^\s]++", re.ASCII)
_DEV_BRANCH = re.compile(r"(.*?)[.-]?dev", _I)
_BRANCH_PART = r"(\.(?:\d++|[xX*]))?"
_NUMERIC_BRANCH = re.compile(rf"v?(\d++){_BRANCH_PART * 3}", _I)
_STABILITIES = {"a": "alpha", "b": "beta", "p": "patch", "pl": "patch", "rc": "RC"}

# compare_special_version_forms: the first name a part starts with gives its rank.
_FORMS = (
    ("dev", 0),
    ("alpha", 1),
    ("a", 1),
    ("beta", 2),
    ("b", 2),
    ("RC", 3),
    ("rc", 3),
    ("#", 4),
    ("pl", 5),
    ("p", 5),
)
_NUMBER = 4
_END = (_NUMBER, -1)  # a missing part: below any number, between "RC" and "patch"


def _branch(name: str) -> str:
    """VersionParser::normalizeBranch."""
    name = name.strip()
    match = _NUMERIC_BRANCH.fullmatch(name)
    if match is None:
        return "dev-" + name
    version = "".join(
        group.replace("*", "x").replace("X", "x") if group else ".x" for group in match.groups()
    )
    return version.replace("x", "9999999") + "-dev"


def normalize(version: str) -> str:
    """Composer\\Semver\\VersionParser::normalize (without its error messages)."""
    version = version.strip()
    if alias := _ALIAS.fullmatch(version):
        version = alias.group(1)
    if flag := _FLAG.search(version):
        version = version[: flag.start()]
    if version in ("master", "trunk", "default"):
        version = "dev-" + version
    if version[:4].lower() == "dev-":
        return "dev-" + version[4:]
    if build := _BUILD.fullmatch(version):
        version = build.group(1)
    if match := _CLASSICAL.fullmatch(version):
        groups = match.groups()
        version = groups[0] + "".join(part or ".0" for part in groups[1:4])
        stability, number, dev = groups[4:7]
    elif match := _DATE.fullmatch(version):
        version = re.sub(r"\D", ".", match.group(1), flags=re.ASCII)
        stability, number, dev = match.groups()[1:4]
    else:
        if dev_branch := _DEV_BRANCH.fullmatch(version):
            normalized = _branch(dev_branch.group(1))
            if "dev-" not in normalized:
                return normalized
        raise ValueError("not a Composer version")
    if stability:
        if stability == "stable":
            return version
        expanded = _STABILITIES.get(stability.lower(), stability.lower())
        version += "-" + expanded + (number.lstrip(".-") if number else "")
    if dev:
        version += "-dev"
    return version


def _canonical_parts(version: str) -> list[str]:
    """php_canonicalize_version, split on dots: "1.0.0.0-beta2" -> 1 0 0 0 beta 2."""
    out = [version[0]]
    previous = version[0]
    for char in version[1:]:
        if char in "-_+":
            if out[-1] != ".":
                out.append(".")
        elif (previous.isdigit() != char.isdigit()) and "." not in (previous, char):
            if out[-1] != ".":
                out.append(".")
            out.append(char)
        elif not char.isalnum():
            if out[-1] != ".":
                out.append(".")
        else:
            out.append(char)
        previous = char
    return "".join(out).split(".")


def _rank(part: str) -> int:
    for name, rank in _FORMS:
        if part.startswith(name):
            return rank
    return -1


def composer_key(version: str) -> tuple[Any, ...]:
    """Composer's order: normalize, then compare as PHP's version_compare does."""
    normalized = normalize(version)
    if normalized.startswith("dev-"):
        # Composer never orders a branch against a version (Constraint::versionCompare).
        raise ValueError("a dev- branch has no place in the version order")
    key: list[tuple[int, int]] = []
    for part in _canonical_parts(normalized):
        if not part:
            break  # PHP stops at an empty part
        key.append((_NUMBER, int(part)) if part[0].isdigit() else (_rank(part), 0))
    key.append(_END)
    return tuple(key)
