"""The pydantic pieces the VEX formats' models share, and a document read through a model: a
ValidationError becomes VexError at its place (a JSON path such as ``statements[2].status``, or
CycloneDX XML's path) with the problem in plain words.

A model declares the keys AICC reads, typed and checked, and ignores any others: VEX documents
carry many keys AICC has no use for. Only the readers import this module, when a document is
read: matching and ``aicc scan`` without ``--vex`` never load pydantic's VEX models.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Annotated, Any, TypeVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    PlainValidator,
    Tag,
    ValidationError,
)
from pydantic_core import ErrorDetails, PydanticCustomError

from aicc.core.times import parse_time
from aicc.validate.vex._common import Path_, _product_problem, _show, _Source

M = TypeVar("M", bound=BaseModel)

# The default of a required key. Models validate their defaults, so an absent key reaches its
# validator, which says what is missing in its own words ("missing vulnerability id", "expected
# a list, got None") rather than pydantic's "Field required".
MISSING: Any = None


class VexModel(BaseModel):
    """One object of a VEX document: the keys AICC reads, typed; any others ignored."""

    model_config = ConfigDict(extra="ignore", frozen=True, strict=True, validate_default=True)


def problem(message: str, key: str | None = None) -> PydanticCustomError:
    """The error a check raises: ``message`` at the value checked, or at ``key`` of a model."""
    return PydanticCustomError("vex", "{problem}", {"problem": message, "key": key})


# --- values ---------------------------------------------------------------------------------


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise problem(f"expected a string, got {_show(value)}")
    return value.strip() or None


def required(what: str) -> PlainValidator:
    """An annotation: a string, stripped; ``missing WHAT`` when absent, null or blank."""

    def check(value: Any) -> str:
        text = _text(value)
        if text is None:
            raise problem(f"missing {what}")
        return text

    return PlainValidator(check)


def one_of(table: Mapping[str, str], what: str, *, needed: bool = False) -> PlainValidator:
    """An annotation: one of ``table``'s labels, read as what the table maps it to (OpenVEX's
    word); None when absent, or ``missing WHAT`` where ``needed``."""

    def check(value: Any) -> str | None:
        text = _text(value)
        if text is None:
            if needed:
                raise problem(f"missing {what}")
            return None
        if text not in table:
            raise problem(f"unknown {what} {text!r}: expected one of {', '.join(table)}")
        return table[text]

    return PlainValidator(check)


def _timestamp(value: Any) -> datetime | None:
    text = _text(value)
    if text is None:
        return None
    try:
        return parse_time(text)
    except (ValueError, OverflowError):
        raise problem(f"not an ISO 8601 timestamp: {text!r}") from None


def _product(value: Any) -> str | None:
    text = _text(value)
    if text is not None and (wrong := _product_problem(text)):
        raise problem(wrong)
    return text


Text = Annotated[str | None, PlainValidator(_text)]  # stripped; None when absent or blank
Timestamp = Annotated[datetime | None, PlainValidator(_timestamp)]  # naive UTC
Product = Annotated[str | None, PlainValidator(_product)]  # a purl or CPE is checked


def _or_absent(value: Any) -> Any:
    return value or None


def _object_or_absent(value: Any) -> Any:
    return value if isinstance(value, Mapping) else None


# An annotation: a value that is empty (``""`` of an empty XML element such as ``<metadata/>``,
# ``{}``) is read as absent.
EMPTY_IS_ABSENT = BeforeValidator(_or_absent)
# An annotation for an object that only helps (an author's name, the BOM's own component among
# those a ref can name): one in any other shape is read as absent, never a reason to refuse the
# statements.
OBJECT_OR_ABSENT = BeforeValidator(_object_or_absent)

# --- union members --------------------------------------------------------------------------

# A union member's tag is a step of pydantic's error location, which is no key of the document;
# the tags are written <like-this>, which no key a model declares is, and left out of a place.
AS_TEXT = Tag("<text>")
AS_OBJECT = Tag("<object>")


def text_or_object(*, absent_as_text: bool = False) -> Discriminator:
    """An annotation for a value written as a string or as an object: a string is read by the
    member tagged `AS_TEXT`, anything else by `AS_OBJECT` (so ``expected an object, got 5``);
    an absent value by `AS_TEXT` where ``absent_as_text`` (so ``missing ...``)."""

    def shape(value: Any) -> str:
        if isinstance(value, str) or (value is None and absent_as_text):
            return "<text>"
        return "<object>"

    return Discriminator(shape)


def _is_tag(step: str | int) -> bool:
    return isinstance(step, str) and step.startswith("<") and step.endswith(">")


# --- a document read through a model --------------------------------------------------------


def read_model(model: type[M], data: Any, source: _Source) -> M:
    """``data`` read as ``model``; VexError at the place of the first problem, with the count of
    the others."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        details = exc.errors(include_url=False)
        path, message = _place_and_words(details[0])
        if len(details) > 1:
            more = len(details) - 1
            message += f" (and {more} more problem{'s' if more > 1 else ''})"
        source.fail(message, path)


_OBJECT_TYPES = {"model_type", "model_attributes_type", "dict_type"}
_DEPTH_TYPES = {"recursion_depth_exceeded", "recursion_loop"}


def _place_and_words(error: ErrorDetails) -> tuple[Path_, str]:
    """Where in the document ``error`` is (pydantic's location less union tags, plus the key a
    model's check named) and what is wrong, in plain words."""
    path: Path_ = tuple(step for step in error["loc"] if not _is_tag(step))
    kind = error["type"]
    context: Mapping[str, Any] = error.get("ctx") or {}
    got = _show(error["input"])
    if kind == "vex":
        key = context.get("key")
        return (path if key is None else (*path, key)), str(context["problem"])
    if kind in _OBJECT_TYPES:
        return path, f"expected an object, got {got}"
    if kind == "list_type":
        return path, f"expected a list, got {got}"
    if kind in _DEPTH_TYPES:
        # Placed at the top of the nesting: the place where it gave up is hundreds of steps.
        return path[:2], "nested too deeply to read"
    text = error["msg"]
    return path, f"{text[:1].lower()}{text[1:]}, got {got}"
