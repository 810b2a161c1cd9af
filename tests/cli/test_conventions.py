"""What every command shares: format names, -o FILE, exit codes, -q/-v, start-up, completion."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aicc.cli.main import COMMANDS, app
from tests.cli.conftest import Invoke

DEMO = Path(__file__).resolve().parents[2] / "src" / "aicc" / "data" / "demo" / "rural-hospital"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _words(text: str) -> str:
    """Text as words, without Rich's box drawing and line breaks."""
    return " ".join(text.replace("│", " ").split())


# every format of every report-writing command, written to a file with -o
REPORTS = [
    *[
        (["scan", str(DEMO)], fmt)
        for fmt in ("table", "json", "sarif", "cyclonedx", "csv", "markdown")
    ],
    *[
        (["plan", str(DEMO), "--as-of", "2026-12-01"], fmt)
        for fmt in ("table", "json", "markdown", "html")
    ],
    *[(["vex", str(DEMO), "--all"], fmt) for fmt in ("openvex", "cyclonedx")],
    *[(["db", "status"], fmt) for fmt in ("table", "json")],
]


@pytest.mark.parametrize(
    ("args", "fmt"),
    REPORTS,
    ids=lambda v: v if isinstance(v, str) else " ".join(a for a in v if "/" not in a),
)
def test_every_format_can_be_written_to_a_file(
    aicc: Invoke, tmp_path: Path, args: list[str], fmt: str
) -> None:
    target = tmp_path / f"report.{fmt}"
    result = aicc(*args, "--format", fmt, "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""  # all of it went to the file
    written = target.read_text()
    on_stdout = aicc(*args, "--format", fmt).stdout
    if fmt in {"json", "sarif", "cyclonedx", "openvex"}:
        data, printed = json.loads(written), json.loads(on_stdout)
        for volatile in ("timestamp", "serialNumber", "metadata", "@id", "last_updated"):
            data.pop(volatile, None)
            printed.pop(volatile, None)
        assert data.keys() == printed.keys()
    elif fmt != "html":  # html carries the time it was made
        assert " ".join(written.split()) == " ".join(on_stdout.split())
    assert not list(tmp_path.glob("*.part"))  # the temporary file was renamed, not left


def test_explain_writes_to_a_file(aicc: Invoke, tmp_path: Path) -> None:
    assert aicc("plan", str(DEMO), "-f", "json").exit_code == 0
    target = tmp_path / "why.json"
    result = aicc("explain", "CVE-2024-3400", "-f", "json", "-o", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    [explained] = json.loads(target.read_text())
    assert explained["id"] == "CVE-2024-3400"


def test_code_scan_writes_to_a_file_and_lists_unreadable_files_in_it(tmp_path: Path) -> None:
    source = tmp_path / "app"
    source.mkdir()
    (source / "views.py").write_text("import os\nos.system(input())\n")
    (source / "broken.py").write_text("def (:\n")
    target = tmp_path / "code.txt"
    result = CliRunner().invoke(app, ["code", "scan", str(source), "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    report = " ".join(target.read_text().split())
    assert "CWE-78" in report and "1 finding in 2 files" in report
    assert "skipped" in report and "broken.py" in report  # nothing silent, in the file too


def test_the_same_format_names_everywhere(aicc: Invoke) -> None:
    """`table` is the people's format of every command; the old name `text` still works."""
    for args in (["db", "status"], ["db", "show", "CVE-2024-3400"]):
        assert aicc(*args, "-f", "table").exit_code == 0
        assert aicc(*args, "-f", "text").stdout == aicc(*args, "-f", "table").stdout


def test_a_format_a_command_does_not_write_is_a_usage_error(aicc: Invoke) -> None:
    result = aicc("plan", str(DEMO), "--format", "sarif")
    assert result.exit_code == 2
    assert "'sarif' is not one of table, json, markdown, html" in _words(result.stderr)


def test_an_unwritable_output_is_an_error_naming_the_file(aicc: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "folder" / "report.json"
    result = aicc("scan", str(DEMO), "-f", "json", "-o", str(target))
    assert result.exit_code == 2
    assert str(target) in result.stderr.replace("\n", "")
    assert "cannot write the report" in _words(result.stderr)


def test_errors_exit_2_in_every_command(aicc: Invoke, tmp_path: Path) -> None:
    missing = tmp_path / "absent.json"
    assert aicc("db", "import", str(missing)).exit_code == 2
    assert aicc("db", "show", "CVE-1999-99999").exit_code == 2
    assert aicc("scan", str(tmp_path)).exit_code == 2  # nothing to scan
    assert aicc("explain", "CVE-1999-99999", "--report", str(missing)).exit_code == 2
    assert aicc("plan", str(DEMO), "--sector", "no-such-sector").exit_code == 2


def test_verbose_lists_every_skipped_entry(aicc: Invoke, tmp_path: Path) -> None:
    lines = [f"-e ./vendor/pkg{i}" for i in range(12)]
    (tmp_path / "requirements.txt").write_text("flask==2.2.2\n" + "\n".join(lines) + "\n")
    short = aicc("scan", str(tmp_path)).stdout
    assert "12 entries skipped (the first ten; -v or --format json lists all)" in short
    assert "pkg11" not in short
    full = aicc("-v", "scan", str(tmp_path)).stdout
    assert "12 entries skipped:" in full and "pkg11" in full


def test_quiet_and_verbose_together_is_a_usage_error(aicc: Invoke) -> None:
    result = aicc("-q", "-v", "db", "status")
    assert result.exit_code == 2 and "not both" in result.stderr


def test_a_redirected_table_is_never_cut(aicc: Invoke) -> None:
    """Not a terminal: rich would cut lines at 80 columns; the values must stay whole."""
    table = aicc("scan", str(DEMO / "appliances.csv"), "--sector", "hospital").stdout
    assert "…" not in table
    assert (
        "    PAN-OS: Arbitrary File Creation Leads to OS Command Injection Vulnerability in "
        "GlobalProtect\n"
    ) in table  # 95 columns with its indent


def test_version_loads_no_command_module() -> None:
    """`aicc --version` (and the start of every command) imports only the root group."""
    code = (
        "import sys\nfrom aicc.cli.main import main\nsys.argv = ['aicc', '--version']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'sqlalchemy', 'inspect_ai', 'openai', 'alembic', 'httpx', 'cryptography'} "
        "or m.startswith(('aicc.cli.', 'aicc.store', 'aicc.code', 'aicc.frontier')))\n"
        "print(heavy)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out[0].startswith("aicc ")
    assert out[1] == "['aicc.cli.main']"


def test_every_command_is_listed_and_loads() -> None:
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        assert f" {name} " in result.stdout
        assert CliRunner().invoke(app, [name, "--help"]).exit_code == 0


def test_shell_completion_script() -> None:
    result = CliRunner().invoke(app, ["--show-completion", "bash"], prog_name="aicc")
    assert result.exit_code == 0
    assert "_AICC_COMPLETE" in result.stdout


def _with_a_skipped_line(folder: Path) -> Path:
    (folder / "requirements.txt").write_text("flask==2.2.2\n./vendor/lis-adapter\n")
    return folder


def test_problems_have_one_shape_in_every_json(aicc: Invoke, tmp_path: Path) -> None:
    folder = _with_a_skipped_line(tmp_path)
    scanned = json.loads(aicc("scan", str(folder), "-f", "json").stdout)
    planned = json.loads(aicc("plan", str(folder), "-f", "json").stdout)
    for report in (scanned, planned):
        [problem] = report["skipped"]
        assert problem == {
            "stage": "inventory",
            "source": str(folder / "requirements.txt"),
            "location": "line 2",
            "reason": problem["reason"],
        }
        assert "editable" in problem["reason"] or "not a registry" in problem["reason"]
    imported = json.loads(
        aicc("db", "import", str(FIXTURES / "osv.bad-event.json"), "-f", "json").stdout
    )
    [bad] = imported["imports"][0]["skipped_records"]
    assert set(bad) == {"stage", "source", "location", "reason"} and bad["stage"] == "feeds"


@pytest.mark.parametrize("command", ["scan", "plan"])
def test_strict_fails_a_scan_that_skipped_something(
    aicc: Invoke, tmp_path: Path, command: str
) -> None:
    folder = _with_a_skipped_line(tmp_path)
    assert aicc(command, str(folder), "-f", "json").exit_code == 0
    strict = aicc(command, str(folder), "-f", "json", "--strict")
    assert strict.exit_code == 2
    assert json.loads(strict.stdout)["skipped"]  # the report is still written, whole
    assert "--strict: 1 entry could not be read or matched" in _words(strict.stderr)
    clean = tmp_path / "clean"
    clean.mkdir()
    (clean / "requirements.txt").write_text("flask==2.2.2\n")
    assert aicc(command, str(clean), "--strict", "-f", "json").exit_code == 0


def test_strict_fails_an_import_with_a_skipped_record(aicc: Invoke) -> None:
    bad = str(FIXTURES / "osv.bad-event.json")
    assert aicc("db", "import", bad).exit_code == 0
    assert aicc("db", "import", bad, "--strict").exit_code == 2


def test_strict_fails_a_code_scan_with_an_unreadable_file(tmp_path: Path) -> None:
    (tmp_path / "broken.py").write_text("def (:\n")
    runner = CliRunner()
    assert runner.invoke(app, ["code", "scan", str(tmp_path)]).exit_code == 0
    assert runner.invoke(app, ["code", "scan", str(tmp_path), "--strict"]).exit_code == 2
