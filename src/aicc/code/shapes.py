"""What the taint walk knows about the insides of lists and dicts built in the code it reads.

``items = ["safe", request.args["q"]]`` makes ``items[0]`` clean and ``items[1]`` tainted;
``items.pop(0)`` shifts them. A `Shape` keeps one taint per position (list) or constant key
(dict); any use the walk cannot follow drops the shape, and the container's whole taint (the
merge of everything ever stored) is used instead, so losing a shape never loses taint.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Shape(Generic[T]):
    """The known contents of a list (``keys`` are positions) or a dict (constant keys)."""

    kind: str  # "list", "dict", or "config" (a configparser: keys are (section, option))
    entries: tuple[tuple[object, T | None], ...]

    @staticmethod
    def of_list(values: list[T | None]) -> Shape[T]:
        return Shape("list", tuple(enumerate(values)))

    @staticmethod
    def of_dict(entries: list[tuple[object, T | None]], kind: str = "dict") -> Shape[T]:
        return Shape(kind, tuple(entries))

    def values(self) -> list[T | None]:
        return [value for _, value in self.entries]

    def get(self, key: object) -> tuple[bool, T | None]:
        """``(known, taint)`` of one element; a list index may be negative."""
        if self.kind == "list":
            if not isinstance(key, int) or isinstance(key, bool):
                return False, None
            values = self.values()
            if -len(values) <= key < len(values):
                return True, values[key]
            return False, None
        for entry_key, value in self.entries:
            if entry_key == key:
                return True, value
        return False, None

    def set(self, key: object, value: T | None) -> Shape[T] | None:
        """The shape after ``container[key] = value``; None when it can no longer be followed."""
        if self.kind == "list":
            known, _ = self.get(key)
            if not known:
                return None
            assert isinstance(key, int)
            values = self.values()
            values[key] = value
            return Shape.of_list(values)
        entries = [(k, v) for k, v in self.entries if k != key]
        return Shape.of_dict([*entries, (key, value)], self.kind)

    def append(self, value: T | None) -> Shape[T] | None:
        if self.kind != "list":
            return None
        return Shape.of_list([*self.values(), value])

    def insert(self, index: object, value: T | None) -> Shape[T] | None:
        if self.kind != "list" or not isinstance(index, int) or isinstance(index, bool):
            return None
        values = self.values()
        values.insert(index, value)
        return Shape.of_list(values)

    def pop(self, key: object = None) -> tuple[bool, T | None, Shape[T] | None]:
        """``(known, taint of the removed element, shape after)``."""
        if self.kind == "list":
            values = self.values()
            position = -1 if key is None else key
            if (
                not isinstance(position, int)
                or isinstance(position, bool)
                or not -len(values) <= position < len(values)
            ):
                return False, None, None
            removed = values.pop(position)
            return True, removed, Shape.of_list(values)
        known, value = self.get(key)
        if not known:
            return False, None, None
        return True, value, Shape.of_dict([(k, v) for k, v in self.entries if k != key], self.kind)

    def delete(self, key: object) -> Shape[T] | None:
        known, _, after = self.pop(key)
        return after if known else None

    def join(
        self,
        other: Shape[T],
        merge: Callable[[T | None, T | None], T | None],
    ) -> Shape[T] | None:
        """The shape after one of two branches, when both agree on the keys."""
        if self.kind != other.kind or [k for k, _ in self.entries] != [k for k, _ in other.entries]:
            return None
        return Shape(
            self.kind,
            tuple(
                (key, merge(mine, theirs))
                for (key, mine), (_, theirs) in zip(self.entries, other.entries, strict=True)
            ),
        )
