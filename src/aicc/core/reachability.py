"""Reachability: whether a project's code can get to the vulnerable code of a dependency."""

from __future__ import annotations

from dataclasses import dataclass

REACHABLE = "reachable"
NOT_REACHABLE = "not_reachable"
UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Reachability:
    """The answer for one finding, how it was reached and how sure it is.

    Only ``value == NOT_REACHABLE`` may lower a priority, and only analysers that are confident
    (every path into the vulnerable code was looked at) return it; anything less is UNKNOWN
    with a ``detail`` that says what was and was not analysed.
    """

    value: str  # REACHABLE | NOT_REACHABLE | UNKNOWN
    level: str  # "symbol" (Go) | "import" (Python) | "none" (no analyser for this ecosystem)
    detail: str  # in words, for the reader: what was found or why it is unknown
    locations: tuple[str, ...] = ()  # "path/to/file.go:12" of calls or imports found
    symbols: tuple[str, ...] = ()  # the affected symbols or modules that were looked for

    @property
    def confident_not_reachable(self) -> bool:
        return self.value == NOT_REACHABLE
