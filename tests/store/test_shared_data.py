"""Importing the real snapshots in ../shared/data gives one stored record per published record."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from sqlalchemy import Engine

from aicc.store.importer import import_path
from aicc.store.knowledge import knowledge_status, related_ids


def _json_members(path: Path) -> int:
    with zipfile.ZipFile(path) as archive:
        return sum(1 for name in archive.namelist() if name.endswith(".json"))


def test_everything_imports_with_matching_counts(engine: Engine, shared_data: Path) -> None:
    pypi, go = shared_data / "osv" / "PyPI-all.zip", shared_data / "osv" / "Go-all.zip"
    kev = shared_data / "kev" / "known_exploited_vulnerabilities.json"
    cves = shared_data / "cve" / "vulnrichment.zip"
    summaries = [import_path(engine, p) for p in (pypi, go, kev, cves)]
    assert all(not s.skipped for s in summaries), [s.skipped[:3] for s in summaries]

    with engine.connect() as conn:
        status = knowledge_status(conn)
        assert status["osv"]["ecosystems"] == {"Go": _json_members(go), "PyPI": _json_members(pypi)}
        assert status["osv"]["records"] == _json_members(go) + _json_members(pypi)
        assert status["kev"]["records"] == len(json.loads(kev.read_text())["vulnerabilities"])
        assert status["cve"]["records"] == _json_members(cves) == 44130
        assert "CVE-2022-27664" in related_ids(conn, "GO-2022-0969")

    again = [import_path(engine, p) for p in (pypi, go, kev, cves)]
    assert not any(s.counts.changed for s in again)
