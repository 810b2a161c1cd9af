"""Optional extras: a command that needs one that is missing says which to install."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aicc.cli import main as cli_main
from aicc.core.extras import MissingExtra, extra_for, require_extra
from aicc.store.db import create_engine_for


def test_the_ai_review_names_the_ai_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "inspect_ai", None)  # as if it were not installed
    (tmp_path / "app.py").write_text("import os\nos.system(input())\n")
    result = CliRunner().invoke(
        cli_main.app, ["code", "scan", str(tmp_path), "--model", "mockllm/model"]
    )
    assert result.exit_code == 2
    assert "needs the optional 'ai' dependencies" in result.stderr
    assert "pip install 'aicc[ai]'" in result.stderr


def test_a_postgresql_store_names_the_postgres_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)
    with pytest.raises(MissingExtra, match=r"pip install 'aicc\[postgres\]'"):
        create_engine_for("postgresql://aicc@127.0.0.1/aicc")


def test_an_unchecked_import_of_an_extra_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def app() -> None:
        raise ModuleNotFoundError("No module named 'openai'", name="openai")

    monkeypatch.setattr(cli_main, "app", app)
    with pytest.raises(SystemExit) as exit_info:
        cli_main.main()
    assert exit_info.value.code == 2
    assert capsys.readouterr().err.strip() == (
        "error: This command needs the optional 'ai' dependencies, which are not installed: "
        "pip install 'aicc[ai]'"
    )


def test_any_other_missing_module_is_not_blamed_on_an_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def app() -> None:
        raise ModuleNotFoundError("No module named 'nope'", name="nope")

    monkeypatch.setattr(cli_main, "app", app)
    with pytest.raises(ModuleNotFoundError):
        cli_main.main()


def test_extra_for_and_require_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    assert extra_for("inspect_ai.model") == "ai"
    assert extra_for("psycopg") == "postgres"
    assert extra_for("sqlalchemy") is None
    require_extra("postgres", "x")  # installed here: no error
    monkeypatch.setitem(sys.modules, "openai", None)
    with pytest.raises(MissingExtra, match=r"^The thing needs the optional 'ai'"):
        require_extra("ai", "The thing")
