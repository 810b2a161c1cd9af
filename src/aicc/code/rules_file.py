"""The shape of a taint rules file (the format is described in `aicc.code.rules`), and the
rule set read from it; every problem is named by file, key and line."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, StringConstraints, model_validator

from aicc.code.rules import (
    CodeRulesError,
    Configured,
    RuleSet,
    SanitizerRule,
    SinkRule,
    SourceRule,
)
from aicc.core.typed_files import (
    AS_MAPPING,
    AS_TEXT,
    FileModel,
    FileProblem,
    by_shape,
    expect,
    problem_at,
    read_typed,
)
from aicc.core.yamlfile import YamlDocument


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("blank")
    return value


Text = Annotated[str, AfterValidator(_not_blank), expect("a non-empty string")]
Names = Annotated[
    Sequence[Annotated[str, StringConstraints(min_length=1)]], expect("a list of dotted names")
]
Ints = Annotated[Sequence[Annotated[int, Field(ge=0)]], expect("a list of non-negative integers")]
Label = Annotated[Literal["untrusted", "weak-random"], expect("one of untrusted, weak-random")]
Guard = Annotated[Literal["prefix-check", "validator"], expect("one of prefix-check, validator")]
Cwe = Annotated[int, Field(gt=0), expect("a positive integer CWE id")]
Constant = Annotated[bool | int | float | str | None, expect("a constant")]
Position = Annotated[int, Field(ge=0), expect("a non-negative argument position")]
_OBJECT = "call, receiver, or {position: N, keyword: K}"


class SourceFile(FileModel):
    """``sources[i]``."""

    id: Text
    attributes: Names = ()
    calls: Names = ()
    parameters_of: Names = ()
    unless_parameter: Names = ()
    parameters_named: Names = ()
    with_parameters: Names = ()
    imports: Names = ()
    label: Label = "untrusted"
    routed_by: Names = ()

    @model_validator(mode="after")
    def _taints_something(self) -> SourceFile:
        if not (
            self.attributes
            or self.calls
            or self.parameters_of
            or self.parameters_named
            or self.routed_by
        ):
            raise problem_at(
                None,
                "a source needs attributes or calls (or parameters_of, "
                "parameters_named, routed_by)",
            )
        return self


class SanitizerFile(FileModel):
    """``sanitizers[i]``."""

    id: Text
    calls: Names = ()
    cwes: Ints = ()
    guarded_by: Guard | None = None


class ObjectRef(FileModel):
    """``configured.object`` as a mapping: the argument the sink needs set up."""

    position: Annotated[int, Field(ge=0), expect("a non-negative integer")] | None = None
    keyword: Annotated[str, expect("a keyword name")] | None = None

    @model_validator(mode="after")
    def _names_one(self) -> ObjectRef:
        if self.position is None and self.keyword is None:
            raise problem_at(None, f"expected {_OBJECT}")
        return self


ObjectSpec = Annotated[
    Annotated[Literal["call", "receiver"], expect(_OBJECT), AS_TEXT]
    | Annotated[ObjectRef, AS_MAPPING],
    by_shape(_OBJECT),
]


class ConfiguredFile(FileModel):
    """``sinks[i].configured``."""

    object: ObjectSpec
    made_by: Names = ()
    settings: dict[str, Any] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _complete(self) -> ConfiguredFile:
        if not self.made_by or not self.settings:
            raise problem_at(None, "configured needs made_by and settings")
        return self


class SinkFile(FileModel):
    """``sinks[i]``."""

    id: Text
    cwe: Cwe
    message: Text
    calls: Names = ()
    args: Ints = ()
    keywords: Names = ()
    returns_from: Names = ()
    returned_by: Names = ()
    decorator_keywords: dict[str, Names] = Field(default_factory=dict)
    safe_keywords: dict[str, Names] = Field(default_factory=dict)
    unless_sequence: bool = False
    imports: Names = ()
    requires_keywords: dict[str, Constant] = Field(default_factory=dict)
    stores: Names = ()
    assigned_to: Names = ()
    when_argument: dict[Position, Names] = Field(default_factory=dict)
    label: Label = "untrusted"
    configured: ConfiguredFile | None = None
    receiver: bool = False
    text_only: bool = False

    @model_validator(mode="after")
    def _reacts_to_something(self) -> SinkFile:
        if not (
            self.calls or self.returns_from or self.returned_by or self.stores or self.assigned_to
        ):
            raise problem_at(
                None, "a sink needs calls, returns_from, returned_by, stores or assigned_to"
            )
        if self.calls and not (
            self.args
            or self.keywords
            or self.requires_keywords
            or self.when_argument
            or self.receiver
        ):
            raise problem_at(None, "a call sink needs args or keywords (or requires_keywords)")
        if self.when_argument and not self.calls:
            raise problem_at("when_argument", "when_argument needs calls")
        return self


class RulesFile(FileModel):
    """A whole rules file; an empty file holds no rules."""

    name: str | None = None
    sources: Sequence[SourceFile] = ()
    sanitizers: Sequence[SanitizerFile] = ()
    sinks: Sequence[SinkFile] = ()


def build_rules(document: YamlDocument, path: str) -> RuleSet:
    """The rules ``document`` holds; `CodeRulesError` naming file, key and line."""

    def error(problem: FileProblem) -> CodeRulesError:
        return CodeRulesError(problem.message, path=path, location=problem.location("(document)"))

    if document.data is None:
        return RuleSet()
    model = read_typed(RulesFile, document, error)
    seen: set[str] = set()
    for kind, ids in (
        ("sources", [item.id for item in model.sources]),
        ("sanitizers", [item.id for item in model.sanitizers]),
        ("sinks", [item.id for item in model.sinks]),
    ):
        for position, rule_id in enumerate(ids):
            if rule_id in seen:
                raise CodeRulesError(
                    f"rule id {rule_id!r} is declared twice in this file",
                    path=path,
                    location=f"{kind}[{position}].id",
                )
            seen.add(rule_id)
    sources = tuple(
        SourceRule(
            item.id,
            tuple(item.attributes),
            tuple(item.calls),
            tuple(item.parameters_of),
            tuple(item.unless_parameter),
            tuple(item.parameters_named),
            tuple(item.with_parameters),
            tuple(item.imports),
            item.label,
            tuple(item.routed_by),
        )
        for item in model.sources
    )
    sanitizers = tuple(
        SanitizerRule(item.id, tuple(item.calls), frozenset(item.cwes), item.guarded_by)
        for item in model.sanitizers
    )
    sinks = tuple(
        SinkRule(
            id=item.id,
            cwe=item.cwe,
            message=item.message,
            calls=tuple(item.calls),
            args=tuple(item.args),
            keywords=tuple(item.keywords),
            returns_from=tuple(item.returns_from),
            returned_by=tuple(item.returned_by),
            safe_keywords=tuple((k, tuple(v)) for k, v in item.safe_keywords.items()),
            unless_sequence=item.unless_sequence,
            imports=tuple(item.imports),
            requires_keywords=tuple(item.requires_keywords.items()),
            stores=tuple(item.stores),
            assigned_to=tuple(item.assigned_to),
            when_argument=tuple(
                (k, tuple(v.lower() for v in values)) for k, values in item.when_argument.items()
            ),
            label=item.label,
            configured=_configured(item.configured),
            receiver=item.receiver,
            text_only=item.text_only,
            decorator_keywords=tuple((k, tuple(v)) for k, v in item.decorator_keywords.items()),
        )
        for item in model.sinks
    )
    return RuleSet(sources, sanitizers, sinks, tuple((rule_id, path) for rule_id in sorted(seen)))


def _configured(item: ConfiguredFile | None) -> Configured | None:
    if item is None:
        return None
    where = item.object
    if isinstance(where, ObjectRef):
        receiver, position, keyword = False, where.position, where.keyword
    else:  # "call": the call's own keywords (web.Response(text=..., content_type=...))
        receiver, position, keyword = where == "receiver", None, None
    return Configured(
        receiver, position, keyword, tuple(item.made_by), tuple(item.settings.items())
    )
