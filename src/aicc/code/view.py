"""What the taint walk may know of the module it walks, read-only: its imports, constants and
collections, the summaries of the scanned code's functions, and the rules in force there.

`aicc.code.module.ModuleAnalysis` makes one `ModuleView` per module; the walk
(`aicc.code.taint`) reads it and returns what it found, and never writes into it.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from dataclasses import dataclass, field

from aicc.code.facts import ModuleFacts, resolve_alias
from aicc.code.fold import NOT_CONSTANT, dotted, fold_constant
from aicc.code.rules import PatternIndex, SanitizerRule, SourceRule, has_word, name_words
from aicc.code.state import State
from aicc.code.summaries import Index, Summary
from aicc.core.code_findings import PathStep

#: Calls whose result is a setting that is on, as a keyword of a call that makes an object:
#: Jinja's ``autoescape=select_autoescape()`` escapes (html and xml templates by default).
TRUE_CALLS: dict[str, object] = {"jinja2.select_autoescape": True}

#: An object made by a call: the resolved name of what made it, and its constant settings.
Made = tuple[str, dict[str, object]]


@dataclass(frozen=True)
class ModuleView:
    """One module as the walk sees it. ``local`` is the module's own summaries so far (the
    analysis adds to it between walks; the walk only reads it)."""

    file: str
    lines: list[str]
    names: tuple[str, ...]
    facts: ModuleFacts
    index: Index
    local: Mapping[str, Summary]
    source_attributes: PatternIndex[SourceRule]
    source_calls: PatternIndex[SourceRule]
    sanitizers: PatternIndex[SanitizerRule]
    #: calls that never return (``flask.abort``, ``sys.exit``), from the rules' ``exits``
    exits: frozenset[str]
    #: the sources of values by their names (`SourceRule.named`: a password)
    named_sources: tuple[SourceRule, ...] = ()
    #: name -> the labels it gives a value (the walk asks the same names again and again)
    _named: dict[str, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)

    @property
    def aliases(self) -> Mapping[str, str]:
        return self.facts.aliases

    @property
    def collections(self) -> Mapping[str, frozenset[object]]:
        return self.facts.collections

    def resolve(self, name: str) -> str:
        return resolve_alias(name, self.facts.aliases)

    def named_labels(self, name: str) -> frozenset[str]:
        """The labels a value's name gives it, whatever it holds (``new_password``: a
        password), from the sources with ``named`` words."""
        if not self.named_sources:
            return frozenset()
        found = self._named.get(name)
        if found is None:
            words = name_words(name)
            found = self._named[name] = frozenset(
                source.label
                for source in self.named_sources
                if has_word(words, source.named) and not has_word(words, source.unless_named)
            )
        return found

    def step(self, line: int) -> PathStep:
        code = self.lines[line - 1].strip() if 0 < line <= len(self.lines) else ""
        return PathStep(self.file, line, code)

    def qualified(self, name: str) -> str:
        return f"{self.names[0]}.{name}"

    def validates(self, resolved: str) -> frozenset[int] | None:
        """The CWEs a validating function rules out for its first argument, or None."""
        for name in (resolved, f"<local>.{resolved}"):  # `*.is_safe_url` for a local one too
            for sanitizer in self.sanitizers.find(name):
                if sanitizer.guarded_by == "validator":
                    return sanitizer.cwes
        summary = self.summary(resolved)  # a validating function of the scanned code
        return summary.validates.get(0) if summary is not None else None

    def table(self, name: str) -> bool | None:
        """Whether ``name`` is a module-level collection of this or another scanned module:
        True for a dict of constants (a lookup table), False for another collection, None when
        it is neither."""
        if name in self.facts.collections:
            return name in self.facts.mappings
        resolved = self.resolve(name)
        return self.index.tables.get(resolved) if resolved != name else None

    def instance_field(self, name: str, state: State) -> str | None:
        """The module-level name ``self.x`` holds in a method, when the class's one instance
        was given it (`aicc.code.facts.ModuleFacts.instance_fields`)."""
        owner, _, attribute = name.partition(".")
        cls = state.types.get(owner) if owner == "self" else None
        if cls is None or "." in attribute:
            return None
        module, _, short = cls.rpartition(".")
        if module != self.names[0]:
            return None
        value = self.facts.instance_fields.get(short, {}).get(attribute)
        return value.id if isinstance(value, ast.Name) and value.id in self.facts.once else None

    def class_call(self, owner: str, attribute: str) -> str | None:
        """The function a class of this module names by ``attribute`` (``pick =
        staticmethod(random.choices)``), resolved; ``owner`` is the qualified class."""
        module, _, cls = owner.rpartition(".")
        if module != self.names[0]:
            return None
        target = self.facts.class_calls.get(cls, {}).get(attribute)
        return self.resolve(target) if target is not None else None

    def summary(self, resolved: str) -> Summary | None:
        """The summary of a function, class or method by the name a call resolves to."""
        found = self.local.get(resolved) or self.index.summaries.get(resolved)
        if found is None and resolved not in self.facts.aliases.values():
            found = self.index.summaries.get(self.qualified(resolved))  # defined here
        return found

    def method(self, cls: str, name: str, depth: int = 0) -> Summary | None:
        """The summary of method ``name`` of class ``cls``, its own or one it inherits from a
        base class of the scanned code (``self.fetch(sql)`` in a repository subclass)."""
        found = self.summary(f"{cls}.{name}")
        if found is not None or depth > 4:
            return found
        for base in self.index.bases.get(cls, ()):
            inherited = self.method(base, name, depth + 1)
            if inherited is not None:
                return inherited
        return None

    def made(self, call: ast.Call, state: State) -> Made | None:
        """What a call makes, with the constant keywords it was given; for a function of the
        scanned code that returns one object (a factory), that object."""
        name = dotted(call.func)
        if name is None:
            return None
        owner, _, field_name = name.rpartition(".")
        if owner in state.types:  # `self.parser_factory()`, a function `__init__` kept
            name = self.class_call(state.types[owner], field_name) or name
        partial = self.facts.partials.get(name)
        if partial is not None and partial.args and dotted(partial.args[0]) is not None:
            # `FEED_PARSER()` where `FEED_PARSER = functools.partial(etree.XMLParser, ...)`
            call = ast.Call(
                partial.args[0],
                [*partial.args[1:], *call.args],
                [*partial.keywords, *call.keywords],
            )
            name = dotted(call.func) or name
        factory = self.summary(self.resolve(name))
        if factory is not None and factory.made is not None:
            return factory.made  # `parser = vendor_parser()`: what the factory makes
        settings: dict[str, object] = {}
        with_defaults: dict[str, object] | None = None
        for keyword, given in self.keywords(call, state):
            value = fold_constant(given, state.constants)
            if value is NOT_CONSTANT and state.defaults:  # a parameter no caller passed
                if with_defaults is None:
                    folded = {
                        n: fold_constant(d, state.constants) for n, d in state.defaults.items()
                    }
                    with_defaults = {
                        **{n: v for n, v in folded.items() if v is not NOT_CONSTANT},
                        **state.constants,
                    }
                value = fold_constant(given, with_defaults)
            if isinstance(given, ast.Call) and (called := dotted(given.func)) is not None:
                value = TRUE_CALLS.get(self.resolve(called), value)
            if keyword is not None and value is not NOT_CONSTANT:
                settings[keyword] = value
        return self.resolve(name), settings

    def dispatched(self, node: ast.expr) -> frozenset[str] | None:
        """The functions ``TABLE[key]`` (or ``TABLE.get(key)``) may be, for a module-level dict
        literal whose values are all functions or classes named by their dotted names
        (``{"default": hashlib.sha1}``)."""
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "get"
            and len(node.args) == 1
            and not node.keywords
        ):  # `TABLE.get(key)`: one of the table's values (or None)
            node = ast.Subscript(node.func.value, node.args[0])
        if not isinstance(node, ast.Subscript) or not isinstance(node.value, ast.Name):
            return None
        entries = self.facts.options.get(node.value.id)
        if not entries:
            return None
        named = [_names_of(value) for value in entries.values()]
        if any(not names for names in named):
            return None
        key = fold_constant(node.slice)
        if isinstance(key, str) and key in entries:
            named = [_names_of(entries[key])]
        return frozenset(self.resolve(name) for names in named for name in names)

    def keywords(
        self, call: ast.Call, state: State | None = None
    ) -> list[tuple[str | None, ast.expr]]:
        """A call's keywords, with those of ``**NAME`` for a module-level dict literal
        (``yaml.load(text, **OPTIONS)``) spelt out, as are a parameter whose default is one,
        a field the module's one instance was given one in (``**self.options``) and a module
        function that returns one (``**cookie_options()``); another ``**x`` stays as
        ``(None, x)``."""
        given: list[tuple[str | None, ast.expr]] = []
        for keyword in call.keywords:
            name = keyword.value.id if isinstance(keyword.value, ast.Name) else None
            if state is not None and isinstance(keyword.value, ast.Attribute):
                written = dotted(keyword.value)  # `**self.options`: the instance's options
                name = self.instance_field(written, state) if written else None
            default = state.defaults.get(name or "") if state is not None else None
            if isinstance(default, ast.Name) and name not in self.facts.options:
                name = default.id  # `def parse(f, options=OPTIONS): iterparse(f, **options)`
            value = keyword.value
            if (
                keyword.arg is None
                and isinstance(value, ast.Call)
                and isinstance(value.func, ast.Name)
                and value.func.id in self.facts.returned_options
            ):  # `set_cookie(name, value, **cookie_options())`
                given += self.facts.returned_options[value.func.id].items()
                continue
            if keyword.arg is None and name in self.facts.options:
                given += self.facts.options[name].items()
            else:
                given.append((keyword.arg, keyword.value))
        return given

    def exits_by(self, name: str) -> bool:
        """Whether calling ``name`` (as written, or resolved) never returns."""
        return name in self.exits or self.resolve(name) in self.exits


def _names_of(value: ast.expr) -> list[str]:
    """The dotted names a table's value may be: ``yaml.SafeLoader``, or either one of
    ``getattr(yaml, "CSafeLoader", yaml.SafeLoader)``; none when it is anything else."""
    name = dotted(value)
    if name is not None:
        return [name]
    if (
        isinstance(value, ast.Call)
        and dotted(value.func) == "getattr"
        and len(value.args) in (2, 3)
        and not value.keywords
    ):
        owner, attribute = dotted(value.args[0]), fold_constant(value.args[1])
        default = [dotted(value.args[2])] if len(value.args) == 3 else []
        if owner is None or not isinstance(attribute, str) or None in default:
            return []
        return [f"{owner}.{attribute}", *(d for d in default if d is not None)]
    return []
