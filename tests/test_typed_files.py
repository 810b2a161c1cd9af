"""The typed-file helper: a key path finds its YAML line, and pydantic's errors become one
located problem in plain words."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

import pytest
from pydantic import Field

from aicc.core.errors import LocatedError
from aicc.core.typed_files import FileModel, FileProblem, expect, locate, read_typed
from aicc.core.yamlfile import YamlDocument, parse_yaml_document

TEXT = """\
name: x
rules:
  - id: a
    when: {0: [md5], true: yes}
  - &second
    id: b
copy: *second
merged:
  <<: *second
  extra: 1
"""


@pytest.mark.parametrize(
    ("keys", "line"),
    [
        ((), None),
        (("name",), 1),
        (("rules",), 2),
        (("rules", 0), 3),
        (("rules", 0, "when", 0), 4),
        (("rules", 0, "when", True), 4),
        (("rules", 1, "id"), 6),
        (("rules", 0, "missing"), 3),  # a key not there: the line of the place above it
        (("rules", 7), 2),
        (("copy", "id"), 6),  # through an alias: where the value is written
        (("merged", "extra"), 10),
        (("nowhere",), None),
    ],
)
def test_a_key_path_finds_its_line(keys: tuple[str | int | bool, ...], line: int | None) -> None:
    assert parse_yaml_document(TEXT, "t.yaml").line(keys) == line


def test_a_document_read_without_its_nodes_has_no_lines() -> None:
    assert YamlDocument({"a": 1}).line(["a"]) is None


class Inner(FileModel):
    kind: Literal["one", "two"]
    count: Annotated[int, Field(ge=1)] = 1
    day: date | None = None


class Outer(FileModel):
    title: str
    items: Annotated[list[Inner], Field(min_length=1)]
    ratio: Annotated[float, Field(gt=0, le=1), expect("a number in (0, 1]")] = 0.5


class Failed(LocatedError):
    pass


def _problem(text: str) -> FileProblem:
    document = parse_yaml_document(text, "t.yaml")
    found: list[FileProblem] = []

    def error(problem: FileProblem) -> Failed:
        found.append(problem)
        return Failed(problem.message, path="t.yaml", location=problem.location())

    with pytest.raises(Failed):
        read_typed(Outer, document, error)
    return found[0]


@pytest.mark.parametrize(
    ("text", "key", "line", "message"),
    [
        (
            "title: 1.0\nitems: [{kind: one}]\n",
            "title",
            1,
            "expected text (quote it in YAML), got float 1.0",
        ),
        ("title: t\nitems: []\n", "items", 2, "expected a non-empty list, got list []"),
        (
            "title: t\nitems: [{kind: three}]\n",
            "items[0].kind",
            2,
            "expected one of 'one' or 'two', got str 'three'",
        ),
        (
            "title: t\nitems:\n  - kind: one\n    count: 0\n",
            "items[0].count",
            4,
            "expected a number >= 1, got int 0",
        ),
        (
            "title: t\nitems:\n  - kind: one\n    count: yes\n",
            "items[0].count",
            4,
            "expected a whole number, got bool True",
        ),
        (
            "title: t\nitems:\n  - kind: one\n    day: soon\n",
            "items[0].day",
            4,
            "expected a date YYYY-MM-DD, got str 'soon'",
        ),
        ("title: t\nitems:\n  - {}\n", "items[0].kind", 3, "missing required key"),
        (
            "title: t\nitems: [{kind: one, size: 2}]\n",
            "items[0].size",
            2,
            "unknown key; expected one of count, day, kind",
        ),
        (
            "title: t\nitems: [{kind: one}]\nratio: 2\n",
            "ratio",
            3,
            "expected a number in (0, 1], got int 2",
        ),
        ("items: [{kind: one}]\n", "title", None, "missing required key"),
        ("- 1\n", "", None, "expected a mapping, got list [1]"),
    ],
)
def test_a_validation_error_is_one_located_problem_in_plain_words(
    text: str, key: str, line: int | None, message: str
) -> None:
    problem = _problem(text)
    assert (problem.key, problem.line, problem.message) == (key, line, message)


def test_the_other_problems_are_counted() -> None:
    problem = _problem("title: 3\nitems: [{kind: one, count: 0}]\nratio: 9\n")
    assert problem.key == "title"
    assert problem.message.endswith("(and 2 more problems)")


def test_a_location_reads_key_then_line() -> None:
    document = parse_yaml_document("a:\n  b: [1, 2]\n", "t.yaml")
    assert locate(document, ("a", "b", 1), "bad").location() == "a.b[1] (line 2)"
    assert locate(document, (), "bad").location("(top level)") == "(top level)"
