"""Typed readers for the files users give: one pydantic model per file kind declares its shape,
and a problem with a file becomes that kind's own error, naming the file, the key path (with
its YAML line where the document has one) and the problem in plain words.

    profile.yaml: clocks.ssvc:DT_DP:1.0.0.days.Immediate (line 9): expected a whole number of
    days or null, got str 'soon'

pydantic is imported by this module: the readers import it when they read a file, not when
AICC starts (``aicc --version`` stays fast).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Tag,
    ValidationError,
    WrapValidator,
    model_validator,
)
from pydantic_core import ErrorDetails, PydanticCustomError

from aicc.core.yamlfile import YamlDocument

M = TypeVar("M", bound=BaseModel)
Keys = tuple[str | int, ...]

# The error types this module's helpers raise, with their message in plain words.
_OWN = ("file_problem", "unknown_key")


class FileModel(BaseModel):
    """The shape of one mapping in a user's file: strict types (YAML's ``yes`` is no string and
    ``"5"`` no number), no unknown keys, read-only once read."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    @model_validator(mode="before")
    @classmethod
    def _known_keys(cls, data: Any) -> Any:
        # extra="forbid" says only "Extra inputs are not permitted"; this names the keys allowed.
        if isinstance(data, Mapping):
            allowed = {field.alias or name for name, field in cls.model_fields.items()}
            for key in data:
                if key not in allowed:
                    raise PydanticCustomError(
                        "unknown_key",
                        "{problem}",
                        {
                            "problem": "unknown key; expected one of " + ", ".join(sorted(allowed)),
                            "key": key,
                        },
                    )
        return data


def problem_at(key: str | int | None, message: str) -> PydanticCustomError:
    """The error a model's own check raises: at one of its keys, or (None) at the model."""
    return PydanticCustomError("file_problem", "{problem}", {"problem": message, "key": key})


def expect(what: str) -> WrapValidator:
    """An annotation: any problem with the value is one error, ``expected WHAT, got ...``.

    For values whose parts mean nothing alone (``args: [0, 1]``, ``days: 3``), where the
    generic words (``expected a whole number`` at ``args[1]``) say less than the field's own."""

    def check(value: Any, handler: Callable[[Any], Any]) -> Any:
        try:
            return handler(value)
        except ValidationError:
            raise PydanticCustomError("expected", "expected {what}", {"what": what}) from None

    return WrapValidator(check)


# The tags of `by_shape`'s members. pydantic puts a member's tag in an error's place, and a
# step that is no key of the document is left out of the key path: so no key a file may have.
AS_TEXT = Tag("<text>")
AS_MAPPING = Tag("<mapping>")


def by_shape(what: str) -> Discriminator:
    """An annotation for a value written either as text or as a mapping: the union member
    tagged `AS_TEXT` or `AS_MAPPING` reads it, so a problem is that member's alone; anything
    else is ``expected WHAT, got ...``."""
    return Discriminator(
        _shape,
        custom_error_type="expected",
        custom_error_message="expected {what}",
        custom_error_context={"what": what},
    )


def _shape(value: Any) -> str:
    if isinstance(value, str):
        return "<text>"
    return "<mapping>" if isinstance(value, Mapping) else "<other>"


def show(value: Any) -> str:
    """A value as an error shows it: its type and the start of its text."""
    if value is None:
        return "nothing"
    return f"{type(value).__name__} {repr(value)[:60]}"


@dataclass(frozen=True, slots=True)
class FileProblem:
    """One problem: where it is (``keys`` from the top of the document, and the line) and what.

    ``key`` reads ``rules[1].thresholds.agentic``; empty for the document itself."""

    keys: Keys
    key: str
    line: int | None
    message: str

    def location(self, top: str | None = None) -> str | None:
        """``KEY (line N)``; ``top`` (or None) for the document itself."""
        if not self.key:
            return top
        return f"{self.key} (line {self.line})" if self.line is not None else self.key


def locate(document: YamlDocument, keys: Sequence[str | int], message: str) -> FileProblem:
    """The problem ``message`` at the key path ``keys`` of ``document``, with its line."""
    return FileProblem(tuple(keys), _render(document.data, keys), document.line(keys), message)


def read_typed(
    model: type[M], document: YamlDocument, error: Callable[[FileProblem], Exception]
) -> M:
    """``document`` read as ``model``; ``error(problem)`` raised for the first problem."""
    try:
        return model.model_validate(document.data)
    except ValidationError as exc:
        raise error(first_problem(exc, document)) from None
    except RecursionError:
        raise error(locate(document, (), "nested too deeply to read")) from None


def first_problem(error: ValidationError, document: YamlDocument) -> FileProblem:
    """The first problem pydantic found, located in ``document`` and put in plain words; the
    count of the others is added, so one fix at a time does not surprise."""
    details = error.errors(include_url=False)
    found = details[0]
    problem = locate(document, _keys(found, document.data), _words(found))
    if len(details) > 1:
        more = len(details) - 1
        problem = FileProblem(
            problem.keys,
            problem.key,
            problem.line,
            f"{problem.message} (and {more} more problem{'s' if more > 1 else ''})",
        )
    return problem


