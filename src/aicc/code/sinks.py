"""Where the walk's data meets the sinks: the calls, returns, stores and names a tainted value
reaches, how the call or the objects it is given are configured, and what counts as text
written into a response.

`SinkChecks` answers the walk (`aicc.code.taint`) with the sinks each event reaches; the walk
records them. It knows the sink rules in force in one module and reads the module's
`aicc.code.view.ModuleView`.
"""

from __future__ import annotations

import ast
import copy
import re
from collections.abc import Sequence
from dataclasses import replace

from aicc.code.fold import (
    NOT_CONSTANT,
    dotted,
    fixes_host,
    fold_constant,
    is_sequence_expression,
    leading_text,
)
from aicc.code.rules import PatternIndex, SinkRule, has_word, name_matches, name_words
from aicc.code.state import State, Taint
from aicc.code.taint import Hit
from aicc.code.view import Made, ModuleView

_SAFE_FILTER = re.compile(r"\{\{-?\s*(\w+)[^}]*\|\s*safe\b")
_AUTOESCAPE_OFF = re.compile(
    r"\{%-?\s*autoescape\s+false\s*-?%\}(.*?)\{%-?\s*endautoescape", re.DOTALL | re.I
)
_VARIABLE = re.compile(r"\{\{-?\s*(\w+)")
#: ``{% for a, b in rows %}``: the loop's names and the variable it walks
_FOR = re.compile(r"\{%-?\s*for\s+(\w+(?:\s*,\s*\w+)*)\s+in\s+(\w+)")


