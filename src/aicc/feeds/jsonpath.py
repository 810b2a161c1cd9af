"""Read fields of a parsed JSON record with type checks that name the JSON path on failure."""

from __future__ import annotations

from typing import Any, TypeVar

from aicc.feeds.records import RecordError

T = TypeVar("T")

_NAMES = {
    str: "a string",
    list: "a list",
    dict: "an object",
    int: "an integer",
    float: "a number",
    bool: "a boolean",
}


def join(path: str, key: str | int) -> str:
    """``join("affected[0]", "ranges")`` -> ``"affected[0].ranges"``."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def _describe(value: Any) -> str:
    if value is None:
        return "null"
    return _NAMES.get(type(value), type(value).__name__)


def check(value: Any, kind: type[T], path: str) -> T:
    """Return ``value`` if it is of ``kind`` (ints count as numbers), else raise RecordError."""
    if isinstance(value, kind) and not (kind is int and isinstance(value, bool)):
        return value
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        return value  # type: ignore[return-value]
    raise RecordError(path, f"expected {_NAMES.get(kind, kind.__name__)}, got {_describe(value)}")


def obj(value: Any, path: str) -> dict[str, Any]:
    """The value as a JSON object."""
    return check(value, dict, path)


def need(record: dict[str, Any], key: str, kind: type[T], path: str = "") -> T:
    """A required field of ``kind``."""
    if key not in record:
        raise RecordError(join(path, key), "required field is missing")
    return check(record[key], kind, join(path, key))


def get(record: dict[str, Any], key: str, kind: type[T], path: str = "") -> T | None:
    """An optional field of ``kind``; absent or null gives None."""
    value = record.get(key)
    return None if value is None else check(value, kind, join(path, key))


def items(record: dict[str, Any], key: str, kind: type[T], path: str = "") -> list[T]:
    """An optional list field whose every element is of ``kind``; absent gives []."""
    values = get(record, key, list, path) or []
    where = join(path, key)
    return [check(v, kind, join(where, i)) for i, v in enumerate(values)]
