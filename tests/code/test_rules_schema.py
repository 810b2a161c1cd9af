"""The JSON Schema of code rules files: the shipped file is what the model generates, every
field is documented, and an independent validator (``jsonschema``) accepts every built-in rules
file and refuses what the loader refuses for its shape."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from aicc.cli.main import app
from aicc.code.rules import CodeRulesError, parse_rules
from aicc.code.rules_schema import rules_schema, schema_text, shipped_schema_text

BUILTIN = sorted(
    (entry.name, entry.read_text(encoding="utf-8"))
    for entry in (resources.files("aicc") / "data" / "code-rules").iterdir()
    if entry.name.endswith(".yaml")
)


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads(shipped_schema_text())
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def test_the_shipped_schema_is_what_the_model_generates() -> None:
    # on failure: python -m aicc.code.rules_schema writes it again
    assert shipped_schema_text() == schema_text()


def test_every_field_is_documented() -> None:
    schema = rules_schema()
    kinds = {"RulesFile": schema, **schema["$defs"]}
    assert set(kinds) >= {"SourceFile", "SanitizerFile", "SinkFile", "ExitFile", "ConfiguredFile"}
    for name, kind in kinds.items():
        assert kind.get("description"), name
        for key, field in kind["properties"].items():
            assert len(field.get("description", "")) > 10, f"{name}.{key}"


@pytest.mark.parametrize(("name", "text"), BUILTIN, ids=[name for name, _ in BUILTIN])
def test_every_builtin_rules_file_validates(
    validator: Draft202012Validator, name: str, text: str
) -> None:
    assert list(validator.iter_errors(yaml.safe_load(text))) == []


GOOD = {
    "name": "mine",
    "sources": [{"id": "req", "attributes": ["app.request.args"]}],
    "sinks": [{"id": "echo", "cwe": 79, "message": "Echoed.", "calls": ["app.echo"], "args": [0]}],
}


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("sinks", 0, "cwe"), "79"),  # a string, not a number
        (("sinks", 0, "cwe"), 0),  # not a positive CWE id
        (("sinks", 0, "call"), ["app.echo"]),  # an unknown key
        (("sinks", 0, "id"), "  "),  # blank
        (("sources", 0, "label"), "tainted"),  # not a label
        (("sinks", 0, "args"), [-1]),
        (("sinkz",), []),
    ],
)
def test_what_the_schema_refuses_the_loader_refuses(
    validator: Draft202012Validator, tmp_path: Path, path: tuple[Any, ...], value: Any
) -> None:
    document = json.loads(json.dumps(GOOD))
    assert list(validator.iter_errors(document)) == []
    parse_rules(yaml.safe_dump(document), "good.yaml")
    *parents, last = path
    target = document
    for key in parents:
        target = target[key]
    target[last] = value
    assert list(validator.iter_errors(document)), path
    with pytest.raises(CodeRulesError):
        parse_rules(yaml.safe_dump(document), "bad.yaml")


def test_aicc_code_schema_prints_it_or_writes_it(tmp_path: Path) -> None:
    printed = CliRunner().invoke(app, ["code", "schema"])
    assert printed.exit_code == 0, printed.output
    assert json.loads(printed.stdout) == rules_schema()
    written = CliRunner().invoke(app, ["code", "schema", "-o", str(tmp_path / "s.json")])
    assert written.exit_code == 0, written.output
    assert (tmp_path / "s.json").read_text() == schema_text()
