"""CPE 2.3 formatted strings: split into their eleven attributes, honouring backslash escapes."""

from __future__ import annotations

FIELDS = (
    "part",
    "vendor",
    "product",
    "version",
    "update",
    "edition",
    "language",
    "sw_edition",
    "target_sw",
    "target_hw",
    "other",
)


def split_cpe(cpe: str) -> dict[str, str]:
    """``cpe:2.3:o:paloaltonetworks:pan-os:10.2.0:*:...`` -> ``{"part": "o", ...}``.

    Raises ValueError for a string that is not a CPE 2.3 formatted string.
    """
    if not cpe.startswith("cpe:2.3:"):
        raise ValueError(f"not a CPE 2.3 formatted string: {cpe!r}")
    values: list[str] = []
    current: list[str] = []
    escaped = False
    for char in cpe[len("cpe:2.3:") :]:
        if escaped:
            current.append(char)
            escaped = False
        elif char == "\\":
            current.append(char)
            escaped = True
        elif char == ":":
            values.append("".join(current))
            current = []
        else:
            current.append(char)
    values.append("".join(current))
    if len(values) != len(FIELDS):
        raise ValueError(
            f"a CPE 2.3 string has {len(FIELDS)} attributes, got {len(values)}: {cpe!r}"
        )
    return dict(zip(FIELDS, values, strict=True))


def unescape(value: str) -> str:
    """A CPE 2.3 attribute without its backslash escapes: ``big\\-ip`` -> ``big-ip``."""
    out: list[str] = []
    escaped = False
    for char in value:
        if char == "\\" and not escaped:
            escaped = True
            continue
        out.append(char)
        escaped = False
    return "".join(out)
