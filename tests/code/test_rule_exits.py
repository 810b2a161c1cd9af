"""Exits (calls that never return) are rules like the others: declared in the rules files,
checked when read, and a file of one's own adds them."""

from __future__ import annotations

from pathlib import Path

import pytest

from aicc.code import analyse_source, builtin_rules, parse_rules
from aicc.code.rules import CodeRulesError, load_rules

VIEW = """\
import subprocess

from flask import Flask, request

app = Flask(__name__)
ALLOWED = {"status", "uptime"}


def deny():
    raise PermissionError("not allowed")


@app.route("/run")
def run():
    name = request.args["cmd"]
    if name not in ALLOWED:
        {exit}
    return subprocess.check_output(name, shell=True)
"""

DENY = """\
exits:
  - id: app-deny
    calls: [deny]
"""


def test_the_built_in_exits_are_the_frameworks_and_the_process_ones() -> None:
    rules = builtin_rules()
    assert rules.exit_calls() == {
        "flask.abort",
        "werkzeug.exceptions.abort",
        "abort",
        "sys.exit",
        "exit",
        "quit",
        "os._exit",
        "fastapi.HTTPException",
        "django.http.Http404",
    }
    assert {"flask-abort", "python-exit"} <= set(rules.ids())


@pytest.mark.parametrize(
    ("exit_call", "rules_text", "findings"),
    [
        ("abort(403)", None, 0),  # flask.abort, from flask.yaml
        ("deny()", None, 1),  # a function of the application: the check does not guard
        ("deny()", DENY, 0),  # the same, declared an exit in a rules file
    ],
)
def test_a_branch_that_ends_in_an_exit_guards_what_follows(
    exit_call: str, rules_text: str | None, findings: int
) -> None:
    source = VIEW.replace("{exit}", exit_call)
    if exit_call.startswith("abort"):
        source = source.replace("from flask import Flask", "from flask import Flask, abort")
    rules = builtin_rules()
    if rules_text is not None:
        rules += parse_rules(rules_text, "mine.yaml")
    scan = analyse_source(source, "views.py", rules)
    assert [f.cwe for f in scan.findings] == [78] * findings


def test_without_the_built_in_rules_no_call_is_an_exit(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text(DENY, encoding="utf-8")
    assert load_rules([tmp_path], builtin=False).exit_calls() == {"deny"}
    assert load_rules([], builtin=False).exit_calls() == frozenset()


@pytest.mark.parametrize(
    ("text", "location", "words"),
    [
        ("exits:\n  - id: app-deny\n", "exits[0].calls (line 2)", "missing required key"),
        ("exits:\n  - id: app-deny\n    calls: []\n", "exits[0].calls", "at least one call"),
        ("exits:\n  - id: app-deny\n    calls: deny\n", "exits[0].calls", "dotted names"),
        (
            "exits:\n  - id: x\n    calls: [a]\n  - id: x\n    calls: [b]\n",
            "exits[1].id",
            "declared twice",
        ),
    ],
)
def test_a_bad_exit_names_its_place(text: str, location: str, words: str) -> None:
    with pytest.raises(CodeRulesError) as caught:
        parse_rules(text, "mine.yaml")
    message = str(caught.value)
    assert "mine.yaml" in message and location in message and words in message, message


def test_an_exit_id_is_unique_across_files() -> None:
    with pytest.raises(CodeRulesError, match="'flask-abort' is already declared"):
        _ = builtin_rules() + parse_rules(
            "exits:\n  - id: flask-abort\n    calls: [deny]\n", "mine.yaml"
        )
