"""`aicc db status` lists the vendors' CSAF advisories imported, per provider (publisher
namespace): its publisher, how many documents and the newest release; with none, the source is
listed empty and without a warning (CSAF providers are optional). Real CSAF 2.0 files of the
fixtures, imported with `aicc db import`, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from aicc.cli.main import app

CSAF = Path(__file__).resolve().parents[1] / "fixtures" / "csaf"
FILES = ("cisa-icsa-24-044-01.json", "cisco-sa-iosxe-webui.json", "siemens-ssa-398330.json")


@pytest.fixture
def run(tmp_path: Path, store_url: str) -> Any:
    env = {"AICC_HOME": str(tmp_path / "home"), "AICC_DATABASE_URL": store_url}

    def invoke(*args: str) -> Result:
        return CliRunner().invoke(app, list(args), env=env)

    return invoke


def _documents(name: str) -> tuple[str, str, str]:
    document = json.loads((CSAF / name).read_text())["document"]
    return (
        document["publisher"]["namespace"],
        document["publisher"]["name"],
        document["tracking"]["current_release_date"][:10],
    )


def test_status_lists_each_csaf_provider(run: Any, tmp_path: Path) -> None:
    folder = tmp_path / "csaf"
    folder.mkdir()
    for name in FILES:
        shutil.copy(CSAF / name, folder / name)
    imported = run("db", "import", str(folder))
    assert imported.exit_code == 0, imported.stderr
    status = json.loads(run("db", "status", "--format", "json").stdout)["csaf"]
    expected = sorted(_documents(name) for name in FILES)
    assert [(p["namespace"], p["publisher"], p["newest"][:10]) for p in status["providers"]] == (
        expected
    )
    assert [p["documents"] for p in status["providers"]] == [1, 1, 1]
    assert status["records"] == 3 and status["warnings"] == []
    assert status["newest"][:10] == max(day for _, _, day in expected)
    assert status["location"] == str(folder) and status["last_import"] is not None
    text = run("db", "status").stdout
    assert "CSAF providers" in text and "3 providers" in text
    for _, publisher, _ in expected:
        assert publisher in text


def test_status_without_csaf_says_nothing_is_imported_without_a_warning(run: Any) -> None:
    assert run("db", "import", "--sample").exit_code == 0
    status = json.loads(run("db", "status", "--format", "json").stdout)["csaf"]
    assert status == {
        "records": 0,
        "newest": None,
        "last_import": None,
        "last_sync": None,
        "location": None,
        "providers": [],
        "warnings": [],
    }
    text = run("db", "status").stdout
    assert "csaf" in text and "CSAF providers" not in text
