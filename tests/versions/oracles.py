"""Reference comparisons, written as the original tools compare (not as sort keys).

The package turns each ordering into a tuple key, which is fast but takes some care (padding with
null items, token types); these are straight ports of the comparison functions they replace, so
property tests can check the keys against them on generated versions.
"""

from __future__ import annotations

import re

from aicc.versions._apk import tokens
from aicc.versions._composer import normalize
from aicc.versions._gem import canonical_segments
from aicc.versions._maven import MavenItem, parse_items


def _sign(value: int) -> int:
    return (value > 0) - (value < 0)


def verrevcmp(a: str, b: str) -> int:
    """dpkg's lib/dpkg/version.c verrevcmp."""

    def order(char: str) -> int:
        if char.isdigit():
            return 0
        if char.isalpha():
            return ord(char)
        if char == "~":
            return -1
        return ord(char) + 256 if char else 0

    i = j = 0
    while i < len(a) or j < len(b):
        first_diff = 0
        while (i < len(a) and not a[i].isdigit()) or (j < len(b) and not b[j].isdigit()):
            ac = order(a[i] if i < len(a) else "")
            bc = order(b[j] if j < len(b) else "")
            if ac != bc:
                return _sign(ac - bc)
            i, j = i + 1, j + 1
        while i < len(a) and a[i] == "0":
            i += 1
        while j < len(b) and b[j] == "0":
            j += 1
        while i < len(a) and a[i].isdigit() and j < len(b) and b[j].isdigit():
            if not first_diff:
                first_diff = ord(a[i]) - ord(b[j])
            i, j = i + 1, j + 1
        if i < len(a) and a[i].isdigit():
            return 1
        if j < len(b) and b[j].isdigit():
            return -1
        if first_diff:
            return _sign(first_diff)
    return 0


def dpkg_compare(a: str, b: str) -> int:
    def split(version: str) -> tuple[int, str, str]:
        epoch, _, rest = version.rpartition(":") if ":" in version else ("0", "", version)
        upstream, dash, revision = rest.rpartition("-")
        return (int(epoch), upstream, revision) if dash else (int(epoch), rest, "")

    (ea, ua, ra), (eb, ub, rb) = split(a), split(b)
    return _sign(ea - eb) or verrevcmp(ua, ub) or verrevcmp(ra, rb)


def rpmvercmp(a: str, b: str) -> int:
    """rpm's rpmio/rpmvercmp.c."""
    if a == b:
        return 0
    i = j = 0

    def alnum(char: str) -> bool:
        return char.isascii() and char.isalnum()

    while i < len(a) or j < len(b):
        while i < len(a) and not alnum(a[i]) and a[i] not in "~^":
            i += 1
        while j < len(b) and not alnum(b[j]) and b[j] not in "~^":
            j += 1
        one, two = a[i : i + 1], b[j : j + 1]
        if one == "~" or two == "~":
            if one != "~":
                return 1
            if two != "~":
                return -1
            i, j = i + 1, j + 1
            continue
        if one == "^" or two == "^":
            if not one:
                return -1
            if not two:
                return 1
            if one != "^":
                return 1
            if two != "^":
                return -1
            i, j = i + 1, j + 1
            continue
        if not (one and two):
            break
        pattern = r"[0-9]*" if one.isdigit() else r"[A-Za-z]*"
        seg_a = re.compile(pattern).match(a, i)
        seg_b = re.compile(pattern).match(b, j)
        assert seg_a is not None and seg_b is not None
        if not seg_b.group():
            return 1 if one.isdigit() else -1
        sa, sb = seg_a.group(), seg_b.group()
        if one.isdigit():
            sa, sb = sa.lstrip("0"), sb.lstrip("0")
            if len(sa) != len(sb):
                return 1 if len(sa) > len(sb) else -1
        if sa != sb:
            return 1 if sa > sb else -1
        i, j = seg_a.end(), seg_b.end()
    if i >= len(a) and j >= len(b):
        return 0
    return -1 if i >= len(a) else 1


def rpm_compare(a: str, b: str) -> int:
    def split(version: str) -> tuple[int, str, str]:
        # parseEVR: the epoch is the leading digits when a ":" follows them (none: 0)
        digits = re.match(r"[0-9]*", version)
        assert digits is not None
        epoch, rest = 0, version
        if version[digits.end() : digits.end() + 1] == ":":
            epoch, rest = int(digits.group() or 0), version[digits.end() + 1 :]
        upstream, dash, release = rest.rpartition("-")
        return (epoch, upstream, release) if dash else (epoch, rest, "")

    (ea, va, ra), (eb, vb, rb) = split(a), split(b)
    return _sign(ea - eb) or rpmvercmp(va, vb) or rpmvercmp(ra, rb)


