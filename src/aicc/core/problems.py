"""What could not be read, matched or decided: one value type for every stage.

A problem is carried in the result beside what did work (an inventory's skipped entries, a feed
file's skipped records, a code scan's unreadable files, a frontier suite's skipped tiers) and
shown in every output, so that a user always knows what was not covered and why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_LINE = re.compile(r"line (\d+)")


@dataclass(frozen=True, slots=True)
class Problem:
    """``stage`` could not use ``source`` (a file, URL, record or tier) at ``location`` (a line,
    a JSON path, a zip member; None for the whole source), because of ``reason``."""

    stage: str  # feeds | inventory | match | validate | code | frontier
    source: str
    location: str | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.source}: {self.location}" if self.location else self.source
        return f"{where}: {self.reason}" if where else self.reason

    @property
    def line(self) -> int | None:
        """The line number, when the location names one (``"line 12"``)."""
        found = _LINE.match(self.location or "")
        return int(found.group(1)) if found else None

    def as_dict(self) -> dict[str, Any]:
        """The problem as JSON: the same four keys in every output."""
        return {
            "stage": self.stage,
            "source": self.source,
            "location": self.location,
            "reason": self.reason,
        }


def at_line(line: int | None) -> str | None:
    """The location of a line number: ``"line 12"``, or None."""
    return f"line {line}" if line else None


@dataclass(frozen=True, slots=True)
class Unmatched:
    """An inventory entry that names no product the knowledge base knows, or several, or a
    version its product's numbering cannot read: nothing was matched for it, and it says why.

    ``component`` is the entry as written (``"Citrix NetScaler 13.1-48.47"``); ``suggestions``
    are products it may have meant (``"NetScaler ADC (Cloud Software Group)"``).
    """

    component: str
    source: str
    location: str | None
    reason: str
    suggestions: tuple[str, ...] = ()

    def __str__(self) -> str:
        where = f"{self.source}: {self.location}" if self.location else self.source
        text = f"{where}: {self.component}: {self.reason}"
        return (
            f"{text} (did you mean {' or '.join(self.suggestions)}?)" if self.suggestions else text
        )

    def as_dict(self) -> dict[str, Any]:
        """The entry as JSON: the same keys in scan and plan output."""
        return {
            "component": self.component,
            "source": self.source,
            "location": self.location,
            "reason": self.reason,
            "suggestions": list(self.suggestions),
        }


@dataclass(frozen=True, slots=True)
class Identification:
    """How an inventory entry (an appliance or installed software) was identified: the
    catalogue products it was matched against, and the step that found them."""

    component: str
    source: str
    location: str | None
    products: tuple[str, ...]
    how: str

    def as_dict(self) -> dict[str, Any]:
        """The entry as JSON, beside ``unmatched`` in scan and plan output."""
        return {
            "component": self.component,
            "source": self.source,
            "location": self.location,
            "products": list(self.products),
            "how": self.how,
        }
