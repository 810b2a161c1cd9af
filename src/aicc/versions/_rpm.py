"""RPM (Red Hat, SUSE, Rocky, AlmaLinux...): ``rpmvercmp`` on epoch:version-release.

univers' port of rpmvercmp agrees (tested); this one is a tuple key, so sorting and range checks
compare tuples instead of calling Python per comparison.
"""

from __future__ import annotations

import re
from typing import Any

_SEGMENTS = re.compile(r"~|\^|[0-9]+|[A-Za-z]+")
# rpmvercmp's order at one position: "~" < end of string < "^" < letters < digits.
_TILDE, _END, _CARET, _ALPHA, _NUMBER = 0, 1, 2, 3, 4
_END_KEY = (_END,)


def rpmvercmp_key(text: str) -> tuple[Any, ...]:
    """A key ordering strings as rpm's ``rpmvercmp`` (other characters only separate)."""
    out: list[tuple[Any, ...]] = []
    for segment in _SEGMENTS.findall(text):
        if segment == "~":
            out.append((_TILDE,))
        elif segment == "^":
            out.append((_CARET,))
        elif segment[0].isdigit():
            out.append((_NUMBER, int(segment)))
        else:
            out.append((_ALPHA, segment))
    out.append(_END_KEY)
    return tuple(out)


def rpm_key(version: str) -> tuple[Any, ...]:
    """(epoch, version, release): a missing epoch is 0, a missing release sorts first."""
    text = version.strip()
    if not text or any(c.isspace() for c in text):
        raise ValueError("empty or contains whitespace")
    epoch = 0
    epoch_text, colon, rest = text.partition(":")
    # rpm's parseEVR: an epoch is the digits before the first ":" (none: 0). Anything else
    # before it is no epoch, and the ":" stays in the version, a separator to rpmvercmp
    # ("abc:1.0-1" is version "abc:1.0", release "1").
    if colon and (not epoch_text or (epoch_text.isdigit() and epoch_text.isascii())):
        epoch, text = int(epoch_text or 0), rest
    upstream, dash, release = text.rpartition("-")
    if not dash:
        upstream, release = text, ""
    if not upstream:
        raise ValueError("the version is empty")
    return epoch, rpmvercmp_key(upstream), rpmvercmp_key(release)