def apk_compare(a: str, b: str) -> int:
    """apk-tools' apk_version_compare, over the same tokens the package reads.

    Two versions that turn invalid (token type 8) at the same point are equal here, as in apk;
    the package's key orders them by the unread rest.
    """
    ta, tb = [*tokens(a), (7, 0)], [*tokens(b), (7, 0)]
    for (kind_a, value_a), (kind_b, value_b) in zip(ta, tb, strict=False):
        if kind_a != kind_b or kind_a >= 7:
            break
        if value_a != value_b:
            return -1 if value_a < value_b else 1
    else:  # pragma: no cover - the END token always stops the loop
        return 0
    if kind_a == kind_b:
        return 0
    if kind_a == 3 and value_a < 5:
        return -1
    if kind_b == 3 and value_b < 5:
        return 1
    return -1 if kind_a > kind_b else 1


_QUALIFIERS = ["alpha", "beta", "milestone", "rc", "snapshot", "", "sp"]


def _comparable_qualifier(value: str) -> str:
    return str(_QUALIFIERS.index(value)) if value in _QUALIFIERS else f"7-{value}"


def _item_compare(item: MavenItem, other: MavenItem | None) -> int:
    """ComparableVersion's Item.compareTo for the three item kinds."""
    if isinstance(item, int):
        if other is None:
            return 0 if item == 0 else 1
        if isinstance(other, int):
            return _sign(item - other)
        return 1
    if isinstance(item, str):
        if other is None:
            return _sign(_compare_str(_comparable_qualifier(item), "5"))
        if isinstance(other, str):
            return _compare_str(_comparable_qualifier(item), _comparable_qualifier(other))
        return -1
    if other is None:
        for sub in item:
            result = _item_compare(sub, None)
            if result:
                return result
        return 0
    if isinstance(other, int):
        return -1
    if isinstance(other, str):
        return 1
    for index in range(max(len(item), len(other))):
        left = item[index] if index < len(item) else None
        right = other[index] if index < len(other) else None
        if left is None:
            result = 0 if right is None else -_item_compare(right, None)
        else:
            result = _item_compare(left, right)
        if result:
            return result
    return 0


def _compare_str(a: str, b: str) -> int:
    return (a > b) - (a < b)


def maven_compare(a: str, b: str) -> int:
    return _item_compare(parse_items(a), parse_items(b))


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


def _special(form1: str, form2: str) -> int:
    def rank(form: str) -> int:
        return next((order for name, order in _FORMS if form.startswith(name)), -1)

    return _sign(rank(form1) - rank(form2))


def php_version_compare(v1: str, v2: str) -> int:
    """PHP's ext/standard/versioning.c php_version_compare."""

    def canonical(version: str) -> str:
        if version.startswith("#"):
            return version
        out, previous = [version[0]], version[0]
        for char in version[1:]:
            digit_change = previous.isdigit() != char.isdigit() and "." not in (previous, char)
            if char in "-_+" or (not char.isalnum() and not digit_change):
                if out[-1] != ".":
                    out.append(".")
            elif digit_change:
                if out[-1] != ".":
                    out.append(".")
                out.append(char)
            else:
                out.append(char)
            previous = char
        return "".join(out)

    if not v1 or not v2:
        return 0 if not v1 and not v2 else (1 if v1 else -1)
    parts1, parts2 = canonical(v1).split("."), canonical(v2).split(".")
    i = 0
    compare = 0
    while i < len(parts1) and i < len(parts2) and parts1[i] and parts2[i]:
        p1, p2 = parts1[i], parts2[i]
        if p1[0].isdigit() and p2[0].isdigit():
            compare = _sign(int(p1) - int(p2))
        elif not p1[0].isdigit() and not p2[0].isdigit():
            compare = _special(p1, p2)
        else:
            compare = _special("#N#", p2) if p1[0].isdigit() else _special(p1, "#N#")
        if compare:
            return compare
        i += 1
    if i < len(parts1):
        rest = parts1[i]
        return 1 if rest[:1].isdigit() else php_version_compare(".".join(parts1[i:]), "#N#")
    if i < len(parts2):
        rest = parts2[i]
        return -1 if rest[:1].isdigit() else php_version_compare("#N#", ".".join(parts2[i:]))
    return 0


def composer_compare(a: str, b: str) -> int:
    return php_version_compare(normalize(a), normalize(b))


def gem_compare(a: str, b: str) -> int:
    """Gem::Version#<=> over canonical segments (its slow path; the fast one agrees)."""
    left, right = canonical_segments(a), canonical_segments(b)
    if left == right:
        return 0
    for x, y in zip(left, right, strict=False):
        if x == y:
            continue
        if isinstance(x, str) and isinstance(y, int):
            return -1
        if isinstance(x, int) and isinstance(y, str):
            return 1
        return -1 if x < y else 1  # type: ignore[operator]
    rest, sign = (left, 1) if len(left) > len(right) else (right, -1)
    for item in rest[min(len(left), len(right)) :]:
        if isinstance(item, str):
            return -sign
        if item:
            return sign
    return 0
