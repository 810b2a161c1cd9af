"""The `aicc db` commands, run through the real Typer application."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aicc.cli.main import app
from aicc.feeds.sample import SAMPLE


@pytest.fixture
def run(tmp_path: Path, store_url: str):  # type: ignore[no-untyped-def]
    """Run `aicc ARGS` against a fresh store; returns the click Result."""
    runner = CliRunner()
    env = {"AICC_HOME": str(tmp_path / "home"), "AICC_DATABASE_URL": store_url}

    def invoke(*args: str):  # type: ignore[no-untyped-def]
        return runner.invoke(app, list(args), env=env)

    return invoke


def test_import_sample_then_status_json(run) -> None:  # type: ignore[no-untyped-def]
    result = run("db", "import", "--sample", "--format", "json")
    assert result.exit_code == 0, result.output
    imports = json.loads(result.stdout)["imports"]
    assert [(i["source"], i["added"]) for i in imports] == [("osv", 32), ("cve", 22), ("kev", 19)]

    status = json.loads(run("db", "status", "--format", "json").stdout)
    assert status["osv"]["records"] == 32
    assert status["osv"]["ecosystems"] == {"Go": 6, "PyPI": 26}
    assert status["kev"]["records"] == 19
    assert status["cve"]["records"] == 22
    assert status["epss"] == {**status["epss"], "records": 0}
    assert status["nvd"]["records"] == 0
    assert status["epss"]["warnings"] and status["epss"]["warnings"][0].startswith("empty")
    assert status["kev"]["warnings"][0].startswith("stale")  # a 2025 catalogue in 2026


def test_status_text_shows_every_source(run) -> None:  # type: ignore[no-untyped-def]
    run("db", "import", "--sample")
    result = run("db", "status")
    assert result.exit_code == 0
    for source in ("osv", "kev", "cve", "epss", "nvd"):
        assert source in result.stdout


def test_epss_status_reports_score_date(run, fixtures: Path) -> None:  # type: ignore[no-untyped-def]
    assert run("db", "import", str(fixtures / "epss.sample.csv.gz")).exit_code == 0
    status = json.loads(run("db", "status", "--format", "json").stdout)
    assert status["epss"]["records"] == 3
    assert status["epss"]["score_date"] == "2025-08-25T12:55:00Z"
    assert status["epss"]["model_version"] == "v2025.03.14"


def test_show_finds_a_vulnerability_under_any_alias(run) -> None:  # type: ignore[no-untyped-def]
    run("db", "import", "--sample")
    by_ghsa = json.loads(run("db", "show", "GHSA-69cg-p879-7622", "--format", "json").stdout)
    assert by_ghsa["aliases"] == ["CVE-2022-27664", "GO-2022-0969"]
    assert [a["id"] for a in by_ghsa["advisories"]] == ["GO-2022-0969"]
    pan_os = run("db", "show", "CVE-2024-3400")
    assert pan_os.exit_code == 0
    assert "Known exploited since 2024-04-12" in pan_os.stdout
    missing = run("db", "show", "CVE-1999-99999")
    assert missing.exit_code == 2
    assert "not in the knowledge base" in missing.stderr


def test_bad_file_fails_with_its_name_and_imports_the_good_ones(  # type: ignore[no-untyped-def]
    run, fixtures: Path
) -> None:
    result = run(
        "db",
        "import",
        str(fixtures / "unknown.json"),
        str(SAMPLE / "known_exploited_vulnerabilities.json"),
        "--format",
        "json",
    )
    assert result.exit_code == 2
    body = json.loads(result.stdout)
    assert [i["source"] for i in body["imports"]] == ["kev"]
    assert body["errors"][0]["path"].endswith("unknown.json")
    assert "not a known feed format" in body["errors"][0]["message"]
    assert "unknown.json" in result.stderr


def test_truncated_zip_error_is_plain(run, fixtures: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("db", "import", str(fixtures / "osv.truncated.zip"))
    assert result.exit_code == 2
    assert "osv.truncated.zip: not a valid zip archive" in result.stderr
    assert "Traceback" not in result.output


def test_skipped_records_are_listed(run, fixtures: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("db", "import", str(fixtures / "kev.bad-entry.json"))
    assert result.exit_code == 0
    assert "vulnerabilities[1]" in result.stdout and "dueDate" in result.stdout


def test_import_needs_a_path(run) -> None:  # type: ignore[no-untyped-def]
    result = run("db", "import")
    assert result.exit_code == 2
    assert "at least one path" in result.output


def test_unusable_database_url_is_a_clean_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        ["db", "status"],
        env={
            "AICC_HOME": str(tmp_path),
            "AICC_DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none",
        },
    )
    assert result.exit_code == 2
    assert "cannot open the store" in result.stderr


def test_version() -> None:
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.startswith("aicc ")