class SinkChecks:
    """The sink rules in force in one module, asked by the walk at each call, return, store
    and binding. ``return_sinks`` are those a return of the function walked reaches (its
    decorators or parameters make it a view); none outside the findings' walks."""

    def __init__(
        self,
        view: ModuleView,
        sinks: Sequence[SinkRule],
        call_index: PatternIndex[SinkRule] | None = None,
        store_index: PatternIndex[SinkRule] | None = None,
    ) -> None:
        """``call_index`` and ``store_index`` index ``sinks`` by their ``calls`` and
        ``stores`` (`aicc.code.rules.RuleSet.indexes`); made here when not given."""
        self.view = view
        self.call_index = (
            PatternIndex((s.calls, s) for s in sinks if s.calls)
            if call_index is None
            else call_index
        )
        self.store_index = (
            PatternIndex((s.stores, s) for s in sinks if s.stores)
            if store_index is None
            else store_index
        )
        self.naming = tuple(s for s in sinks if s.assigned_to)
        #: the ids of the sinks that are weak as configured, taint or not
        self.configuration = frozenset(s.id for s in sinks if s.configuration)
        #: name -> the `naming` sinks its words make it one of (bindings repeat names)
        self._named: dict[str, tuple[SinkRule, ...]] = {}
        self.return_sinks: tuple[SinkRule, ...] = ()

    def returning(self, return_sinks: Sequence[SinkRule]) -> SinkChecks:
        """These checks, for a function whose returns reach ``return_sinks``."""
        checks = copy.copy(self)
        checks.return_sinks = tuple(return_sinks)
        return checks

    @property
    def names_matter(self) -> bool:
        """Whether any sink reacts to the name a value is bound to (``assigned_to``)."""
        return bool(self.naming)

    def call(
        self,
        node: ast.Call,
        resolved: str,
        args: list[Taint | None],
        keywords: dict[str | None, Taint | None],
        state: State,
        receiver: Taint | None,
        *,
        configuration: bool,
    ) -> list[Hit]:
        """The sinks a call to ``resolved`` reaches with the data given to it; with
        ``configuration``, also the calls that are weak as configured, taint or not."""
        hits: list[Hit] = []
        for sink in self.call_index.find(resolved):
            if sink.configuration:
                # a configuration sink: the call itself is the weakness, taint or not
                if configuration and self.misconfigured(node, sink, state):
                    hits.append((sink, Taint((self.view.step(node.lineno),))))
                continue
            if self.safely_configured(node, sink, state) or (
                sink.configured is not None and not self.set_up_so(node, sink, state)
            ):
                continue
            if sink.with_receiver and (receiver is None or not receiver.reaches(sink)):
                continue  # `storage.save(path)` of an object that is not the request's
            flows = [(node.args[i], args[i]) for i in sink.args if i < len(args)]
            flows += [(k.value, keywords[k.arg]) for k in node.keywords if k.arg in sink.keywords]
            if sink.header is not None:
                flows = [
                    # a name the walk follows carries its own data; else the list's
                    (value, state.taint.get(name) if (name := dotted(value)) else taint)
                    for argument, taint in flows
                    for value in _header_values(argument, sink.header, state)
                ]
            if sink.unescaped_in_template is not None:
                unescaped = self.unescaped(node, sink.unescaped_in_template, state)
                flows += [(k.value, keywords[k.arg]) for k in node.keywords if k.arg in unescaped]
                if unescaped:
                    # `render_template_string(PAGE, **context)`: the mapping's values fill the
                    # template's names, so its data reaches the unescaped ones (only those
                    # keys of a dict literal written here)
                    flows += [
                        (k.value, _unpacked(k.value, unescaped, keywords[None], state))
                        for k in node.keywords
                        if k.arg is None
                    ]
            if sink.receiver and isinstance(node.func, ast.Attribute):
                flows.append((node.func.value, receiver))
            for argument, value in flows:
                if value is None or not value.reaches(sink):
                    continue
                if (
                    sink.unless_sequence
                    and self.is_sequence(argument, state)
                    and not self.shell_true(node)
                    and not _shell_list(argument)
                ):
                    continue
                if (
                    sink.text_only
                    and not is_text_like(argument)
                    and not self.text_call(argument, state)
                ):
                    continue
                if (
                    sink.unless_sequence
                    and _as_given(argument, value)
                    and not self.shell_true(node)
                ):
                    value = replace(value, unless_sequence=True)
                if sink.unless_fixed_prefix and fixes_host(leading_text(argument, state.constants)):
                    continue
                hits.append((sink, value))
                break
        return hits

    def returned(self, node: ast.expr, value: Taint, state: State) -> list[Hit]:
        """The sinks a value returned from the function walked reaches (a view's page)."""
        return [
            (sink, value)
            for sink in self.return_sinks
            if value.reaches(sink)
            and (is_text_like(node, lists=bool(sink.returned_by)) or self.text_call(node, state))
        ]

    def text_call(self, node: ast.expr, state: State) -> bool:
        """Whether ``node`` calls a function or method of the scanned code that always
        returns text it builds (``html_page(...)``, ``self.render_flash(...)``)."""
        if not isinstance(node, ast.Call):
            return False
        name = dotted(node.func)
        if name is None:
            return False
        owner, _, method = name.rpartition(".")
        summary = (
            self.view.method(state.types[owner], method)
            if owner in state.types
            else self.view.summary(self.view.resolve(name))
        )
        return summary is not None and summary.text

    def stored(
        self, resolved: str, made: Made | None, key: Taint | None, value: Taint | None
    ) -> list[Hit]:
        """The sinks ``container[key] = value`` reaches, the container named ``resolved`` (or
        made by ``made``): the key or the value tainted."""
        found = self.store_index.find(resolved)
        if made is not None:
            found = [*found, *(s for s in self.store_index.find(made[0]) if s not in found)]
        # both are checked: in a helper (`session[key] = value`) each may be another
        # parameter, and a call may taint either one
        return [
            (sink, carried)
            for sink in found
            if not sink.sets
            for carried in (key, value)
            if carried is not None and carried.reaches(sink)
        ]

    def settings_stored(
        self, resolved: str, key: ast.expr, value: ast.expr, state: State
    ) -> list[SinkRule]:
        """The `sets` sinks ``container[key] = value`` reaches: a weak setting stored under
        its key (``app.config["SESSION_COOKIE_SECURE"] = False``)."""
        found = [s for s in self.store_index.find(resolved) if s.sets]
        if not found:
            return []
        setting = (fold_constant(key, state.constants), fold_constant(value, state.constants))
        return [s for s in found if setting in s.sets]

    def named(self, name: str, value: Taint) -> list[Hit]:
        """The sinks a value bound to ``name`` reaches: a name that makes it a secret."""
        if not self.naming:
            return []
        sinks = self._named.get(name)
        if sinks is None:
            words = name_words(name.rsplit(".", 1)[-1])
            sinks = self._named[name] = tuple(
                sink for sink in self.naming if has_word(words, sink.assigned_to)
            )
        return [(sink, value) for sink in sinks if value.reaches(sink)]

    @staticmethod
    def unescaped(node: ast.Call, position: int, state: State) -> frozenset[str]:
        """The variables a constant Jinja template (argument ``position``) writes without
        escaping: ``{{ name|safe }}``, or any inside ``{% autoescape false %}``."""
        if position >= len(node.args):
            return frozenset()
        template = fold_constant(node.args[position], state.constants)
        if not isinstance(template, str):
            return frozenset()
        names = set(_SAFE_FILTER.findall(template))
        for block in _AUTOESCAPE_OFF.findall(template):
            names |= set(_VARIABLE.findall(block))
        loops = _FOR.findall(template)
        for _ in loops:  # `{% for e in entries %}{{ e.comment|safe }}`: `entries`, nested too
            names |= {walked for bound, walked in loops if names & set(re.split(r"\s*,\s*", bound))}
        return frozenset(names)

    def set_up_so(self, node: ast.Call, sink: SinkRule, state: State) -> bool:
        """Whether the object a ``configured`` sink needs was made and set up as it says."""
        wanted = sink.configured
        assert wanted is not None
        argument: ast.expr | None = None
        if wanted.receiver:
            argument = node.func.value if isinstance(node.func, ast.Attribute) else None
        elif wanted.position is None and wanted.keyword is None:
            argument = node  # the call itself, with its own keywords
        else:
            if wanted.position is not None and wanted.position < len(node.args):
                argument = node.args[wanted.position]
            for keyword in node.keywords:
                if keyword.arg == wanted.keyword:
                    argument = keyword.value
        if argument is None:
            return False
        made = (
            self.view.made(argument, state)
            if isinstance(argument, ast.Call)
            else (state.objects.get(dotted(argument) or ""))
        )
        if made is None or not any(name_matches(p, made[0]) for p in wanted.made_by):
            return False
        return not wanted.settings or any(
            made[1].get(key, NOT_CONSTANT) == value for key, value in wanted.settings
        )

    def safely_configured(self, node: ast.Call, sink: SinkRule, state: State) -> bool:
        for keyword, safe_values in sink.safe_keywords:
            for arg, given in self.view.keywords(node):
                if arg == keyword:
                    value = dotted(given)
                    if value is not None and (
                        value in safe_values or self.view.resolve(value) in safe_values
                    ):
                        return True
                    # picked from a table whose every entry is safe: `Loader=LOADERS[name]`
                    picked = (
                        state.callees.get(value)
                        if value is not None
                        else self.view.dispatched(given)
                    )
                    if picked and picked <= set(safe_values):
                        return True
        return False

    def misconfigured(self, node: ast.Call, sink: SinkRule, state: State) -> bool:
        """Whether a call has a weak argument or setting, or lacks a required keyword value."""
        if sink.sets:
            given = dict(self.view.keywords(node, state))
            return any(
                key in given and fold_constant(given[key], state.constants) == weak
                for key, weak in sink.sets
            )
        for position, weak in sink.when_argument:
            if position >= len(node.args):
                return False
            value = fold_constant(node.args[position], state.constants)
            if not isinstance(value, str) or value.lower() not in weak:
                return False
        keywords = self.view.keywords(node, state)
        if any(arg is None for arg, _ in keywords):
            return False  # `**options` may well carry it
        given = dict(keywords)
        if not sink.requires_keywords:
            return True
        for keyword, required in sink.requires_keywords:
            if keyword not in given:
                return True
            value = fold_constant(given[keyword], state.constants)
            if value is not NOT_CONSTANT and value != required:
                return True
        return False

    @staticmethod
    def shell_true(node: ast.Call) -> bool:
        return any(
            k.arg == "shell" and fold_constant(k.value) not in (False, None, 0)
            for k in node.keywords
        )

    @staticmethod
    def is_sequence(argument: ast.expr, state: State) -> bool:
        return is_sequence_expression(argument) or (
            isinstance(argument, ast.Name) and argument.id in state.sequences
        )


