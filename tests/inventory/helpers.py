"""What the inventory tests share: assertions on what a parser gives, and the fuzzers' pieces."""

from __future__ import annotations

import copy
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from aicc.core import packages
from aicc.core.components import Component, Inventory
from aicc.core.errors import InventoryError
from aicc.core.problems import Problem
from aicc.inventory.interface import InventoryFormat
from tests.conftest import FIXTURES

INVENTORIES = FIXTURES / "inventory"
Row = tuple[str, str, str | None, str, str | None, bool | None, str | None]
JsonPath = tuple[str | int, ...]


# --- what a parser gives ---------------------------------------------------------------------


def write(folder: Path, name: str, text: str | bytes) -> Path:
    """``text`` (UTF-8 when it is a str) written to ``folder / name``."""
    path = folder / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def refusal(fmt: InventoryFormat, path: Path) -> tuple[str | None, str | None, str]:
    """(path, location, message) of the InventoryError ``fmt`` must raise for ``path``."""
    with pytest.raises(InventoryError) as caught:
        fmt.parse(path)
    return caught.value.path, caught.value.location, caught.value.message


def reasons(inventory: Inventory) -> list[tuple[str | None, str]]:
    """(location, reason) of each skipped entry."""
    return [(s.location, s.reason) for s in inventory.skipped]


def sbom_rows(inventory: Inventory) -> list[Row]:
    """(location, name, ecosystem, version, purl, direct, scope) of every component."""
    return [
        (c.location or "", c.name, c.ecosystem, c.version or "", c.purl, c.direct, c.scope)
        for c in inventory.components
    ]


def assert_valid(inventory: Inventory, ecosystem: str) -> None:
    """Every component an ``ecosystem`` package, once, with purl_for's purl and a place."""
    for c in inventory.components:
        assert c.ecosystem == ecosystem and c.name and c.version
        assert c.purl == packages.purl_for(ecosystem, c.name, c.version)
        assert isinstance(c.location, str) and c.source
        assert c.scope in (None, "dev", "optional") and c.direct in (None, True, False)
    for s in inventory.skipped:
        assert s.reason and s.source
    found = [(c.name, c.version) for c in inventory.components]
    assert len(found) == len(set(found))


def assert_parsed_or_refused(fmt: InventoryFormat, name: str, data: bytes, ecosystem: str) -> None:
    """Parsing ``data`` as the file ``name`` gives valid ``ecosystem`` components (see
    `assert_valid`) or an InventoryError naming the file."""
    path, result = parse_bytes(fmt, name, data)
    if isinstance(result, InventoryError):
        assert result.path == path
    else:
        assert_valid(result, ecosystem)


def assert_packages(inventory: Inventory, path: str) -> None:
    """Every component a package of ``path`` with a version and a purl; every skip placed."""
    assert all(
        c.source == path and c.version and c.ecosystem and c.purl for c in inventory.components
    )
    assert all(isinstance(s, Problem) and s.location for s in inventory.skipped)


def purl_without_shortcut(ecosystem: str, name: str, version: str | None) -> str | None:
    """What purl_for gives when PackageURL builds every purl (no fast path for plain names)."""
    with mock.patch.object(packages, "_plain_purl", return_value=None):
        return packages.purl_for(ecosystem, name, version)


# --- fuzzing ---------------------------------------------------------------------------------


