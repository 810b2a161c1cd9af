"""Taint rules as data: sources, sanitisers and sinks per library, loaded from YAML files.

A rules file looks like::

    name: flask
    sources:
      - id: flask-request
        attributes: [flask.request.args]      # reading these (or anything below them) is tainted
        calls: [flask.request.get_json]       # the result of calling these is tainted
    sanitizers:
      - id: html-escape
        calls: [html.escape]
        cwes: [79]                            # cleans only for these CWEs; omitted: for all
    sinks:
      - id: flask-redirect
        cwe: 601
        message: A user-controlled URL is passed to redirect().
        calls: [flask.redirect]
        args: [0]                             # positional arguments that must not be tainted
        keywords: [location]                  # the same arguments passed by keyword

Names are dotted and resolved through the module's imports (``from flask import request`` makes
``request.args`` read as ``flask.request.args``); a name that starts with ``*.`` matches any
receiver (``*.execute`` is ``cursor.execute``, ``db.conn.execute``...). A sink may also say
``returns_from: [DECORATOR...]`` (a tainted value returned from a function so decorated),
``returned_by: [PARAMETER...]`` (returned, or yielded in a list, from a function that takes all
these parameters: a WSGI application's body), ``decorator_keywords: {KEYWORD: [NAME...]}`` beside
``returns_from`` (only where the decorator passes one of these names for the keyword: FastAPI's
``response_class=HTMLResponse``),
``safe_keywords: {KEYWORD: [NAME...]}`` (not a sink when that keyword has one of these values) and
``unless_sequence: true`` (not a sink when the argument is a list or tuple, unless ``shell=True``)
and ``receiver: true`` (the object the method is called on must not be tainted:
``Path(name).read_text()``) and ``text_only: true`` (only text built in place counts, not a
dict or list a framework turns into JSON: Tornado's ``self.write``).
``stores`` patterns also match a container made by one of them (``session = await
get_session(request)``).
A sink may also say ``imports: [MODULE...]`` (it applies only in modules that import one of these
or a module below them, so ``*.search`` for LDAP does not match ``re.search`` elsewhere), and
``requires_keywords: {KEYWORD: VALUE}``, which makes it a configuration sink that needs no taint:
every matching call is reported unless it passes each keyword with a constant equal to its value
(``set_cookie(...)`` without ``secure=True``); a keyword whose value is not a constant, or a call
with ``**kwargs``, is given the benefit of the doubt. A source may say
``parameters_of: [DECORATOR...]`` (the parameters of functions so decorated are tainted, e.g.
FastAPI's ``@app.get``), with ``unless_parameter: [NAME...]`` for parameters whose annotation or
default call is one of these names (``fastapi.Depends``, ``fastapi.Request``), which stay clean;
a parameter a route pattern declares with a numeric converter (``<int:id>``, ``{id:int}``) stays
clean too. ``parameters_named: [NAME...]`` taints parameters by name in functions that also take
every parameter of ``with_parameters`` (a WSGI application's ``environ`` beside
``start_response``). ``routed_by: [CALL...]`` taints the parameters (after the first, the request)
of a view passed to a routing call, ``path("users/<str:name>", views.card)``, in any module of
the scan. A source may say ``imports`` like a sink, and ``label``: the kind of taint
it makes (``untrusted``, the default; ``weak-random`` for predictable random numbers). A sink
reacts only to taint of its own ``label`` (default ``untrusted``).

Three more sink forms: ``stores: [NAME...]`` (storing a value under a key of this container,
``session[key] = value``, with the key or the value tainted), ``assigned_to: [WORD...]``
(binding a tainted value to a name, attribute or key containing one of these words, such as
``token``: a use that makes the value a secret), and ``when_argument: {POSITION: [VALUE...]}``
beside ``requires_keywords``, which reports a call only when that argument is a constant among
the values, compared without case (``hashlib.new("md5")``). A sanitiser with
``guarded_by: prefix-check`` cleans only once its result is checked with ``startswith`` and the
code leaves the function when the check fails (``os.path.realpath`` for path traversal);
one with ``guarded_by: validator`` is a yes/no check that cleans its first argument on the
branch where it said yes (Django's ``url_has_allowed_host_and_scheme``).

A sink may say ``configured``: it applies only when an object passed to the call (``object:
receiver``, or ``{position: N, keyword: K}``; ``object: call`` for the call itself) was made by
one of ``made_by`` and set up with one of ``settings``, as a keyword of the call that made it or
through ``setFeature(NAME, VALUE)`` (an XML parser that resolves external entities).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Generic, TypeVar

from aicc.core.errors import LocatedError
from aicc.core.files import read_regular
from aicc.core.yamlfile import YamlFileError, parse_yaml


class CodeRulesError(LocatedError):
    """A rules file cannot be read or does not follow the rules format."""


@dataclass(frozen=True)
class SourceRule:
    """Where untrusted data enters: attribute reads and calls."""

    id: str
    attributes: tuple[str, ...] = ()
    calls: tuple[str, ...] = ()
    parameters_of: tuple[str, ...] = ()
    unless_parameter: tuple[str, ...] = ()
    parameters_named: tuple[str, ...] = ()
    with_parameters: tuple[str, ...] = ()
    imports: tuple[str, ...] = ()
    label: str = "untrusted"
    routed_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class SanitizerRule:
    """Calls whose result is clean, for the given CWEs (all CWEs when empty)."""

    id: str
    calls: tuple[str, ...]
    cwes: frozenset[int] = frozenset()
    guarded_by: str | None = None

    def cleans(self, cwe: int) -> bool:
        """Whether this sanitiser makes data safe for sinks of ``cwe``."""
        return not self.cwes or cwe in self.cwes


@dataclass(frozen=True)
class SinkRule:
    """A dangerous use of data, with the weakness it causes."""

    id: str
    cwe: int
    message: str
    calls: tuple[str, ...] = ()
    args: tuple[int, ...] = ()
    keywords: tuple[str, ...] = ()
    returns_from: tuple[str, ...] = ()
    returned_by: tuple[str, ...] = ()
    decorator_keywords: tuple[tuple[str, tuple[str, ...]], ...] = ()
    safe_keywords: tuple[tuple[str, tuple[str, ...]], ...] = ()
    unless_sequence: bool = False
    imports: tuple[str, ...] = ()
    requires_keywords: tuple[tuple[str, object], ...] = ()
    stores: tuple[str, ...] = ()
    assigned_to: tuple[str, ...] = ()
    when_argument: tuple[tuple[int, tuple[str, ...]], ...] = ()
    label: str = "untrusted"
    configured: Configured | None = None
    receiver: bool = False
    text_only: bool = False


@dataclass(frozen=True)
class Configured:
    """The object a sink needs, and how it must have been set up."""

    receiver: bool
    position: int | None
    keyword: str | None
    made_by: tuple[str, ...]
    settings: tuple[tuple[str, object], ...]


@dataclass(frozen=True)
class RuleSet:
    """All rules in force for a scan."""

    sources: tuple[SourceRule, ...] = ()
    sanitizers: tuple[SanitizerRule, ...] = ()
    sinks: tuple[SinkRule, ...] = ()

    def __add__(self, other: RuleSet) -> RuleSet:
        return RuleSet(
            self.sources + other.sources,
            self.sanitizers + other.sanitizers,
            self.sinks + other.sinks,
        )


def name_matches(pattern: str, name: str) -> bool:
    """Whether the dotted ``name`` is what ``pattern`` means (``*.x`` matches any ``recv.x``)."""
    if pattern.startswith("*."):
        return name.endswith(pattern[1:]) and len(name) > len(pattern) - 1
    return pattern == name


T = TypeVar("T")


class PatternIndex(Generic[T]):
    """Items found by the dotted name a pattern of theirs matches, in one or two dict lookups
    (exact names, and ``*.attr`` by the last attribute), in the order they were added."""

    def __init__(self, entries: Iterable[tuple[Iterable[str], T]] = ()) -> None:
        self._exact: dict[str, list[T]] = {}
        # `*.a.b` patterns by their last attribute, with the whole tail to check
        self._suffix: dict[str, list[tuple[str, T]]] = {}
        self._order: dict[int, int] = {}
        for patterns, item in entries:
            self._order.setdefault(id(item), len(self._order))
            for pattern in patterns:
                if pattern.startswith("*."):
                    tails = self._suffix.setdefault(pattern.rpartition(".")[2], [])
                    tails.append((pattern[1:], item))
                    continue
                bucket = self._exact.setdefault(pattern, [])
                if not any(existing is item for existing in bucket):
                    bucket.append(item)

    def __bool__(self) -> bool:
        return bool(self._exact or self._suffix)

    def find(self, name: str) -> list[T]:
        """The items with a pattern matching ``name``, each once, in the order added."""
        found = self._exact.get(name, [])
        head, dot, last = name.rpartition(".")
        more = (
            [
                item
                for tail, item in self._suffix.get(last, ())
                if name.endswith(tail) and len(name) > len(tail)
            ]
            if dot and head
            else []
        )
        if not more:
            return found
        if not found:
            return more
        unique = {id(item): item for item in [*found, *more]}
        return sorted(unique.values(), key=lambda item: self._order[id(item)])


class _Reader:
    """Reads one rules file, naming the file and key in every error."""

    def __init__(self, path: str) -> None:
        self.path = path

    def fail(self, key: str, message: str) -> CodeRulesError:
        return CodeRulesError(message, path=self.path, location=key)

    def mapping(self, value: object, key: str) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise self.fail(key, f"expected a mapping, got {type(value).__name__}")
        return value

    def items(self, doc: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
        value = doc.get(key, [])
        if not isinstance(value, list):
            raise self.fail(key, f"expected a list, got {type(value).__name__}")
        return [self.mapping(item, f"{key}[{i}]") for i, item in enumerate(value)]

    def known_keys(self, item: Mapping[str, Any], key: str, allowed: Iterable[str]) -> None:
        unknown = sorted(set(item) - set(allowed))
        if unknown:
            raise self.fail(
                f"{key}.{unknown[0]}", f"unknown key; expected one of {', '.join(sorted(allowed))}"
            )

    def text(self, item: Mapping[str, Any], key: str, name: str) -> str:
        value = item.get(name)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"{key}.{name}", "expected a non-empty string")
        return value

    def names(self, item: Mapping[str, Any], key: str, name: str) -> tuple[str, ...]:
        value = item.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise self.fail(f"{key}.{name}", "expected a list of dotted names")
        return tuple(value)

    def ints(self, item: Mapping[str, Any], key: str, name: str) -> tuple[int, ...]:
        value = item.get(name, [])
        if not isinstance(value, list) or not all(
            isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in value
        ):
            raise self.fail(f"{key}.{name}", "expected a list of non-negative integers")
        return tuple(value)

    def flag(self, item: Mapping[str, Any], key: str, name: str) -> bool:
        value = item.get(name, False)
        if not isinstance(value, bool):
            raise self.fail(f"{key}.{name}", "expected true or false")
        return value

    def choice(
        self,
        item: Mapping[str, Any],
        key: str,
        name: str,
        allowed: tuple[str, ...],
        default: str | None,
    ) -> str | None:
        value = item.get(name, default)
        if value is not default and value not in allowed:
            raise self.fail(f"{key}.{name}", f"expected one of {', '.join(allowed)}")
        return value if isinstance(value, str) else None

    def cwe(self, item: Mapping[str, Any], key: str) -> int:
        value = item.get("cwe")
        if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
            raise self.fail(f"{key}.cwe", "expected a positive integer CWE id")
        return value


_SOURCE_KEYS = (
    "id",
    "attributes",
    "calls",
    "parameters_of",
    "unless_parameter",
    "parameters_named",
    "with_parameters",
    "imports",
    "label",
    "routed_by",
)
_SANITIZER_KEYS = ("id", "calls", "cwes", "guarded_by")
_SINK_KEYS = (
    "id",
    "cwe",
    "message",
    "calls",
    "args",
    "keywords",
    "returns_from",
    "returned_by",
    "safe_keywords",
    "unless_sequence",
    "imports",
    "requires_keywords",
    "stores",
    "assigned_to",
    "when_argument",
    "label",
    "configured",
    "receiver",
    "text_only",
    "decorator_keywords",
)
LABELS = ("untrusted", "weak-random")
GUARDS = ("prefix-check", "validator")


def _configured(reader: _Reader, item: Mapping[str, Any], key: str) -> Configured | None:
    if "configured" not in item:
        return None
    doc = reader.mapping(item["configured"], key)
    reader.known_keys(doc, key, ("object", "made_by", "settings"))
    where = doc.get("object")
    if where == "call":  # the call's own keywords: web.Response(text=..., content_type=...)
        receiver, position, keyword = False, None, None
    elif where == "receiver":
        receiver, position, keyword = True, None, None
    elif isinstance(where, Mapping) and set(where) <= {"position", "keyword"} and where:
        position, keyword = where.get("position"), where.get("keyword")
        if position is not None and (not isinstance(position, int) or position < 0):
            raise reader.fail(f"{key}.object.position", "expected a non-negative integer")
        if keyword is not None and not isinstance(keyword, str):
            raise reader.fail(f"{key}.object.keyword", "expected a keyword name")
        receiver = False
    else:
        raise reader.fail(f"{key}.object", "expected call, receiver, or {position: N, keyword: K}")
    made_by = reader.names(doc, key, "made_by")
    settings = reader.mapping(doc.get("settings", {}), f"{key}.settings")
    if not made_by or not settings:
        raise reader.fail(key, "configured needs made_by and settings")
    return Configured(
        receiver, position, keyword, made_by, tuple((str(k), v) for k, v in settings.items())
    )


def parse_rules(text: str, path: str) -> RuleSet:
    """Parse and validate one rules document; ``path`` names it in errors."""
    reader = _Reader(path)
    try:
        loaded = parse_yaml(text, path)
    except YamlFileError as exc:
        raise CodeRulesError(exc.message, path=path, location=exc.location) from exc
    doc = reader.mapping(loaded if loaded is not None else {}, "(document)")
    reader.known_keys(doc, "(document)", ("name", "sources", "sanitizers", "sinks"))
    sources = []
    for i, item in enumerate(reader.items(doc, "sources")):
        key = f"sources[{i}]"
        reader.known_keys(item, key, _SOURCE_KEYS)
        source = SourceRule(
            reader.text(item, key, "id"),
            reader.names(item, key, "attributes"),
            reader.names(item, key, "calls"),
            reader.names(item, key, "parameters_of"),
            reader.names(item, key, "unless_parameter"),
            reader.names(item, key, "parameters_named"),
            reader.names(item, key, "with_parameters"),
            reader.names(item, key, "imports"),
            reader.choice(item, key, "label", LABELS, "untrusted") or "untrusted",
            reader.names(item, key, "routed_by"),
        )
        if not (
            source.attributes
            or source.calls
            or source.parameters_of
            or source.parameters_named
            or source.routed_by
        ):
            raise reader.fail(
                key,
                "a source needs attributes or calls (or parameters_of, "
                "parameters_named, routed_by)",
            )
        sources.append(source)
    sanitizers = []
    for i, item in enumerate(reader.items(doc, "sanitizers")):
        key = f"sanitizers[{i}]"
        reader.known_keys(item, key, _SANITIZER_KEYS)
        sanitizers.append(
            SanitizerRule(
                reader.text(item, key, "id"),
                reader.names(item, key, "calls"),
                frozenset(reader.ints(item, key, "cwes")),
                reader.choice(item, key, "guarded_by", GUARDS, None),
            )
        )
    sinks = []
    for i, item in enumerate(reader.items(doc, "sinks")):
        key = f"sinks[{i}]"
        reader.known_keys(item, key, _SINK_KEYS)
        safe = reader.mapping(item.get("safe_keywords", {}), f"{key}.safe_keywords")
        unless_sequence = item.get("unless_sequence", False)
        if not isinstance(unless_sequence, bool):
            raise reader.fail(f"{key}.unless_sequence", "expected true or false")
        required = reader.mapping(item.get("requires_keywords", {}), f"{key}.requires_keywords")
        for name, value in required.items():
            if not isinstance(value, (bool, int, float, str)) and value is not None:
                raise reader.fail(f"{key}.requires_keywords.{name}", "expected a constant")
        decorator = reader.mapping(item.get("decorator_keywords", {}), f"{key}.decorator_keywords")
        when = reader.mapping(item.get("when_argument", {}), f"{key}.when_argument")
        for position in when:
            if not isinstance(position, int) or isinstance(position, bool) or position < 0:
                raise reader.fail(
                    f"{key}.when_argument.{position}", "expected a non-negative argument position"
                )
        sink = SinkRule(
            id=reader.text(item, key, "id"),
            cwe=reader.cwe(item, key),
            message=reader.text(item, key, "message"),
            calls=reader.names(item, key, "calls"),
            args=reader.ints(item, key, "args"),
            keywords=reader.names(item, key, "keywords"),
            returns_from=reader.names(item, key, "returns_from"),
            returned_by=reader.names(item, key, "returned_by"),
            safe_keywords=tuple(
                (str(k), reader.names(safe, f"{key}.safe_keywords", str(k))) for k in safe
            ),
            unless_sequence=unless_sequence,
            imports=reader.names(item, key, "imports"),
            requires_keywords=tuple((str(k), v) for k, v in required.items()),
            stores=reader.names(item, key, "stores"),
            assigned_to=reader.names(item, key, "assigned_to"),
            when_argument=tuple(
                (int(k), tuple(v.lower() for v in reader.names(when, f"{key}.when_argument", k)))
                for k in when
            ),
            label=reader.choice(item, key, "label", LABELS, "untrusted") or "untrusted",
            configured=_configured(reader, item, f"{key}.configured"),
            receiver=reader.flag(item, key, "receiver"),
            text_only=reader.flag(item, key, "text_only"),
            decorator_keywords=tuple(
                (str(k), reader.names(decorator, f"{key}.decorator_keywords", str(k)))
                for k in decorator
            ),
        )
        if not (
            sink.calls or sink.returns_from or sink.returned_by or sink.stores or sink.assigned_to
        ):
            raise reader.fail(
                key, "a sink needs calls, returns_from, returned_by, stores or assigned_to"
            )
        if sink.calls and not (
            sink.args
            or sink.keywords
            or sink.requires_keywords
            or sink.when_argument
            or sink.receiver
        ):
            raise reader.fail(key, "a call sink needs args or keywords (or requires_keywords)")
        if sink.when_argument and not sink.calls:
            raise reader.fail(f"{key}.when_argument", "when_argument needs calls")
        sinks.append(sink)
    return RuleSet(tuple(sources), tuple(sanitizers), tuple(sinks))


def load_rules_file(path: Path) -> RuleSet:
    """Load one YAML rules file."""
    try:
        text = read_regular(path).decode("utf-8-sig")
    except OSError as exc:
        raise CodeRulesError(f"cannot read: {exc.strerror or exc}", path=str(path)) from exc
    except UnicodeDecodeError as exc:
        raise CodeRulesError(f"not UTF-8 text (byte {exc.start})", path=str(path)) from exc
    return parse_rules(text, str(path))


def builtin_rules() -> RuleSet:
    """The rules shipped with AICC (``aicc/data/code-rules/*.yaml``)."""
    folder = resources.files("aicc") / "data" / "code-rules"
    rules = RuleSet()
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith((".yaml", ".yml")):
            rules += parse_rules(entry.read_text(encoding="utf-8"), f"code-rules/{entry.name}")
    return rules


def load_rules(extra: Iterable[Path] = (), *, builtin: bool = True) -> RuleSet:
    """The built-in rules plus every YAML file in ``extra`` (files, or folders of them)."""
    rules = builtin_rules() if builtin else RuleSet()
    for path in extra:
        files = sorted([*path.glob("*.yaml"), *path.glob("*.yml")]) if path.is_dir() else [path]
        for file in files:
            rules += load_rules_file(file)
    return rules
