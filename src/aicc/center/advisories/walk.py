"""What the CSAF 2.0 mandatory tests share: the `Violation` each one reports, and the walks over
a parsed document (its product tree's products and groups, its revision history, its version
numbers) that several of them make. A walk reads what it can and skips a part of the wrong
type: that part breaks the JSON schema, which `schema` reports."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

Document = dict[str, Any]


@dataclass(frozen=True)
class Violation:
    """One failed mandatory test: its number and name, the place (a JSON pointer), and why."""

    test: str
    name: str
    path: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"test": self.test, "name": self.name, "path": self.path, "message": self.message}


def as_list(value: Any) -> list[Any]:
    """``value`` if it is a list, else an empty one."""
    return value if isinstance(value, list) else []


def as_object(value: Any) -> dict[str, Any]:
    """``value`` if it is an object, else an empty one."""
    return value if isinstance(value, dict) else {}


def branches(document: Document) -> Iterator[tuple[dict[str, Any], str]]:
    """Every branch of the product tree, at any depth, with its JSON pointer."""
    tree = as_object(document.get("product_tree"))
    stack = [(tree.get("branches"), "/product_tree/branches")]
    while stack:
        items, where = stack.pop()
        for i, branch in enumerate(as_list(items)):
            branch = as_object(branch)
            yield branch, f"{where}/{i}"
            stack.append((branch.get("branches"), f"{where}/{i}/branches"))


def full_product_names(document: Document) -> Iterator[tuple[dict[str, Any], str]]:
    """Every full product name of the product tree (in branches, in ``full_product_names`` and
    in relationships), with its JSON pointer."""
    for branch, where in branches(document):
        if "product" in branch:
            yield as_object(branch["product"]), f"{where}/product"
    tree = as_object(document.get("product_tree"))
    for i, item in enumerate(as_list(tree.get("full_product_names"))):
        yield as_object(item), f"/product_tree/full_product_names/{i}"
    for i, item in enumerate(as_list(tree.get("relationships"))):
        if "full_product_name" in as_object(item):
            yield (
                as_object(item["full_product_name"]),
                f"/product_tree/relationships/{i}/full_product_name",
            )


def defined_products(document: Document) -> list[tuple[str, str]]:
    """Every product id the product tree defines, with the place of each definition."""
    return [
        (name["product_id"], f"{where}/product_id")
        for name, where in full_product_names(document)
        if isinstance(name.get("product_id"), str)
    ]


def group_members(document: Document) -> dict[str, set[str]]:
    """The product ids of each product group, by group id."""
    members: dict[str, set[str]] = {}
    for group in as_list(as_object(document.get("product_tree")).get("product_groups")):
        group = as_object(group)
        if isinstance(group.get("group_id"), str):
            ids = {pid for pid in as_list(group.get("product_ids")) if isinstance(pid, str)}
            members.setdefault(group["group_id"], set()).update(ids)
    return members


def products_of(item: dict[str, Any], members: dict[str, set[str]]) -> set[str]:
    """The products a remediation, threat or flag names: directly (``product_ids``) and through
    its product groups (``group_ids``)."""
    found = {pid for pid in as_list(item.get("product_ids")) if isinstance(pid, str)}
    for gid in as_list(item.get("group_ids")):
        if isinstance(gid, str):
            found |= members.get(gid, set())
    return found


INTEGER = re.compile(r"^(0|[1-9][0-9]*)$")
SEMVER = re.compile(
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
    r"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$"
)
_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def versioning(number: Any) -> str | None:
    """``integer`` or ``semantic``: the versioning a ``version_t`` follows (None: neither)."""
    text = str(number)
    if INTEGER.match(text):
        return "integer"
    return "semantic" if SEMVER.match(text) else None


def is_pre_release(number: Any) -> bool:
    """A semantic version with a pre-release part (``1.0.0-rc.1``)."""
    match = SEMVER.match(str(number))
    return match is not None and match.group(4) is not None


def is_zero(number: Any) -> bool:
    """Version ``0`` or a semantic version ``0.y.z``: not yet released."""
    text = str(number)
    if INTEGER.match(text):
        return text == "0"
    match = SEMVER.match(text)
    return match is not None and match.group(1) == "0"


def version_key(number: Any) -> tuple[Any, ...] | None:
    """Integer or semantic versions, ordered (a pre-release before its release)."""
    text = str(number)
    if INTEGER.match(text):
        return (int(text), 0, 0, 1, ())
    match = SEMVER.match(text)
    if match is None:
        return None
    pre = match.group(4)
    parts = tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in (pre or "").split("."))
    return (int(match.group(1)), int(match.group(2)), int(match.group(3)), 0 if pre else 1, parts)


def time_key(text: Any) -> tuple[datetime, Decimal] | None:
    """A timestamp to the precision written (``...00.00010Z`` is after ``...00.000Z``)."""
    match = _TIME.match(str(text))
    if match is None:
        return None
    zone = "+00:00" if match.group(3) == "Z" else match.group(3)
    try:
        moment = datetime.fromisoformat(match.group(1) + zone).astimezone(UTC)
    except ValueError:
        return None
    return moment, Decimal(match.group(2) or "0")


HISTORY = "/document/tracking/revision_history"


def tracking(document: Document) -> dict[str, Any]:
    """``/document/tracking`` (empty when it is missing)."""
    return as_object(as_object(document.get("document")).get("tracking"))


def revisions(document: Document) -> list[tuple[int, dict[str, Any]]]:
    """The revision history's items that are objects, with their index."""
    return [
        (i, item)
        for i, item in enumerate(as_list(tracking(document).get("revision_history")))
        if isinstance(item, dict)
    ]


def history(document: Document) -> list[tuple[int, tuple[Any, ...], tuple[Any, ...], str]]:
    """The revision history's readable items: (index, time key, version key, number)."""
    items = []
    for i, item in revisions(document):
        when, version = time_key(item.get("date")), version_key(item.get("number"))
        if when is not None and version is not None:
            items.append((i, when, version, str(item.get("number"))))
    return items