def fuzz(default: int) -> Callable[[Any], Any]:
    """Settings for a fuzz test of ``default`` examples, or of AICC_FUZZ_EXAMPLES when set."""
    return settings(
        max_examples=int(os.environ.get("AICC_FUZZ_EXAMPLES") or default),
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


def parse_bytes(
    fmt: InventoryFormat, name: str, data: bytes, beside: dict[str, bytes] | None = None
) -> tuple[str, Inventory | InventoryError]:
    """The path of ``data`` written as ``name`` in a fresh folder (with the files ``beside``
    it), and the Inventory ``fmt`` reads there or the InventoryError it raises."""
    with tempfile.TemporaryDirectory() as folder:
        for other, blob in {**(beside or {}), name: data}.items():
            write(Path(folder), other, blob)
        path = Path(folder) / name
        try:
            return str(path), fmt.parse(path)
        except InventoryError as exc:
            return str(path), exc


@st.composite
def damaged(draw: st.DrawFn, blob: bytes) -> bytes:
    """``blob`` cut short, with bytes flipped, or with a line dropped, repeated or replaced."""
    how = draw(st.sampled_from(["cut", "flip", "lines"]))
    if how == "cut":
        return blob[: draw(st.integers(0, len(blob)))]
    if how == "flip":
        flipped = bytearray(blob)
        for _ in range(draw(st.integers(1, 4))):
            flipped[draw(st.integers(0, len(blob) - 1))] ^= draw(st.integers(1, 255))
        return bytes(flipped)
    lines = blob.split(b"\n")
    index = draw(st.integers(0, len(lines) - 1))
    lines[index : index + 1] = draw(
        st.sampled_from([[], [lines[index]] * 2, [draw(st.binary(max_size=40))]])
    )
    return b"\n".join(lines)


@st.composite
def spliced(draw: st.DrawFn, blob: bytes, noise: list[bytes]) -> bytes:
    """``blob`` with 1 to 4 runs of bytes deleted, repeated, or replaced or preceded by
    ``noise`` or random bytes."""
    data = bytearray(blob)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        size = draw(st.integers(0, 40))
        action = draw(st.sampled_from(["delete", "repeat", "replace", "insert"]))
        if action == "delete":
            del data[at : at + size]
        elif action == "repeat":
            data[at:at] = data[at : at + size]
        else:
            inserted = (
                draw(st.sampled_from(noise)) if draw(st.booleans()) else draw(st.binary(max_size=8))
            )
            data[at : at + (size if action == "replace" else 0)] = inserted
    return bytes(data)


EDITS = st.lists(st.tuples(st.integers(0, 100_000), st.binary(max_size=4)), min_size=1, max_size=6)


def edited(data: bytes, edits: list[tuple[int, bytes]]) -> bytes:
    """``data`` with each ``(position, replacement)`` of ``edits`` written over one byte."""
    for position, replacement in edits:
        at = position % (len(data) + 1)
        data = data[:at] + replacement + data[at + 1 :]
    return data


def replace_values(draw: st.DrawFn, document: Any, values: st.SearchStrategy[Any]) -> None:
    """Replace 1 to 5 values of ``document`` in place, each reached by a random walk down."""
    for _ in range(draw(st.integers(1, 5))):
        node: Any = document
        for _ in range(draw(st.integers(1, 4))):
            if isinstance(node, dict) and node:
                key = draw(st.sampled_from(sorted(node)))
                if not isinstance(node[key], (dict, list)) or draw(st.booleans()):
                    node[key] = draw(values)
                    break
                node = node[key]
            elif isinstance(node, list) and node:
                index = draw(st.integers(0, len(node) - 1))
                if not isinstance(node[index], (dict, list)) or draw(st.booleans()):
                    node[index] = draw(values)
                    break
                node = node[index]


# --- JSON documents --------------------------------------------------------------------------


def json_values(tricky: st.SearchStrategy[str], keys: list[str]) -> st.SearchStrategy[Any]:
    """Any JSON value, ``tricky`` strings among the scalars, ``keys`` naming object members."""
    return st.recursive(
        st.none()
        | st.booleans()
        | st.integers(-(2**63), 2**63 - 1)
        | st.floats(allow_nan=False)
        | tricky
        | st.text(max_size=8),
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(keys), inner, max_size=3)
        ),
        max_leaves=6,
    )


def json_paths(value: Any, prefix: JsonPath = ()) -> list[JsonPath]:
    """Every path below ``value``, parents before children."""
    found: list[JsonPath] = []
    items = (
        value.items()
        if isinstance(value, dict)
        else (enumerate(value) if isinstance(value, list) else ())
    )
    for key, child in items:
        found.append((*prefix, key))
        found.extend(json_paths(child, (*prefix, key)))
    return found


def mutate_json(document: Any, steps: list[tuple[int, str, Any]]) -> Any:
    """A copy of ``document`` with each step applied: delete, replace, wrap in a list, or
    duplicate a node; with no node left, the step's value is the whole document."""
    document = copy.deepcopy(document)
    for choice, action, value in steps:
        paths = json_paths(document)
        if not paths:
            return value
        path = paths[choice % len(paths)]
        parent = document
        for key in path[:-1]:
            parent = parent[key]
        key = path[-1]
        if action == "delete":
            del parent[key]
        elif action == "replace":
            parent[key] = value
        elif action == "wrap":
            parent[key] = [parent[key]]
        elif isinstance(parent, list) and isinstance(key, int):
            parent.insert(key, copy.deepcopy(parent[key]))
    return document


def check_sbom(fmt: InventoryFormat, data: bytes) -> None:
    """Parsing ``data`` as an SBOM gives a valid Inventory or an InventoryError naming the file,
    the place and the problem."""
    path, result = parse_bytes(fmt, "bom", data)
    if isinstance(result, InventoryError):
        assert result.path == path and result.location and result.message
        return
    assert result.source == path and result.format == fmt.name
    for component in result.components:
        assert isinstance(component, Component)
        assert component.source == path and component.location
        assert isinstance(component.name, str) and component.name
        assert isinstance(component.version, str) and component.version
        assert component.purl or component.cpe
        assert component.direct in (True, False, None)
    for skipped in result.skipped:
        assert isinstance(skipped, Problem) and skipped.reason
        assert skipped.source == path
