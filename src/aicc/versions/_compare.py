"""Comparing versions of one ecosystem: ``compare``, ``parse`` and ``is_valid``."""

from __future__ import annotations

from typing import Any

from aicc.versions._ecosystems import SortKey, scheme_of, sort_key


def compare(ecosystem: str, a: str, b: str) -> int:
    """-1, 0 or 1 as ``a`` is older than, the same version as, or newer than ``b``."""
    key_a, key_b = sort_key(ecosystem, a), sort_key(ecosystem, b)
    return (key_a > key_b) - (key_a < key_b)


def is_valid(ecosystem: str, version: str) -> bool:
    """Whether ``version`` is a version of ``ecosystem`` (UnknownEcosystem if none is known)."""
    scheme_of(ecosystem)
    try:
        sort_key(ecosystem, version)
    except ValueError:
        return False
    return True


class Version:
    """A parsed version: ordered and hashed by its ecosystem's rules, printed as written.

    Versions of ecosystems with different orderings do not compare (TypeError).
    """

    __slots__ = ("ecosystem", "key", "scheme", "string")

    def __init__(self, ecosystem: str, string: str) -> None:
        self.ecosystem = ecosystem
        self.string = string
        self.scheme = scheme_of(ecosystem)
        self.key: SortKey = sort_key(ecosystem, string)

    def __repr__(self) -> str:
        return f"Version({self.ecosystem!r}, {self.string!r})"

    def __str__(self) -> str:
        return self.string

    def __hash__(self) -> int:
        return hash((self.scheme, self.key))

    def _other_key(self, other: Any) -> SortKey | None:
        if isinstance(other, Version) and other.scheme == self.scheme:
            return other.key
        return None

    def __eq__(self, other: object) -> bool:
        key = self._other_key(other)
        return NotImplemented if key is None else self.key == key

    def __lt__(self, other: Version) -> bool:
        key = self._other_key(other)
        return NotImplemented if key is None else self.key < key

    def __le__(self, other: Version) -> bool:
        key = self._other_key(other)
        return NotImplemented if key is None else self.key <= key

    def __gt__(self, other: Version) -> bool:
        key = self._other_key(other)
        return NotImplemented if key is None else self.key > key

    def __ge__(self, other: Version) -> bool:
        key = self._other_key(other)
        return NotImplemented if key is None else self.key >= key


def parse(ecosystem: str, version: str) -> Version:
    """A Version; raises InvalidVersion or UnknownEcosystem."""
    return Version(ecosystem, version)
