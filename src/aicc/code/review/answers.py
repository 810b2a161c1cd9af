"""What the model must answer, validated: the review of a finding, the candidates of a hunt.

An answer is one JSON object, bare or in a ```json fence. Anything else (no JSON, a missing
field, a value outside its enum) is an `AnswerError` whose message is told to the model on the
one retry, and recorded with the ``error`` verdict when the retry fails too.
"""

from __future__ import annotations

import json
import re
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

_FENCE = re.compile(r"```(?:json|JSON)?[ \t]*\n(.*?)```", re.DOTALL)
_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+\d+(?:,\d+)? @@")

M = TypeVar("M", bound=BaseModel)


class AnswerError(ValueError):
    """The model's answer cannot be used; the message says why, for the model and the record."""


class ReviewAnswer(BaseModel):
    """The model's review of one static finding."""

    model_config = ConfigDict(extra="ignore")

    verdict: Literal["true_positive", "false_positive"]
    reason: str = Field(min_length=1)
    severity: Literal["critical", "high", "medium", "low"]
    fix: str | None = None

    @field_validator("verdict", "severity", mode="before")
    @classmethod
    def _lower(cls, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) else value


class HuntCandidate(BaseModel):
    """One possible flaw the model points to in a function."""

    model_config = ConfigDict(extra="ignore")

    line: int = Field(ge=1)
    cwe: int | None = Field(default=None, ge=1)
    reason: str = Field(min_length=1)


class HuntAnswer(BaseModel):
    """The model's answer to a function hunt."""

    model_config = ConfigDict(extra="ignore")

    candidates: list[HuntCandidate]


def answer_json(text: str) -> Any:
    """The JSON value of ``text``: the whole answer, else a ```json fence in it, else the span
    from its first ``{`` to its last ``}`` (models often wrap the object in prose)."""
    candidates = [text, *_FENCE.findall(text)]
    if "{" in text:
        candidates.append(text[text.index("{") : text.rindex("}") + 1] if "}" in text else "")
    first: ValueError | None = None
    for candidate in candidates:
        try:
            return json.loads(candidate.strip())
        except ValueError as exc:
            first = first or exc
    shown = text.strip()[:80] or "an empty answer"
    raise AnswerError(f"the answer is not a JSON object ({first}); it begins {shown!r}")


def _validate(kind: type[M], text: str) -> M:
    data = answer_json(text)
    if not isinstance(data, dict):
        raise AnswerError(f"the answer is JSON but not an object: {type(data).__name__}")
    try:
        return kind.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in error['loc']) or 'answer'}: {error['msg']}"
            for error in exc.errors()
        )
        raise AnswerError(f"the answer does not follow the format: {problems}") from exc


def parse_review(text: str) -> ReviewAnswer:
    """The review in the model's answer, or `AnswerError`."""
    return _validate(ReviewAnswer, text)


def parse_hunt(text: str) -> HuntAnswer:
    """The candidates in the model's answer, or `AnswerError`."""
    return _validate(HuntAnswer, text)


def is_unified_diff(text: str) -> bool:
    """Whether ``text`` looks like a unified diff: ``---`` then ``+++`` file headers, then at
    least one ``@@ -a,b +c,d @@`` hunk header."""
    lines = text.splitlines()
    for index, line in enumerate(lines[:-2]):
        if line.startswith("--- ") and lines[index + 1].startswith("+++ "):
            return any(_HUNK.match(rest) for rest in lines[index + 2 :])
    return False