def _keys(error: ErrorDetails, data: Any) -> Keys:
    """The key path of ``error`` in ``data``: pydantic's ``loc`` without the steps that are no
    key of the document (a union member's tag, ``[key]`` for a problem with a key itself), and
    with the key a helper of this module named (an unknown key, a check's key)."""
    keys: list[str | int] = []
    node = data
    loc = error["loc"]
    for index, step in enumerate(loc):
        last = index == len(loc) - 1
        inside = (isinstance(node, Mapping) and _has(node, step)) or (
            isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node)
        )
        if inside:
            keys.append(step)
            node = node[step]
        elif last and error["type"] == "missing" and isinstance(node, Mapping):
            keys.append(step)
    context = error.get("ctx") or {}
    if error["type"] in ("unknown_key", "file_problem") and context.get("key") is not None:
        keys.append(context["key"])
    elif error["type"] in ("union_tag_invalid", "union_tag_not_found"):
        keys.append(_discriminator(error))  # the key whose value picks the member: kind
    return tuple(keys)


def _discriminator(error: ErrorDetails) -> str:
    return str((error.get("ctx") or {}).get("discriminator", "kind")).strip("'")


def _has(mapping: Mapping[Any, Any], key: object) -> bool:
    try:
        return key in mapping and type(next(k for k in mapping if k == key)) is type(key)
    except TypeError:  # an unhashable step
        return False


def _render(data: Any, keys: Sequence[str | int]) -> str:
    """``("rules", 1, "id")`` -> ``rules[1].id``; an index is ``[n]`` only into a list."""
    text = ""
    node = data
    for key in keys:
        if isinstance(node, list) and isinstance(key, int):
            text += f"[{key}]"
            node = node[key] if 0 <= key < len(node) else None
        else:
            text += f".{key}" if text else str(key)
            node = node.get(key) if isinstance(node, Mapping) else None
    return text


# pydantic's error types, in the words the project's other errors use.
_EXPECTED = {
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "tuple_type": "a list",
    "set_type": "a list",
    "frozen_set_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "dataclass_type": "a mapping",
    "date_type": "a date YYYY-MM-DD",
    "date_parsing": "a date YYYY-MM-DD",
    "date_from_datetime_parsing": "a date YYYY-MM-DD",
    "date_from_datetime_inexact": "a date YYYY-MM-DD",
    "datetime_type": "a date and time (ISO 8601)",
    "datetime_parsing": "a date and time (ISO 8601)",
    "none_required": "nothing",
}
_BOUNDS = {
    "greater_than": ">",
    "greater_than_equal": ">=",
    "less_than": "<",
    "less_than_equal": "<=",
}


def _words(error: ErrorDetails) -> str:
    """What is wrong, in plain words, ending with what was found."""
    kind = error["type"]
    context = error.get("ctx") or {}
    value = error["input"]
    got = show(value)
    if kind in _OWN:
        return str(context.get("problem", error["msg"]))
    if kind == "expected":
        return f"expected {context.get('what')}, got {got}"
    if kind == "missing":
        return "missing required key"
    if kind == "string_type":
        # YAML reads 1.0, true and 2025-01-01 as a number, a flag and a date, not text.
        quote = " (quote it in YAML)" if isinstance(value, int | float | date) else ""
        return f"expected text{quote}, got {got}"
    if kind == "string_too_short":
        return f"expected a non-empty string, got {got}"
    if kind == "sequence_str" or (kind == "is_instance_of" and context.get("class") == "Sequence"):
        return f"expected a list, got {got}"
    if kind in _EXPECTED:
        return f"expected {_EXPECTED[kind]}, got {got}"
    if kind in _BOUNDS:
        bound = next(iter(context.values()), "?")
        return f"expected a number {_BOUNDS[kind]} {bound}, got {got}"
    if kind == "too_short":
        things = "list" if isinstance(value, list) else "mapping"
        least = context.get("min_length", 1)
        if least == 1:
            return f"expected a non-empty {things}, got {got}"
        return f"expected at least {least} items, got {got}"
    if kind == "too_long":
        return f"expected at most {context.get('max_length')} items, got {got}"
    if kind in ("literal_error", "enum"):
        return f"expected one of {context.get('expected')}, got {got}"
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        if kind == "union_tag_not_found":
            return "missing required key"
        return f"unknown {_discriminator(error)} {context.get('tag')!r}; expected one of " + str(
            context.get("expected_tags", "")
        ).replace("'", "")
    if kind in ("value_error", "assertion_error") and "error" in context:
        return str(context["error"])
    message = error["msg"]
    return f"{message[:1].lower()}{message[1:]}, got {got}"
