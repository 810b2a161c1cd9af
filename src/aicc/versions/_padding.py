"""Sort keys for orderings that pad the shorter version with "null" items.

Maven, RubyGems and the vendor ordering compare two versions item by item and pad the shorter one
with a null item (``0``), which sorts above some items (``alpha``) and below others (``1``). A
Python tuple compares a shorter prefix as smaller instead, so each item is written as
``(sign, *body)``: ``sign`` says how the item compares with null, and ``END`` (the null) closes the
key. An item equal to null (a ``0`` in ``1.0.1``) takes the sign of the first non-null item after
it, because that item decides the comparison when the other version has run out.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

END: tuple[int] = (0,)

Item = tuple[int, tuple[Any, ...]]


def padded_key(items: Sequence[Item]) -> tuple[tuple[Any, ...], ...]:
    """The key of ``items``, each ``(sign, body)`` with sign -1, 0 (null) or +1 against null."""
    last = len(items)
    while last and items[last - 1][0] == 0:
        last -= 1
    out: list[tuple[Any, ...]] = []
    rest = 0
    for sign, body in reversed(items[:last]):
        if sign == 0:
            sign = rest
        else:
            rest = min(sign, 1)  # "*" (sign 2) is above null like any positive item
        out.append((sign, *body))
    out.reverse()
    out.append(END)
    return tuple(out)
