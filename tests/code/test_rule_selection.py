"""Rules as users expect them: unique ids across files, ``--select``/``--skip`` by id or CWE,
and ``# aicc: ignore[...]`` comments that mark findings suppressed instead of dropping them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aicc.cli.main import app
from aicc.code.project import analyse_source, scan_paths
from aicc.code.rules import CodeRulesError, builtin_rules, load_rules, parse_rules
from aicc.code.sarif import code_sarif

runner = CliRunner()

SINK = """\
sinks:
  - id: {id}
    cwe: 78
    message: custom
    calls: [custom.run]
    args: [0]
"""

REDIRECT = """\
from flask import Flask, redirect, request

app = Flask(__name__)


@app.route("/login")
def login():
    target = request.args.get("next", "/")
    {before}
    return redirect(target){after}
"""


def _module(before: str = "", after: str = "") -> str:
    return REDIRECT.format(before=before or "pass", after=after)


# --- unique ids -----------------------------------------------------------------------------


def test_a_rule_id_a_user_file_repeats_names_both_files_and_the_id(tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text(SINK.format(id="flask-redirect"))
    with pytest.raises(CodeRulesError) as raised:
        load_rules([mine])
    text = str(raised.value)
    assert str(mine) in text and "code-rules/flask.yaml" in text and "'flask-redirect'" in text


def test_two_user_files_with_one_id_clash(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(SINK.format(id="my-sink"))
    (tmp_path / "b.yaml").write_text(SINK.format(id="my-sink"))
    with pytest.raises(CodeRulesError) as raised:
        load_rules([tmp_path], builtin=False)
    assert raised.value.path == str(tmp_path / "b.yaml")
    assert str(tmp_path / "a.yaml") in raised.value.message


def test_an_id_twice_in_one_file_is_located() -> None:
    text = SINK.format(id="x") + "sources:\n  - id: x\n    calls: [input]\n"
    with pytest.raises(CodeRulesError) as raised:
        parse_rules(text, "one.yaml")
    assert raised.value.location == "sinks[0].id"
    assert "'x'" in raised.value.message


def test_distinct_user_ids_load_beside_the_builtins(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text(SINK.format(id="my-sink"))
    rules = load_rules([tmp_path])
    assert "my-sink" in {s.id for s in rules.sinks}
    assert len(rules.ids()) == len(set(rules.ids()))


# --- select and skip ------------------------------------------------------------------------


def test_select_and_skip_by_id_and_cwe() -> None:
    rules = builtin_rules()
    only = rules.chosen(["flask-redirect"])
    assert [s.id for s in only.sinks] == ["flask-redirect"]
    assert only.sources == rules.sources and only.sanitizers == rules.sanitizers
    sqli = rules.chosen(["cwe-89"])
    assert sqli.sinks and all(s.cwe == 89 for s in sqli.sinks)
    without = rules.chosen(skip=["CWE-89", "flask-redirect"])
    assert all(s.cwe != 89 and s.id != "flask-redirect" for s in without.sinks)
    assert len(without.sinks) == len(rules.sinks) - len(sqli.sinks) - 1


@pytest.mark.parametrize("entry", ["no-such-rule", "CWE-99999", "flask-request"])
def test_an_unknown_selection_is_an_error(entry: str) -> None:
    with pytest.raises(CodeRulesError, match=entry):
        builtin_rules().chosen([entry])


def test_the_cli_applies_select_and_skip(tmp_path: Path) -> None:
    target = tmp_path / "app.py"
    target.write_text(_module())
    base = ["code", "scan", str(target), "--format", "json"]
    found = json.loads(runner.invoke(app, [*base, "--select", "CWE-601"]).stdout)["findings"]
    assert [f["rule"] for f in found] == ["flask-redirect"]
    none = json.loads(runner.invoke(app, [*base, "--skip", "flask-redirect"]).stdout)
    assert none["findings"] == []
    bad = runner.invoke(app, [*base, "--select", "nope"])
    assert bad.exit_code == 2
    assert "nope" in bad.output


# --- inline suppression ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("", "  # aicc: ignore[flask-redirect] only our own paths reach here"),
        ("# aicc: ignore[CWE-601] only our own paths reach here", ""),
        ("# aicc: ignore[CWE-89, flask-redirect] only our own paths reach here", ""),
    ],
)
def test_a_comment_suppresses_with_its_reason(before: str, after: str) -> None:
    scan = analyse_source(_module(before, after), "app.py", builtin_rules())
    (finding,) = scan.findings
    assert finding.suppressed is not None
    assert finding.suppressed.reason == "only our own paths reach here"
    assert finding.suppressed.line in (9, 10)
    assert scan.active == ()
    if "CWE-89" in before:  # the entry that matched nothing is a warning
        assert [w.reason for w in scan.warnings] == [
            "aicc: ignore[CWE-89] matches no finding on this line or the next"
        ]
    else:
        assert scan.warnings == ()


def test_a_comment_without_reason_suppresses_nothing_and_warns() -> None:
    scan = analyse_source(
        _module(after="  # aicc: ignore[flask-redirect]"), "app.py", builtin_rules()
    )
    (finding,) = scan.findings
    assert finding.suppressed is None
    (warning,) = scan.warnings
    assert warning.location == "line 10" and "no reason" in warning.reason


def test_a_comment_naming_no_finding_warns() -> None:
    text = "x = 1  # aicc: ignore[flask-redirect] not here\n"
    scan = analyse_source(text, "quiet.py", builtin_rules())
    assert scan.findings == ()
    assert [w.reason for w in scan.warnings] == [
        "aicc: ignore[flask-redirect] matches no finding on this line or the next"
    ]


def test_a_comment_in_a_string_is_not_a_suppression() -> None:
    text = _module(after='; "# aicc: ignore[flask-redirect] nope"')
    scan = analyse_source(text, "app.py", builtin_rules())
    assert scan.findings and scan.findings[0].suppressed is None


def test_sarif_carries_the_suppression(tmp_path: Path) -> None:
    target = tmp_path / "app.py"
    target.write_text(_module("# aicc: ignore[flask-redirect] only our own paths"))
    scan = scan_paths([target], builtin_rules())
    (result,) = code_sarif(scan)["runs"][0]["results"]
    assert result["suppressions"] == [
        {
            "kind": "inSource",
            "status": "accepted",
            "justification": "only our own paths",
            "location": {
                "physicalLocation": {
                    "artifactLocation": {"uri": str(target)},
                    "region": {"startLine": 9},
                }
            },
        }
    ]


def test_the_cli_keeps_suppressed_findings_but_does_not_fail_on_them(tmp_path: Path) -> None:
    target = tmp_path / "app.py"
    target.write_text(_module(after="  # aicc: ignore[flask-redirect] reviewed"))
    base = ["code", "scan", str(target), "--fail-on-findings"]
    table = runner.invoke(app, base)
    assert table.exit_code == 0, table.output
    assert "suppressed: reviewed" in table.stdout and "(1 suppressed)" in table.stdout
    report = json.loads(runner.invoke(app, [*base, "--format", "json"]).stdout)
    assert report["findings"][0]["suppressed"] == {"reason": "reviewed", "line": 10}
    target.write_text(_module(after="  # aicc: ignore[flask-redirect]"))
    unjustified = runner.invoke(app, base)
    assert unjustified.exit_code == 1
    assert "warning" in unjustified.stdout and "no reason" in unjustified.stdout
