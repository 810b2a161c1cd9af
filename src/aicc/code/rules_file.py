"""The shape of a taint rules file (the format is described in `aicc.code.rules`), and the
rule set read from it; every problem is named by file, key and line."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, StringConstraints, WithJsonSchema, model_validator

from aicc.code.rules import (
    CodeRulesError,
    Configured,
    ExitRule,
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


Text = Annotated[
    str,
    AfterValidator(_not_blank),
    expect("a non-empty string"),
    WithJsonSchema({"type": "string", "pattern": "\\S"}),
]
Names = Annotated[
    Sequence[Annotated[str, StringConstraints(min_length=1)]], expect("a list of dotted names")
]
Ints = Annotated[Sequence[Annotated[int, Field(ge=0)]], expect("a list of non-negative integers")]
Label = Annotated[
    Literal["untrusted", "weak-random", "password"],
    expect("one of untrusted, weak-random, password"),
]
Guard = Annotated[
    Literal["prefix-check", "validator", "host-check"],
    expect("one of prefix-check, validator, host-check"),
]
Cwe = Annotated[int, Field(gt=0), expect("a positive integer CWE id")]
Constant = Annotated[bool | int | float | str | None, expect("a constant")]
Position = Annotated[int, Field(ge=0), expect("a non-negative argument position")]
_OBJECT = "call, receiver, or {position: N, keyword: K}"


def _about(text: str, default: Any = None, **extra: Any) -> Any:
    """A field's default with its description (the schema's documentation)."""
    return Field(default, description=" ".join(text.split()), **extra)


_ID = "The rule's id, unique across every rules file loaded together."


class SourceFile(FileModel):
    """``sources[i]``: where untrusted (or weak random) data enters the program."""

    id: Text = Field(description=_ID)
    attributes: Names = _about(
        "Dotted names whose reading (or reading anything below them) is tainted: "
        "flask.request.args. Names resolve through the module's imports; *.name matches "
        "any receiver.",
        (),
    )
    calls: Names = _about("Calls whose result is tainted: flask.request.get_json.", ())
    parameters_of: Names = _about(
        "Decorators whose functions' parameters are tainted (FastAPI's app.get).", ()
    )
    unless_parameter: Names = _about(
        "Beside parameters_of: parameters whose annotation or default call is one of these "
        "names stay clean (fastapi.Depends, fastapi.Request).",
        (),
    )
    parameters_named: Names = _about(
        "Parameter names tainted in functions that also take every parameter of "
        "with_parameters (a WSGI application's environ).",
        (),
    )
    with_parameters: Names = _about(
        "Beside parameters_named: the parameters a function must also take (start_response).",
        (),
    )
    imports: Names = _about(
        "The rule applies only in modules that import one of these modules (or one below).", ()
    )
    label: Label = _about(
        "The kind of taint made: untrusted (data from outside), weak-random "
        "(predictable random numbers) or password (a value its name says is a password).",
        "untrusted",
    )
    routed_by: Names = _about(
        "Routing calls: the parameters (after the request) of a view passed to one, "
        'path("users/<str:name>", views.card), are tainted in any module of the scan.',
        (),
    )
    keys: Names = _about(
        "For a mapping source (os.environ, os.getenv): the keys, as globs (HTTP_*), whose "
        'constant reads are tainted; os.environ["HOME"] with a key matching none is '
        "configuration. A key that is not constant stays tainted. Empty: every key.",
        (),
    )
    named: Names = _about(
        "Words: a value whose name holds one is tainted with the label, wherever it comes "
        "from: a variable, parameter or attribute (new_password), or a constant key read "
        'from a mapping (data["password"], form.get("password")). Words are whole: pin '
        "matches user_pin, not spinner.",
        (),
    )
    unless_named: Names = _about(
        "Beside named: words that rule a name out (password_hash holds no password).", ()
    )

    @model_validator(mode="after")
    def _taints_something(self) -> SourceFile:
        if not (
            self.attributes
            or self.calls
            or self.parameters_of
            or self.parameters_named
            or self.routed_by
            or self.named
        ):
            raise problem_at(
                None,
                "a source needs attributes or calls (or parameters_of, "
                "parameters_named, routed_by, named)",
            )
        return self


class SanitizerFile(FileModel):
    """``sanitizers[i]``: calls whose result is clean."""

    id: Text = Field(description=_ID)
    calls: Names = _about("Calls whose result is clean: html.escape.", ())
    cwes: Ints = _about("The CWEs it cleans for; omitted: all.", ())
    guarded_by: Guard | None = _about(
        "Clean only once checked: prefix-check (the result is checked with startswith and "
        "the code leaves the function when the check fails), host-check (a URL parsed with "
        "urlparse whose hostname or netloc is checked against an allow-list or a constant "
        "cleans the URL on that branch), validator (a yes/no check that cleans its first "
        "argument on the branch where it said yes)."
    )


class ObjectRef(FileModel):
    """``configured.object`` as a mapping: the argument the sink needs set up."""

    position: Annotated[int, Field(ge=0), expect("a non-negative integer")] | None = _about(
        "The argument's position."
    )
    keyword: Annotated[str, expect("a keyword name")] | None = _about("The argument's keyword.")

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
    """``sinks[i].configured``: the sink applies only to an object set up dangerously."""

    object: ObjectSpec = Field(
        description="The object that must be set up: call (the call's own keywords), "
        "receiver (the object the method is called on) or {position, keyword} (an argument)."
    )
    made_by: Names = _about("The calls that make the object (lxml.etree.XMLParser).", ())
    settings: dict[str, Any] = Field(
        default_factory=dict,
        description="The dangerous settings, NAME: VALUE, as keywords of the call that made "
        "the object or through setFeature(NAME, VALUE); one is enough. Empty: any object "
        "made by one of made_by (a hash object's update).",
    )

    @model_validator(mode="after")
    def _complete(self) -> ConfiguredFile:
        if not self.made_by:
            raise problem_at(None, "configured needs made_by")
        return self


def _mapping(text: str) -> Any:
    return Field(default_factory=dict, description=" ".join(text.split()))


class SinkFile(FileModel):
    """``sinks[i]``: where tainted data must not arrive, or a configuration that is unsafe."""

    id: Text = Field(description=_ID)
    cwe: Cwe = Field(description="The weakness reported (89 for SQL injection).")
    message: Text = Field(description="What a finding of this sink says.")
    calls: Names = _about("The calls that are sinks: flask.redirect, *.execute.", ())
    args: Ints = _about("The positional arguments (from 0) that must not be tainted.", ())
    keywords: Names = _about("The same arguments passed by keyword.", ())
    returns_from: Names = _about(
        "Decorators: a tainted value returned from a function so decorated is a finding.", ()
    )
    returned_by: Names = _about(
        "Parameters: a tainted value returned (or yielded in a list) from a function that "
        "takes all of them is a finding (a WSGI application's body).",
        (),
    )
    decorator_keywords: dict[str, Names] = _mapping(
        "Beside returns_from, KEYWORD: [NAME...]: only where the decorator passes one of these "
        "names for the keyword (FastAPI's response_class=HTMLResponse)."
    )
    safe_keywords: dict[str, Names] = _mapping(
        "KEYWORD: [NAME...]: not a sink when that keyword has one of these values."
    )
    unless_sequence: bool = _about(
        "Not a sink when the argument is a list or tuple, unless shell=True.", False
    )
    imports: Names = _about(
        "The rule applies only in modules that import one of these modules (or one below).", ()
    )
    requires_keywords: dict[str, Constant] = _mapping(
        "KEYWORD: VALUE: a configuration sink that needs no taint; every matching call is "
        "reported unless it passes each keyword with a constant equal to its value "
        "(set_cookie without secure=True); a keyword that is not a constant, or **kwargs, "
        "gets the benefit of the doubt."
    )
    stores: Names = _about(
        "Containers: storing a value under a key (session[key] = value) with the key or the "
        "value tainted is a finding; also a container made by one of these calls.",
        (),
    )
    assigned_to: Names = _about(
        "Words: binding a tainted value to a name, attribute or key containing one (token) "
        "is a finding.",
        (),
    )
    when_argument: dict[Position, Names] = _mapping(
        "Beside requires_keywords, POSITION: [VALUE...]: report a call only when that argument "
        'is a constant among the values, compared without case (hashlib.new("md5")).'
    )
    label: Label = _about(
        "The taint the sink reacts to: untrusted, weak-random or password.", "untrusted"
    )
    configured: ConfiguredFile | None = _about(
        "The sink applies only when an object passed to the call was made and set up as said."
    )
    receiver: bool = _about(
        "The object the method is called on must not be tainted: Path(name).read_text().",
        False,
    )
    text_only: bool = _about(
        "Only text built in place counts, not a dict or list a framework turns into JSON.",
        False,
    )
    unless_fixed_prefix: bool = _about(
        "Not a sink when the argument, as written, starts with a constant that fixes the host "
        '("/billing?tab=" + tab, https://host/...).',
        False,
    )
    unescaped_in_template: Position | None = _about(
        "The position of a constant template: the keywords it writes unescaped "
        "({{ note|safe }}) must not be tainted."
    )
    header: Text | None = _about(
        "The arguments are lists of (name, value) pairs and only the value paired with this "
        'header name counts: start_response(status, [("Location", url)]).'
    )
    with_receiver: bool = _about(
        "Only where the object the method is called on carries taint as well: an upload "
        "saved under a path (storage.save(path)), not any object's save.",
        False,
    )
    sets: dict[str, Constant] = _mapping(
        "KEY: VALUE: a configuration sink that needs no taint: setting a key to that constant, "
        "as a keyword of one of calls (app.config.update(SESSION_COOKIE_SECURE=False)) or "
        'under a constant key of one of stores (app.config["SESSION_COOKIE_SECURE"] = False), '
        "is reported."
    )
    unless_purpose: Names = _about(
        "Beside requires_keywords or when_argument, words: the call is not reported where "
        "the code names one of them as its purpose, in the function or class it is in or "
        "the name, attribute or key its result is bound to (MD5 in etag_for, "
        'resp.headers["ETag"] = ..., cache_key = ...).',
        (),
    )

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
            or self.sets
            or self.requires_keywords
            or self.when_argument
            or self.receiver
            or self.unescaped_in_template is not None
        ):
            raise problem_at(None, "a call sink needs args or keywords (or requires_keywords)")
        if self.when_argument and not self.calls:
            raise problem_at("when_argument", "when_argument needs calls")
        if self.unless_purpose and not (self.requires_keywords or self.when_argument or self.sets):
            raise problem_at(
                "unless_purpose", "unless_purpose needs requires_keywords or when_argument"
            )
        return self


class ExitFile(FileModel):
    """``exits[i]``: calls that never return; a branch ending in one guards what follows."""

    id: Text = Field(description=_ID)
    calls: Names = Field(description="The calls: flask.abort, sys.exit, fastapi.HTTPException.")

    @model_validator(mode="after")
    def _names_calls(self) -> ExitFile:
        if not self.calls:
            raise problem_at("calls", "an exit needs at least one call")
        return self


class RulesFile(FileModel):
    """An AICC code rules file (YAML): where untrusted data enters (sources), what cleans it
    (sanitizers), where it must not arrive (sinks) and the calls that never return (exits);
    an empty file holds no rules."""

    name: str | None = _about("The file's name for people (flask).")
    sources: Sequence[SourceFile] = _about("Where untrusted data enters.", ())
    sanitizers: Sequence[SanitizerFile] = _about("What cleans data.", ())
    sinks: Sequence[SinkFile] = _about("Where tainted data must not arrive.", ())
    exits: Sequence[ExitFile] = _about("Calls that never return.", ())


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
        ("exits", [item.id for item in model.exits]),
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
            tuple(item.keys),
            tuple(item.named),
            tuple(item.unless_named),
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
            unless_fixed_prefix=item.unless_fixed_prefix,
            unescaped_in_template=item.unescaped_in_template,
            header=item.header,
            decorator_keywords=tuple((k, tuple(v)) for k, v in item.decorator_keywords.items()),
            unless_purpose=tuple(w.lower() for w in item.unless_purpose),
            sets=tuple(item.sets.items()),
            with_receiver=item.with_receiver,
        )
        for item in model.sinks
    )
    exits = tuple(ExitRule(item.id, tuple(item.calls)) for item in model.exits)
    origins = tuple((rule_id, path) for rule_id in sorted(seen))
    return RuleSet(sources, sanitizers, sinks, origins, exits)


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
