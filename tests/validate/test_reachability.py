"""Reachability across ecosystems: what has no source tree, the cost, and bad input."""

from __future__ import annotations

import os
import pathlib
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Connection, Engine, event

from aicc.core.components import Component, Inventory
from aicc.core.findings import Finding
from aicc.core.reachability import NOT_REACHABLE, REACHABLE, UNKNOWN, Reachability
from aicc.inventory.golang import parse_go_mod
from aicc.inventory.python import RequirementsTxtFormat
from aicc.store.importer import import_path
from aicc.validate.reachability import GoEnvironment, analyse_reachability
from tests.conftest import FIXTURES

HERE = FIXTURES / "reachability"
NOTHING_OUTSIDE = GoEnvironment(module_cache=None, goroot=None)


@pytest.fixture
def conn(engine: Engine) -> Iterator[Connection]:
    import_path(engine, HERE / "osv")
    with engine.connect() as connection:
        yield connection


def queries(conn: Connection) -> list[str]:
    """The SQL statements run on ``conn`` from now on."""
    seen: list[str] = []

    def record(*args: Any) -> None:
        seen.append(args[2])

    event.listen(conn.engine, "before_cursor_execute", record)
    return seen


def refuse(*args: Any, **kwargs: Any) -> Any:
    raise AssertionError("the file system was read")


def test_sbom_findings_are_unknown_at_once_without_reading_anything(
    conn: Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    components = [
        Component(
            name=f"example.com/m{i}" if i % 2 else f"pkg{i}",
            version="1.0.0",
            source="bom.json",
            ecosystem="Go" if i % 2 else "PyPI",
        )
        for i in range(5000)
    ]
    sbom = Inventory(source="bom.json", format="cyclonedx-json", components=components)
    findings = [
        Finding(id=f"GO-{i}", aliases=[], component=c, advisories=[f"GO-{i}"])
        for i, c in enumerate(components)
    ]
    for name in ("walk", "scandir", "listdir", "stat"):
        monkeypatch.setattr(os, name, refuse)
    for name in ("iterdir", "glob", "rglob", "exists", "is_dir", "is_file", "resolve"):
        monkeypatch.setattr(pathlib.Path, name, refuse)
    seen = queries(conn)
    answers = analyse_reachability(conn, findings, [sbom], go_env=NOTHING_OUTSIDE)
    assert (
        answers
        == [Reachability(UNKNOWN, "none", "no source code was scanned with this inventory")] * 5000
    )
    assert seen == []


def test_other_ecosystems_are_unknown_at_level_none(conn: Connection) -> None:
    crate = Component(name="openssl", version="0.10.55", source="go.mod", ecosystem="crates.io")
    inventory = Inventory(source="go.mod", format="go.mod", components=[crate])
    [answer] = analyse_reachability(
        conn,
        [Finding(id="RUSTSEC-1", aliases=[], component=crate)],
        [inventory],
        go_env=NOTHING_OUTSIDE,
    )
    assert (answer.value, answer.level) == (UNKNOWN, "none")
    assert answer.detail == "no reachability analysis for crates.io packages"


def test_a_missing_source_directory_is_unknown(conn: Connection, tmp_path: Path) -> None:
    component = Component(
        name="golang.org/x/net",
        version="0.12.0",
        source=str(tmp_path / "gone" / "go.mod"),
        ecosystem="Go",
    )
    inventory = Inventory(source=component.source, format="go.mod", components=[component])
    finding = Finding(
        id="GO-2023-1988", aliases=[], component=component, advisories=["GO-2023-1988"]
    )
    [answer] = analyse_reachability(conn, [finding], [inventory], go_env=NOTHING_OUTSIDE)
    assert answer.value == UNKNOWN
    assert answer.detail == f"the source directory {tmp_path / 'gone'} cannot be read"


def test_queries_do_not_grow_with_findings(conn: Connection) -> None:
    inventory = parse_go_mod(HERE / "go-linkcheck" / "go.mod")
    x_net = next(c for c in inventory.components if c.name == "golang.org/x/net")
    stdlib = next(c for c in inventory.components if c.name == "stdlib")
    ids = ["GO-2024-3333", "GO-2025-3595", "GO-2023-1988", "GO-2023-2102"]
    many = [
        Finding(id=i, aliases=[f"CVE-{n}"], component=c, advisories=[i])
        for n, i in enumerate(ids * 25)
        for c in (x_net, stdlib)
    ]
    seen = queries(conn)
    first = analyse_reachability(conn, many[:1], [inventory], go_env=NOTHING_OUTSIDE)
    assert len(seen) == 1
    seen.clear()
    answers = analyse_reachability(conn, many, [inventory], go_env=NOTHING_OUTSIDE)
    assert len(seen) == 1  # one affected_packages query for all 200 findings
    assert answers[0] == first[0]


GO_MOD = b"module example.com/fuzz\n\ngo 1.21\n\nrequire golang.org/x/net v0.12.0\n"
BLOBS = st.lists(
    st.binary(max_size=400)
    | st.sampled_from(
        [
            b'package main\nimport . "golang.org/x/net/html"\n',
            b"import yaml\n",
            b"\x00",
            b"\xff\xfe",
            b"(" * 300,
            b"[console_scripts]\nx = yaml:main\n",
            b"a,b\n\x00,\n",
        ]
    ),
    min_size=4,
    max_size=4,
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(blobs=BLOBS)
def test_random_bytes_as_source_never_raise(conn: Connection, blobs: list[bytes]) -> None:
    go_source, py_source, record, entry_points = blobs
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        shutil.copytree(HERE / "go-linkcheck", root / "go")
        (root / "go" / "fuzz.go").write_bytes(go_source)
        (root / "go" / "vendor/golang.org/x/net/html/fuzz.go").write_bytes(go_source)
        shutil.copytree(HERE / "py-service", root / "py")
        (root / "py" / "service" / "fuzz.py").write_bytes(py_source)
        site = root / "py" / "venv/lib/python3.11/site-packages"
        (site / "requests" / "fuzz.py").write_bytes(py_source)
        (site / "requests-2.31.0.dist-info" / "RECORD").write_bytes(record)
        (site / "requests-2.31.0.dist-info" / "entry_points.txt").write_bytes(entry_points)
        (site / "fuzz.pth").write_bytes(b"import " + py_source)
        go_mod = root / "go" / "go.mod"
        go_mod.write_bytes(GO_MOD + go_source[:40])  # a damaged module line too, at times
        x_net = Component("golang.org/x/net", "0.12.0", str(go_mod), "Go")
        go = Inventory(str(go_mod), "go.mod", [x_net])
        py = RequirementsTxtFormat().parse(root / "py" / "requirements.txt")
        findings = [
            Finding(id="GO-2023-1988", aliases=[], component=x_net, advisories=["GO-2023-1988"])
        ]
        findings += [Finding(id="X", aliases=[], component=c) for c in py.components]
        answers = analyse_reachability(conn, findings, [go, py], go_env=NOTHING_OUTSIDE)
        assert len(answers) == len(findings)
        assert {a.value for a in answers} <= {REACHABLE, NOT_REACHABLE, UNKNOWN}
