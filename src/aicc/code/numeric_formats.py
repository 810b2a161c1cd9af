"""Which values a format writes as numbers: ``f"{n:08d}"``, ``"%d" % n``, ``"{:x}".format(n)``.

A numeric presentation type (``d``, ``x``, ``f``, ``%`` …) only formats a number (a string
raises), so what it writes is digits, whatever the value's origin: such a value carries no taint
into the text. Each function answers None when the format cannot be read with certainty (a
mapping key in a %-format, a nested field), and then every value counts.
"""

from __future__ import annotations

import ast
import re
from string import Formatter

#: presentation types of str.format and f-strings that accept numbers only
_NUMERIC_TYPES = frozenset("bcdoxXneEfFgG%")
#: %-format conversions that write text (the rest write numbers)
_TEXT_CONVERSIONS = frozenset("sra")
_PERCENT = re.compile(
    r"%(?P<key>\([^)]*\))?[#0\- +]*(?P<width>\*|\d+)?(?:\.(?P<precision>\*|\d+))?[hlL]?"
    r"(?P<type>[diouxXeEfFgGcrsa%])"
)


def numeric_spec(spec: ast.expr | None) -> bool:
    """Whether an f-string field's format spec (``:08d``) only formats numbers."""
    if not isinstance(spec, ast.JoinedStr) or not spec.values:
        return False
    if not all(isinstance(v, ast.Constant) and isinstance(v.value, str) for v in spec.values):
        return False  # `{n:{width}d}`: a nested field, left alone
    text = "".join(str(v.value) for v in spec.values if isinstance(v, ast.Constant))
    return text[-1:] in _NUMERIC_TYPES


def percent_text(template: str) -> list[bool] | None:
    """For each value a %-format takes, in order, whether it is written as text; None when
    the format names mapping keys or takes a width or precision from the values."""
    kinds: list[bool] = []
    for match in _PERCENT.finditer(template):
        if match["type"] == "%":
            continue
        if match["key"] is not None or "*" in (match["width"] or "", match["precision"] or ""):
            return None
        kinds.append(match["type"] in _TEXT_CONVERSIONS)
    return kinds


def format_text(template: str) -> tuple[set[int], set[str]] | None:
    """The positional indexes and keyword names whose values ``template.format(...)`` writes
    as text; None when the template cannot be read (a bad one, a nested field)."""
    positions: set[int] = set()
    names: set[str] = set()
    automatic = 0
    try:
        fields = list(Formatter().parse(template))
    except ValueError:
        return None
    for _literal, field, spec, conversion in fields:
        if field is None:
            continue
        if spec and "{" in spec:
            return None
        head = re.split(r"[.\[]", field, maxsplit=1)[0]
        textual = conversion is not None or not spec or spec[-1] not in _NUMERIC_TYPES
        if head == "":
            index: int | str = automatic
            automatic += 1
        else:
            index = int(head) if head.isdigit() else head
        if head != field:
            textual = True  # `{0.name}`, `{0[key]}`: an attribute or item of the value
        if textual:
            if isinstance(index, int):
                positions.add(index)
            else:
                names.add(index)
    return positions, names
