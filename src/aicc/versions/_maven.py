"""Maven: ``org.apache.maven.artifact.versioning.ComparableVersion`` of Maven 3.9.

The parser is a line-by-line port. The comparison is turned into a tuple key (see
``_padding``). ComparableVersion is not a total order in a few odd corners, so no key can agree
with it everywhere: "1.sp.1" < "1-alpha" < "1" < "1.sp.1" is a cycle, since a list item beats a
string item whatever they hold. The key follows the comparison with null there, which is what
every realistic version (``1.0-alpha-1``, ``2.0.RC1``, ``1.0.0-SNAPSHOT``) exercises.

Qualifiers follow the POM reference, as OSV's Maven ecosystem does: alpha < beta < milestone <
rc = cr < snapshot < "" = ga = final = release < sp, then unknown qualifiers in lexical order
("1-sp" < "1-redhat"). Maven 4 (MNG-7714) puts unknown qualifiers before snapshot instead.

univers' MavenVersion predates Maven 3.9: it sorts "1.0.0.RC1" after "1.0.0-RC2" (MNG-7644),
"1-0.alpha" equal to "1" (MNG-6964) and "1-release" after "1".
"""

from __future__ import annotations

from typing import Any, Union

from aicc.versions._padding import Item, padded_key

_QUALIFIERS = {"alpha": 0, "beta": 1, "milestone": 2, "rc": 3, "snapshot": 4, "": 5, "sp": 6}
_RELEASE = 5
_UNKNOWN = 7  # unknown qualifiers sort after the known ones, among themselves lexically
_ALIASES = {"ga": "", "final": "", "release": "", "cr": "rc"}
_SHORT = {"a": "alpha", "b": "beta", "m": "milestone"}

_STRING, _LIST, _INT = 0, 1, 2  # a string item < a list item < a number item

MavenItem = Union[int, str, "list[MavenItem]"]


def _string_item(value: str, followed_by_digit: bool) -> str:
    if followed_by_digit and len(value) == 1:
        value = _SHORT.get(value, value)  # a1 = alpha-1, b1 = beta-1, m1 = milestone-1
    return _ALIASES.get(value, value)


def _item(is_digit: bool, text: str) -> int | str:
    return int(text) if is_digit else _string_item(text, False)


def _is_null(item: MavenItem) -> bool:
    if isinstance(item, int):
        return item == 0
    if isinstance(item, str):
        return item == ""
    return not item


def _normalize(items: list[MavenItem]) -> None:
    """Drop trailing null items (0, "", empty lists), looking past trailing sublists."""
    for i in range(len(items) - 1, -1, -1):
        if _is_null(items[i]):
            del items[i]
        elif not isinstance(items[i], list):
            break


def parse_items(version: str) -> list[MavenItem]:
    """ComparableVersion.parseVersion: nested lists of numbers and qualifiers."""
    version = version.lower()
    root: list[MavenItem] = []
    current = root
    stack = [root]

    def descend() -> None:
        nonlocal current
        sub: list[MavenItem] = []
        current.append(sub)
        current = sub
        stack.append(sub)

    is_digit = False
    start = 0
    for i, char in enumerate(version):
        if char in ".-":
            current.append(0 if i == start else _item(is_digit, version[start:i]))
            start = i + 1
            if char == "-":
                descend()
        elif "0" <= char <= "9":  # ASCII only: "\u0668" and "\U0001d7e4" are letters to Maven
            if not is_digit and i > start:
                if current:  # 1.0.0.X1 < 1.0.0-X2: treat .X as -X
                    descend()
                current.append(_string_item(version[start:i], True))
                start = i
                descend()
            is_digit = True
        else:
            if is_digit and i > start:
                current.append(_item(True, version[start:i]))
                start = i
                descend()
            is_digit = False
    if len(version) > start:
        if not is_digit and current:
            descend()
        current.append(_item(is_digit, version[start:]))
    for items in reversed(stack):
        _normalize(items)
    return root


def _list_key(items: list[MavenItem]) -> tuple[tuple[Any, ...], ...]:
    keyed: list[Item] = []
    for item in items:
        if isinstance(item, int):
            keyed.append((1 if item else 0, (_INT, item)))
        elif isinstance(item, str):
            rank = _QUALIFIERS.get(item, _UNKNOWN)
            sign = -1 if rank < _RELEASE else (0 if rank == _RELEASE else 1)
            keyed.append((sign, (_STRING, rank, item if rank == _UNKNOWN else "")))
        else:
            sub = _list_key(item)
            keyed.append((sub[0][0], (_LIST, sub)))
    return padded_key(keyed)


def maven_key(version: str) -> tuple[Any, ...]:
    """The order of Maven's ComparableVersion (see the module note on its odd corners)."""
    text = version.strip()
    if not text or any(c.isspace() for c in text):
        raise ValueError("empty or contains whitespace")
    return _list_key(parse_items(text))
