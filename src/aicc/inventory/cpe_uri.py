"""CPE 2.2 URIs (``cpe:/a:openbsd:openssh:8.9p1``), as Nmap writes them, in the CPE 2.3 form.

The rules are those of NISTIR 7695 (CPE Naming 2.3): a URI is unbound to its attributes
(section 6.1.3: empty is ANY, ``-`` is NA, ``%xx`` decodes, a ``~``-packed edition holds
edition, sw_edition, target_sw, target_hw and other) and bound as a formatted string
(section 6.2.2: ANY is ``*``, every character but letters, digits, ``_``, ``-`` and ``.`` is
quoted with a backslash). URIs are case-insensitive; the result is lower-case.
"""

from __future__ import annotations

import re
import string

__all__ = ["uri_to_formatted"]

_PERCENT = re.compile(r"%([0-9A-Fa-f]{2})")
_PLAIN = frozenset(string.ascii_lowercase + string.digits + "_")
_UNQUOTED = frozenset("-.")
# What a value may hold once decoded: printable ASCII but the space (CPE names have no spaces).
_ALLOWED = frozenset(string.ascii_lowercase + string.digits + string.punctuation)


def _decoded(component: str, uri: str) -> str:
    """A URI component with its percent-escapes decoded; ValueError for a wildcard or junk."""

    def one(match: re.Match[str]) -> str:
        char = chr(int(match.group(1), 16))
        if char not in string.punctuation:
            # %01 and %02 are the URI's wildcards: a name, not a pattern, is expected here.
            raise ValueError(f"a CPE URI may not encode {match.group()!r} here: {uri!r}")
        return char

    if "%" in _PERCENT.sub("", component):
        raise ValueError(f"a CPE URI has a broken %-escape: {uri!r}")
    value = _PERCENT.sub(one, component.lower())
    if not set(value) <= _ALLOWED:
        raise ValueError(f"a CPE URI holds characters no CPE name may hold: {uri!r}")
    return value


def _bound(value: str) -> str:
    """One decoded value in the formatted string: ``*`` for ANY, quoting where required."""
    if value == "":
        return "*"
    if value == "-":
        return "-"
    return "".join(char if char in _PLAIN or char in _UNQUOTED else "\\" + char for char in value)


def uri_to_formatted(uri: str) -> str:
    """``cpe:/a:openbsd:openssh:8.9p1`` -> ``cpe:2.3:a:openbsd:openssh:8.9p1:*:*:*:*:*:*:*``.

    Raises ValueError for what is not a CPE 2.2 URI naming a part (``a``, ``o`` or ``h``).
    """
    if uri[:5].lower() != "cpe:/":
        raise ValueError(f"not a CPE URI: {uri!r}")
    components = uri[5:].split(":")
    if len(components) > 7:
        raise ValueError(f"a CPE URI has at most 7 components, got {len(components)}: {uri!r}")
    components += [""] * (7 - len(components))
    part = components[0].lower()
    if part not in {"a", "o", "h"}:
        raise ValueError(f"a CPE's part is a, o or h, not {components[0]!r}: {uri!r}")
    edition = components[5]
    if edition.startswith("~"):
        packed = edition.split("~")
        if len(packed) != 6:
            raise ValueError(f"a packed CPE edition has five fields: {uri!r}")
        extended = packed[1:]
    elif "~" in edition:
        raise ValueError(f"a CPE edition holds '~' only to pack five fields: {uri!r}")
    else:
        extended = [edition, "", "", "", ""]
    raw = [*components[1:5], extended[0], components[6], *extended[1:]]
    return "cpe:2.3:" + ":".join([part, *(_bound(_decoded(c, uri)) for c in raw)])
