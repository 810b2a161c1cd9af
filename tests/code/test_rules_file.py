"""A bad rules file is one error naming the file, the key path, its line and the problem."""

from __future__ import annotations

from pathlib import Path
from typing import get_args

import pytest

from aicc.code.rules import LABELS, CodeRulesError, load_rules_file, parse_rules
from aicc.code.rules_file import Label

GOOD = """\
name: mine
sources:
  - id: req
    attributes: [app.request.args]
sanitizers:
  - id: esc
    calls: [html.escape]
    cwes: [79]
sinks:
  - id: echo
    cwe: 79
    message: Echoed.
    calls: [app.echo]
    args: [0]
"""


def test_the_good_file_loads() -> None:
    rules = parse_rules(GOOD, "mine.yaml")
    assert [s.id for s in rules.sinks] == ["echo"]
    assert rules.sanitizers[0].cwes == frozenset({79})


def test_the_labels_are_the_taint_labels() -> None:
    assert get_args(get_args(Label)[0]) == LABELS


BAD = [
    # (change to GOOD, location, words of the message)
    (("cwe: 79", "cwe: -79"), "sinks[0].cwe (line 11)", "positive integer CWE id, got int -79"),
    (("cwe: 79", "cwe: '79'"), "sinks[0].cwe (line 11)", "got str '79'"),
    (("cwes: [79]", "cwes: 79"), "sanitizers[0].cwes (line 8)", "list of non-negative integers"),
    (("    calls: [app.echo]", "    call: [app.echo]"), "sinks[0].call (line 13)", "unknown key"),
    (("    message: Echoed.\n", ""), "sinks[0].message (line 10)", "missing required key"),
    (("args: [0]", "args: [-1]"), "sinks[0].args (line 14)", "got list [-1]"),
    (
        ("sinks:", "sinkz:"),
        "sinkz (line 9)",
        "expected one of exits, name, sanitizers, sinks, sources",
    ),
    (("args: [0]", "args: []"), "sinks[0] (line 10)", "a call sink needs args or keywords"),
]


@pytest.mark.parametrize(("change", "location", "words"), BAD)
def test_a_bad_file_names_file_key_line_and_problem(
    tmp_path: Path, change: tuple[str, str], location: str, words: str
) -> None:
    assert change[0] in GOOD
    path = tmp_path / "mine.yaml"
    path.write_text(GOOD.replace(*change), encoding="utf-8")
    with pytest.raises(CodeRulesError) as caught:
        load_rules_file(path)
    assert caught.value.path == str(path) and caught.value.location == location
    assert words in caught.value.message
    assert str(caught.value) == f"{path}: {location}: {caught.value.message}"


def test_an_empty_file_holds_no_rules() -> None:
    assert parse_rules("", "empty.yaml") == parse_rules("# nothing\n", "empty.yaml")
    assert not parse_rules("", "empty.yaml").sinks