def _as_given(argument: ast.expr, value: Taint) -> bool:
    """Whether ``argument`` names a parameter of the summarised function, still as given."""
    return (
        isinstance(argument, ast.Name)
        and len(value.steps) == 1
        and bool(value.origins)
        and all(origin.startswith("p") for origin in value.origins)
    )


_SHELLS = frozenset(
    {
        "sh",
        "bash",
        "zsh",
        "dash",
        "ksh",
        "/bin/sh",
        "/bin/bash",
        "/usr/bin/env",
        "cmd",
        "cmd.exe",
        "powershell",
        "pwsh",
    }
)


def _shell_list(argument: ast.expr) -> bool:
    """``["sh", "-c", script]``: a command list that hands its script to a shell."""
    if not isinstance(argument, (ast.List, ast.Tuple)) or not argument.elts:
        return False
    first = fold_constant(argument.elts[0])
    return (
        isinstance(first, str)
        and first in _SHELLS
        and any(fold_constant(e) in ("-c", "/c", "-Command") for e in argument.elts[1:])
    )


def _header_values(argument: ast.expr, header: str, state: State) -> list[ast.expr]:
    """The values paired with ``header`` (any case) in a list of ``(name, value)`` pairs
    written here."""
    if not isinstance(argument, (ast.List, ast.Tuple)):
        return []
    return [
        pair.elts[1]
        for pair in argument.elts
        if isinstance(pair, ast.Tuple)
        and len(pair.elts) == 2
        and str(fold_constant(pair.elts[0], state.constants)).lower() == header.lower()
    ]


