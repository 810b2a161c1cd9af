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
dict or list a framework turns into JSON: Tornado's ``self.write``) and
``unless_fixed_prefix: true`` (not a sink when the argument, as written, starts with a constant
that fixes the host: a local path ``"/billing?tab=" + tab`` or ``https://host/...``, as a
redirect's target) and ``unescaped_in_template: N`` (the keywords whose names the constant
template text at argument N writes unescaped, ``{{ note|safe }}``, must not be tainted) and
``header: NAME`` (the arguments are lists of ``(name, value)`` pairs written here, and only the
value paired with this header name counts: WSGI's ``start_response(status, [("Location", url)])``).
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
the scan. A source of a mapping (``os.environ``, ``os.getenv``) may say ``keys: [GLOB...]``:
a read with a constant key (``os.environ["HOME"]``, ``.get("HOME")``, ``os.getenv("HOME")``)
is tainted only when the key matches one (a CGI request's ``QUERY_STRING``, ``HTTP_*``); other
keys are the operator's configuration, and a key that is not constant stays tainted.
A source may say ``imports`` like a sink, and ``label``: the kind of taint
it makes (``untrusted``, the default; ``weak-random`` for predictable random numbers;
``password`` for what its name says is a password). A sink reacts only to taint of its own
``label`` (default ``untrusted``). ``named: [WORD...]`` (with ``unless_named``) makes a source
of every value whose name holds one of the words, wherever it came from: a variable, parameter
or attribute (``new_password``) or a constant key (``data["password"]``,
``form.get("password")``), so that a fast hash of a password is found whoever wrote it.

Three more sink forms: ``stores: [NAME...]`` (storing a value under a key of this container,
``session[key] = value``, with the key or the value tainted), ``assigned_to: [WORD...]``
(binding a tainted value to a name, attribute or key containing one of these words, such as
``token``: a use that makes the value a secret), and ``when_argument: {POSITION: [VALUE...]}``
beside ``requires_keywords``, which reports a call only when that argument is a constant among
the values, compared without case (``hashlib.new("md5")``); with either, ``unless_purpose:
[WORD...]`` spares a call whose purpose the code names with one of the words (the function
or class it is in, or the name, attribute or key its result is bound to: MD5 in ``etag_for``).
``sets: {KEY: VALUE}`` is a configuration sink too: setting a key to that constant, as a
keyword of one of ``calls`` (``app.config.update(SESSION_COOKIE_SECURE=False)``) or under a
constant key of one of ``stores`` (``app.config["SESSION_COOKIE_SECURE"] = False``).
A sanitiser with
``guarded_by: prefix-check`` cleans only once its result is checked with ``startswith`` and the
code leaves the function when the check fails (``os.path.realpath`` for path traversal);
one with ``guarded_by: host-check`` parses a URL (``parts = urlparse(url)``) and cleans the
URL it was given on the branch where the parse's ``hostname`` or ``netloc`` was checked against
an allow-list or a constant; one with ``guarded_by: validator`` is a yes/no check that cleans
its first argument on the branch where it said yes (Django's ``url_has_allowed_host_and_scheme``).

A sink may say ``configured``: it applies only when an object passed to the call (``object:
receiver``, or ``{position: N, keyword: K}``; ``object: call`` for the call itself) was made by
one of ``made_by`` and set up with one of ``settings``, as a keyword of the call that made it or
through ``setFeature(NAME, VALUE)`` (an XML parser that resolves external entities).

``exits`` name the calls that never return (``flask.abort``, ``sys.exit``; raising an exception
class such as ``fastapi.HTTPException`` by calling it counts too)::

    exits:
      - id: flask-abort
        calls: [flask.abort, werkzeug.exceptions.abort]

A branch that ends in one leaves the code after it, so ``if name not in ALLOWED: abort(400)``
guards what follows as ``return`` or ``raise`` would. Exits apply whatever the module imports.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from importlib import resources
from pathlib import Path
from typing import Generic, NamedTuple, TypeVar

from aicc.core.errors import LocatedError
from aicc.core.files import read_regular
from aicc.core.yamlfile import YamlFileError, parse_yaml_document

_WORD = re.compile(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")


def name_words(name: str) -> str:
    """``_rememberMe_token`` -> ``_remember_me_token_``, for matching whole words."""
    return "_" + "_".join(w.lower() for w in _WORD.findall(name)) + "_"


def has_word(words: str, wanted: Iterable[str]) -> bool:
    """Whether ``words`` (`name_words`) holds one of ``wanted``, or its plural."""
    return any(f"_{w}_" in words or f"_{w}s_" in words for w in wanted)


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
    keys: tuple[str, ...] = ()  # of a mapping source: the keys (globs) that are untrusted
    #: words: a value whose name (variable, parameter, attribute, constant key) holds one
    named: tuple[str, ...] = ()
    #: beside ``named``: words that rule a name out (``password_hash`` holds no password)
    unless_named: tuple[str, ...] = ()

    def configuration_key(self, key: object) -> bool:
        """Whether a read of constant ``key`` from this mapping source is configuration, not
        untrusted data (the rule names ``keys`` and ``key`` is a string matching none)."""
        return (
            bool(self.keys)
            and isinstance(key, str)
            and not any(fnmatchcase(key, pattern) for pattern in self.keys)
        )


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
    unless_fixed_prefix: bool = False
    unescaped_in_template: int | None = None
    header: str | None = None
    #: words: a configuration sink is not reported where the code names one of these as
    #: the call's purpose (``etag`` for MD5): `aicc.code.taint.FunctionWalk.purpose`
    unless_purpose: tuple[str, ...] = ()
    #: only where the object the method is called on carries taint too (an upload saved)
    with_receiver: bool = False
    #: KEY: VALUE settings that are weak, set as a call's keywords or stored under a key
    sets: tuple[tuple[str, object], ...] = ()

    @property
    def configuration(self) -> bool:
        """Whether the sink is a weak configuration, reported with no taint."""
        return bool(self.requires_keywords or self.when_argument or self.sets)


@dataclass(frozen=True)
class Configured:
    """The object a sink needs, and how it must have been set up."""

    receiver: bool
    position: int | None
    keyword: str | None
    made_by: tuple[str, ...]
    settings: tuple[tuple[str, object], ...]


@dataclass(frozen=True)
class ExitRule:
    """Calls that never return: the branch that makes one leaves the code after it."""

    id: str
    calls: tuple[str, ...]


@dataclass(frozen=True)
class RuleSet:
    """All rules in force for a scan."""

    sources: tuple[SourceRule, ...] = ()
    sanitizers: tuple[SanitizerRule, ...] = ()
    sinks: tuple[SinkRule, ...] = ()
    origins: tuple[tuple[str, str], ...] = ()  # (rule id, the file that declares it)
    exits: tuple[ExitRule, ...] = ()
    #: the indexes of each choice of sources and sinks asked for (`indexes`), by their ids
    _indexes: dict[tuple[int, ...], RuleIndexes] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def indexes(self, sources: Sequence[SourceRule], sinks: Sequence[SinkRule]) -> RuleIndexes:
        """The pattern indexes of some of this set's sources and sinks (those a module's
        imports call for), with all its sanitisers and exits: made once for each choice, as
        the modules of a scan make few different ones (each module of a round asked anew
        was 3% of a scan's CPU)."""
        key = (*(id(s) for s in sources), -1, *(id(s) for s in sinks))
        found = self._indexes.get(key)
        if found is None:
            found = self._indexes[key] = RuleIndexes(
                PatternIndex((s.attributes, s) for s in sources),
                PatternIndex((s.calls, s) for s in sources),
                PatternIndex((z.calls, z) for z in self.sanitizers),
                PatternIndex((s.calls, s) for s in sinks if s.calls),
                PatternIndex((s.stores, s) for s in sinks if s.stores),
                self.exit_calls(),
            )
        return found

    def __add__(self, other: RuleSet) -> RuleSet:
        """Both sets of rules; a rule id declared in both is a `CodeRulesError` naming it and
        the two files."""
        declared = dict(self.origins)
        for rule_id, path in other.origins:
            if rule_id in declared:
                raise CodeRulesError(
                    f"rule id {rule_id!r} is already declared in {declared[rule_id]}; "
                    "rule ids must be unique across rules files",
                    path=path,
                )
        return RuleSet(
            self.sources + other.sources,
            self.sanitizers + other.sanitizers,
            self.sinks + other.sinks,
            self.origins + other.origins,
            self.exits + other.exits,
        )

    def ids(self) -> list[str]:
        """Every rule id: sources, sanitisers, sinks and exits."""
        return [
            *(r.id for r in self.sources),
            *(r.id for r in self.sanitizers),
            *(r.id for r in self.sinks),
            *(r.id for r in self.exits),
        ]

    def exit_calls(self) -> frozenset[str]:
        """Every call an exit rule names."""
        return frozenset(call for rule in self.exits for call in rule.calls)

    def chosen(self, select: Iterable[str] = (), skip: Iterable[str] = ()) -> RuleSet:
        """Only the sinks ``select`` names (all when it is empty), less those ``skip`` names;
        each entry is a sink rule id or ``CWE-N``. Sources and sanitisers stay. An entry that
        names no sink is a `CodeRulesError`."""
        select, skip = list(select), list(skip)
        for entry, option in [*((e, "--select") for e in select), *((e, "--skip") for e in skip)]:
            if not any(_names_sink(entry, sink) for sink in self.sinks):
                other = entry in self.ids()
                raise CodeRulesError(
                    f"{option} {entry}: "
                    + (
                        "is a source, sanitiser or exit; give a sink rule id or CWE-N"
                        if other
                        else "no rule has this id or CWE (give a sink rule id or CWE-N)"
                    )
                )
        sinks = tuple(
            sink
            for sink in self.sinks
            if (not select or any(_names_sink(e, sink) for e in select))
            and not any(_names_sink(e, sink) for e in skip)
        )
        return RuleSet(self.sources, self.sanitizers, sinks, self.origins, self.exits)


def parse_cwe(entry: str) -> int | None:
    """``CWE-89`` (any case) as 89; None for anything else."""
    head, dash, number = entry.strip().partition("-")
    if dash and head.upper() == "CWE" and number.isdigit():
        return int(number)
    return None


def _names_sink(entry: str, sink: SinkRule) -> bool:
    return entry == sink.id or parse_cwe(entry) == sink.cwe


def name_matches(pattern: str, name: str) -> bool:
    """Whether the dotted ``name`` is what ``pattern`` means (``*.x`` matches any ``recv.x``)."""
    if pattern.startswith("*."):
        return name.endswith(pattern[1:]) and len(name) > len(pattern) - 1
    return pattern == name


T = TypeVar("T")
#: How many names a `PatternIndex` remembers the answers for before it starts again.
_FOUND_KEPT = 1 << 16


class PatternIndex(Generic[T]):
    """Items found by the dotted name a pattern of theirs matches, in one or two dict lookups
    (exact names, and ``*.attr`` by the last attribute), in the order they were added."""

    def __init__(self, entries: Iterable[tuple[Iterable[str], T]] = ()) -> None:
        self._exact: dict[str, list[T]] = {}
        # `*.a.b` patterns by their last attribute, with the whole tail to check
        self._suffix: dict[str, list[tuple[str, T]]] = {}
        self._order: dict[int, int] = {}
        #: what `find` gave for each name asked (the walk asks the same names again and again)
        self._found: dict[str, list[T]] = {}
        self._owners: dict[str, list[T]] | None = None
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

    def attributes_of(self, name: str) -> list[T]:
        """The items with an exact pattern that is an attribute of ``name`` (``flask.request``
        for ``flask.request.args``): what the object ``name`` holds."""
        if self._owners is None:
            owners: dict[str, list[T]] = {}
            for pattern, items in self._exact.items():
                held = owners.setdefault(pattern.rpartition(".")[0], [])
                held.extend(item for item in items if not any(item is h for h in held))
            self._owners = owners
        return self._owners.get(name, [])

    def find(self, name: str) -> list[T]:
        """The items with a pattern matching ``name``, each once, in the order added (the
        list is shared between calls: not to be changed)."""
        found = self._found.get(name)
        if found is None:
            if len(self._found) >= _FOUND_KEPT:
                self._found.clear()
            found = self._found[name] = self._lookup(name)
        return found

    def _lookup(self, name: str) -> list[T]:
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


class RuleIndexes(NamedTuple):
    """The rules in force in one module, indexed by the names their patterns match."""

    source_attributes: PatternIndex[SourceRule]
    source_calls: PatternIndex[SourceRule]
    sanitizers: PatternIndex[SanitizerRule]
    sink_calls: PatternIndex[SinkRule]
    sink_stores: PatternIndex[SinkRule]
    exits: frozenset[str]


#: the kinds of taint; a rule's label is one of them
LABELS = ("untrusted", "weak-random", "password")


def parse_rules(text: str, path: str) -> RuleSet:
    """Parse and validate one rules document; ``path`` names it in errors."""
    try:
        document = parse_yaml_document(text, path)
    except YamlFileError as exc:
        raise CodeRulesError(exc.message, path=path, location=exc.location) from exc
    # Imported here, not at the top: the file's models import pydantic, which AICC loads only
    # when it reads rules (`aicc --version` stays fast). The shape is declared there.
    from aicc.code.rules_file import build_rules

    return build_rules(document, path)


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