def _unpacked(
    mapping: ast.expr, names: frozenset[str], whole: Taint | None, state: State
) -> Taint | None:
    """What a ``**mapping`` passes for the template's ``names``: the mapping's data, unless
    it is a dict literal of constant keys that gives each of those names a constant."""
    if not isinstance(mapping, ast.Dict) or any(key is None for key in mapping.keys):
        return whole
    for key, value in zip(mapping.keys, mapping.values, strict=True):
        if (
            key is not None
            and fold_constant(key, state.constants) in names
            and fold_constant(value, state.constants) is NOT_CONSTANT
        ):
            return whole
    return None


def is_text_like(node: ast.expr, *, lists: bool = False) -> bool:
    """Whether a returned value is plausibly a text body (not a dict, list or response call).

    Frameworks turn dicts into JSON and pass response objects through, so only text built here
    (names, f-strings, concatenation, ``"...".format()``) counts as a page; the body of a
    ``(body, status)`` tuple is looked at; with ``lists`` (WSGI), any item of a list.
    """
    if isinstance(node, ast.Tuple) and not lists:
        return bool(node.elts) and is_text_like(node.elts[0])
    if isinstance(node, (ast.List, ast.Tuple)) and lists:
        return any(is_text_like(e) for e in node.elts)
    if isinstance(node, ast.Call):
        return isinstance(node.func, ast.Attribute) and node.func.attr in {
            "format",
            "join",
            "replace",
            "strip",
            "encode",
        }
    return isinstance(
        node,
        (ast.Name, ast.JoinedStr, ast.BinOp, ast.Subscript, ast.Attribute, ast.IfExp, ast.BoolOp),
    )
