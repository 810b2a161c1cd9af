"""The taint walk over one function body (or a module body), statement by statement.

A `State` maps names (``x``, ``self.value``) to the `Taint` they carry, with the constants,
list/dict shapes (`aicc.code.shapes`) and class instances known at that point. Taint enters
at the rules' sources, flows through assignments, string building, containers and calls, is
removed by sanitisers, guards (`aicc.code.guards`) and reassignment with clean values, and is
reported where it reaches a sink. Branches whose condition folds to a constant are walked on
their live side only. Calls to functions, classes and methods of the scanned code use their
summaries (`aicc.code.summaries`), across modules.

The walk reads the module through a read-only `aicc.code.view.ModuleView`, asks a `SinkCheck`
(`aicc.code.sinks.SinkChecks`) which sinks each call, return, store and binding reaches, and
returns what it found as a `Walked`. Each kind of statement, expression and assignment target
has its handler, found by the node's class in a table (`_STATEMENTS`, `_EXPRESSIONS`,
`_TARGETS`); a kind the tables do not name carries nothing and changes nothing.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from aicc.code.facts import MUTATORS, Function, pairs_of, setting_name
from aicc.code.fold import (
    NOT_CONSTANT,
    constant_collection,
    constant_mapping,
    dotted,
    fixes_host,
    fold_constant,
    fold_truth,
    is_sequence_expression,
    leading_text,
)
from aicc.code.guards import narrowings, terminates
from aicc.code.numeric_formats import format_text, numeric_spec, percent_text
from aicc.code.rules import SanitizerRule, SinkRule, has_word, name_words
from aicc.code.shapes import Shape
from aicc.code.state import State, Taint, merge, through
from aicc.code.summaries import Summary
from aicc.code.view import Made, ModuleView

#: A sink reached, with the data that reaches it.
Hit = tuple[SinkRule, Taint]


class SinkCheck(Protocol):
    """What the walk asks of the sinks (`aicc.code.sinks.SinkChecks`): the sinks each event
    reaches. The walk records each hit at the line of the event."""

    @property
    def names_matter(self) -> bool:
        """Whether `named` can find anything (binding is frequent: skipped when not)."""
        ...

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
        """A call to ``resolved`` with data ``args``, ``keywords`` and ``receiver``."""
        ...

    def returned(self, node: ast.expr, value: Taint, state: State) -> list[Hit]:
        """``return node`` of a value that carries ``value``."""
        ...

    def stored(
        self, resolved: str, made: Made | None, key: Taint | None, value: Taint | None
    ) -> list[Hit]:
        """``container[key] = value`` into the container named ``resolved``."""
        ...

    def settings_stored(
        self, resolved: str, key: ast.expr, value: ast.expr, state: State
    ) -> list[SinkRule]:
        """``container[key] = value`` of constants: a weak setting stored."""
        ...

    def named(self, name: str, value: Taint) -> list[Hit]:
        """``value`` bound to ``name``."""
        ...


@dataclass(frozen=True)
class Walked:
    """What a walk over one body found: the state at its end, the sinks reached, what its
    returns carry (merged, and each apart), what each nested function defined in it sees of
    it (in the order met), and the attributes of imported objects it stored taint in."""

    end: State
    hits: list[Hit]
    returned: Taint | None
    returns: list[Taint]
    closures: list[tuple[Function, dict[str, Taint]]]
    shared: dict[str, Taint]
    #: the object each return hands back, when it is one made by a known call (a factory's)
    made: list[Made | None] = field(default_factory=list)
    #: ``name[key] = value`` into a plain name: the name, and the key and value stored
    stored: list[tuple[str, Taint | None, Taint | None]] = field(default_factory=list)
    #: in a summary's walk, per return that may be true: the inputs (``p0``) it being true
    #: checks, with the CWEs ruled out (None: all); `validations`
    validations: list[dict[str, frozenset[int] | None]] = field(default_factory=list)
    #: per return, the instance of a class of the scanned code it hands back (a factory's)
    made_instances: list[tuple[str, dict[str, Taint]] | None] = field(default_factory=list)


def walk(
    view: ModuleView,
    checks: SinkCheck,
    body: Sequence[ast.stmt],
    state: State,
    *,
    sources_enabled: bool = True,
    function_name: str | None = None,
    purpose: str = "",
) -> Walked:
    """Walk ``body`` from ``state``; with ``sources_enabled`` off, only the data already in
    ``state`` is followed. ``function_name`` is the function whose body it is (what it
    returns is bound to that name, for `assigned_to` sinks); ``purpose`` the words of its
    name and its class's (`FunctionWalk.purpose`)."""
    walker = FunctionWalk(
        view, checks, sources_enabled=sources_enabled, function_name=function_name
    )
    walker.purpose = purpose
    end = walker.block(body, state)
    return Walked(
        end,
        walker.hits,
        walker.returned,
        walker.returns,
        walker.closures,
        walker.shared,
        walker.made,
        walker.stored,
        walker.validations,
        walker.made_instances,
    )


class FunctionWalk:
    """The walk over one body; collects the sink hits and what the body returns."""

    def __init__(
        self,
        view: ModuleView,
        checks: SinkCheck,
        *,
        sources_enabled: bool = True,
        function_name: str | None = None,
    ) -> None:
        self.view = view
        self.checks = checks
        self.names_matter = checks.names_matter
        self.sources_enabled = sources_enabled
        self.function_name = function_name
        #: The origin of taint read from a source: ``src`` in a summary's walk.
        self.source_origin: frozenset[str] = frozenset()
        self.returned: Taint | None = None
        self.returns: list[Taint] = []  # each return statement's value, apart
        self.hits: list[tuple[SinkRule, Taint]] = []
        self.instances: dict[int, tuple[str, dict[str, Taint]]] = {}
        self.closures: list[tuple[Function, dict[str, Taint]]] = []
        self.shared: dict[str, Taint] = {}
        self.made: list[Made | None] = []
        #: in an unrolled loop, the expressions its names stand for in this round
        self.entry: dict[str, ast.expr] = {}
        self.stored: list[tuple[str, Taint | None, Taint | None]] = []
        self.validations: list[dict[str, frozenset[int] | None]] = []
        #: per return, the instance of a class of the scanned code it hands back, if known
        self.made_instances: list[tuple[str, dict[str, Taint]] | None] = []
        #: the words (`name_words`) of the function walked and its class, and what the value
        #: being worked out is bound to (read only when a sink asks): what the code says a
        #: call is for (an ETag), for sinks with `unless_purpose`
        self.purpose = ""
        self.target: tuple[Sequence[ast.expr], State] | None = None

    def hit(self, sink: SinkRule, value: Taint, line: int) -> None:
        """Record that ``value`` reaches ``sink`` at ``line``; the last step is the sink. A
        sink the code says the call is not for (`SinkRule.unless_purpose`) is not reached."""
        if sink.unless_purpose and (
            has_word(self.purpose, sink.unless_purpose)
            or has_word(self.target_words(), sink.unless_purpose)
        ):
            return
        self.hits.append((sink, value.then(self.view.step(line))))

    def bound_value(
        self, targets: Sequence[ast.expr], value: ast.expr, state: State
    ) -> Taint | None:
        """The taint of ``value``, worked out knowing the names it is bound to (`target`)."""
        outer = self.target
        self.target = (targets, state)
        try:
            return self.expr(value, state)
        finally:
            self.target = outer

    def target_words(self) -> str:
        """The words of what the value being worked out is bound to (`target`)."""
        if self.target is None:
            return ""
        targets, state = self.target
        return "".join(_target_words(t, state) for t in targets)

    # -- statements -------------------------------------------------------------------------

    def block(self, body: Sequence[ast.stmt], state: State) -> State:
        for stmt in body:
            state = self.statement(stmt, state)
        return state

    def statement(self, stmt: ast.stmt, state: State) -> State:
        """The state after ``stmt``; a statement of no kind the walk follows changes none."""
        handler = _STATEMENTS.get(type(stmt))
        return state if handler is None else handler(self, stmt, state)

    def assign(self, stmt: ast.Assign, state: State) -> State:
        value = self.bound_value(stmt.targets, stmt.value, state)
        for target in stmt.targets:
            self.bind(target, stmt.value, value, state, stmt.lineno)
        return state

    def annotated_assign(self, stmt: ast.AnnAssign, state: State) -> State:
        if stmt.value is not None:
            value = self.bound_value([stmt.target], stmt.value, state)
            self.bind(stmt.target, stmt.value, value, state, stmt.lineno)
        annotation = dotted(stmt.annotation)
        if isinstance(stmt.target, ast.Name) and annotation is not None:
            # `store: ReadingStore = request.app["readings"]`: an instance of that class
            constructor = self.view.summary(self.view.resolve(annotation))
            if constructor is not None and constructor.cls is not None:
                state.types.setdefault(stmt.target.id, constructor.cls)
        return state

    def augmented_assign(self, stmt: ast.AugAssign, state: State) -> State:
        value = self.expr(stmt.value, state)
        old = self.expr(stmt.target, state)
        self.bind(stmt.target, None, merge(old, value), state, stmt.lineno)
        return state

    def expression_statement(self, stmt: ast.Expr, state: State) -> State:
        self.expr(stmt.value, state)
        return state

    def raise_statement(self, stmt: ast.Raise, state: State) -> State:
        """``raise web.HTTPFound(url)``: the exception is made, and its sinks reached (an
        aiohttp redirect is raised); the branch ends there."""
        self.expr(stmt.exc, state)
        self.expr(stmt.cause, state)
        return state

    def while_loop(self, stmt: ast.While, state: State) -> State:
        test = fold_truth(stmt.test, state.constants)
        if test is not NOT_CONSTANT and not test:
            return self.block(stmt.orelse, state)
        return self.loop(stmt.body, stmt.orelse, state, None, None, stmt.lineno)

    def for_loop(self, stmt: ast.For | ast.AsyncFor, state: State) -> State:
        iterated = self.expr(stmt.iter, state)
        entries = self.unrolled(stmt)
        if entries is None:
            return self.loop(stmt.body, stmt.orelse, state, stmt.target, iterated, stmt.lineno)
        # `for feature, value in FEATURES.items(): parser.setFeature(feature, value)`: each
        # entry of a table written here, in order, with the loop's names standing for it
        around = self.entry
        assert isinstance(stmt.target, (ast.Tuple, ast.List))
        for entry in entries:
            for name, expression in zip(stmt.target.elts, entry, strict=True):
                self.bind(name, expression, self.expr(expression, state), state, stmt.lineno)
            self.entry = {**around, **dict(zip(_names(stmt.target), entry, strict=True))}
            state = self.block(stmt.body, state)
        self.entry = around
        return self.block(stmt.orelse, state)

    def unrolled(self, stmt: ast.For | ast.AsyncFor) -> list[tuple[ast.expr, ast.expr]] | None:
        """The entries of ``for k, v in TABLE.items()`` over a dict literal, or of ``for k, v
        in PAIRS`` over a list or tuple of pairs, of at most `MAX_UNROLLED` entries, written
        here or at module level; None for another loop."""
        call, target = stmt.iter, stmt.target
        if len(_names(target)) == 2 and isinstance(call, (ast.Name, ast.List, ast.Tuple)):
            found = (
                self.view.facts.pairs.get(call.id) if isinstance(call, ast.Name) else pairs_of(call)
            )
            return found if found is not None and len(found) <= MAX_UNROLLED else None
        if (
            not isinstance(call, ast.Call)
            or not isinstance(call.func, ast.Attribute)
            or call.func.attr != "items"
            or call.args
            or len(_names(target)) != 2
        ):
            return None
        table = call.func.value
        if isinstance(table, ast.Name):
            table = self.view.facts.dicts.get(table.id, table)
        if not isinstance(table, ast.Dict) or len(table.keys) > MAX_UNROLLED:
            return None
        if any(key is None for key in table.keys):
            return None
        return [(k, v) for k, v in zip(table.keys, table.values, strict=True) if k is not None]

    def with_block(self, stmt: ast.With | ast.AsyncWith, state: State) -> State:
        for item in stmt.items:
            value = self.expr(item.context_expr, state)
            if item.optional_vars is not None:
                self.bind(item.optional_vars, None, value, state, stmt.lineno)
        return self.block(stmt.body, state)

    def try_block(self, stmt: ast.Try | ast.TryStar, state: State) -> State:
        after_body = self.block(stmt.body, state.copy())
        result = self.block(stmt.orelse, after_body.copy())
        for handler in stmt.handlers:
            # a handler may run after any part of the body
            result = result.join(self.block(handler.body, state.join(after_body)))
        return self.block(stmt.finalbody, result)

    def function_definition(
        self, stmt: ast.FunctionDef | ast.AsyncFunctionDef, state: State
    ) -> State:
        if self.sources_enabled:
            visible = {n: t for n, t in state.taint.items() if "." not in n and "[" not in n}
            self.closures.append((stmt, visible))  # what a closure sees of this body
        state.forget(stmt.name)  # analysed on its own
        return state

    def class_definition(self, stmt: ast.ClassDef, state: State) -> State:
        state.forget(stmt.name)  # its methods are analysed on their own
        return state

    def deletion(self, stmt: ast.Delete, state: State) -> State:
        for target in stmt.targets:
            self.delete(target, state)
        return state

    def returning(self, stmt: ast.Return, state: State) -> State:
        if stmt.value is None:
            self.made.append(None)
            self.made_instances.append(None)
            return state
        self.made.append(self.object_of(stmt.value, state))
        if not self.sources_enabled:
            self.validation(stmt.value, state)
        value = self.expr(stmt.value, state)
        self.made_instances.append(self.instance_of(stmt.value))
        if value is None:
            return state
        value = value.then(self.view.step(stmt.lineno))
        self.returned = merge(self.returned, value) or value
        self.returns.append(value)
        for sink, reaching in self.checks.returned(stmt.value, value, state):
            self.hit(sink, reaching, stmt.lineno)
        if self.function_name is not None:
            self.assigned(self.function_name, value, state, stmt.lineno)
        return state

    def instance_of(self, node: ast.expr) -> tuple[str, dict[str, Taint]] | None:
        """The class and fields of the instance a call made here hands back (``return
        cls(...)``), when it is a class of the scanned code whose constructor is followed."""
        made = self.instances.get(id(node)) if isinstance(node, ast.Call) else None
        if made is None:
            return None
        constructor = self.view.summary(made[0])
        return made if constructor is not None and not constructor.opaque else None

    def validation(self, returned: ast.expr, state: State) -> None:
        """What a return being true says of the inputs (a validating function:
        ``return bool(PATTERN.fullmatch(value))``); a return that is always false says
        nothing, and one that checks nothing makes the function no validator."""
        if not isinstance(returned, _TESTS) or fold_constant(returned, state.constants) is False:
            return
        after = self.narrowed(returned, True, state.copy())
        checked: dict[str, frozenset[int] | None] = {}
        for name, before in state.taint.items():
            if len(before.origins) != 1 or "." in name or "[" in name:
                continue
            [origin] = before.origins
            now = after.taint.get(name)
            if now is None or "untrusted" not in now.labels:
                checked[origin] = None
            elif now.cleaned - before.cleaned:
                checked[origin] = now.cleaned - before.cleaned
        self.validations.append(checked)

    def branch(self, stmt: ast.If, state: State) -> State:
        """An ``if``: a constant test picks its side; otherwise both run, each narrowed."""
        test = fold_truth(stmt.test, state.constants)
        self.expr(stmt.test, state)
        if test is not NOT_CONSTANT:
            return self.block(stmt.body if test else stmt.orelse, state)
        body = self.block(stmt.body, self.narrowed(stmt.test, True, state.copy()))
        orelse = self.block(stmt.orelse, self.narrowed(stmt.test, False, state.copy()))
        body_leaves = terminates(stmt.body, self.view.exits_by)
        else_leaves = terminates(stmt.orelse, self.view.exits_by)
        if body_leaves and not else_leaves:
            return orelse
        if else_leaves and not body_leaves:
            return body
        return body.join(orelse)

    def parse_of(self, source: ast.expr) -> tuple[str, frozenset[int]] | None:
        """``urlparse(url)``: the name parsed and the CWEs a check of its host rules out."""
        if not isinstance(source, ast.Call) or not source.args:
            return None
        called, parsed = dotted(source.func), dotted(source.args[0])
        if called is None or parsed is None:
            return None
        for sanitizer in self.view.sanitizers.find(self.view.resolve(called)):
            if sanitizer.guarded_by == "host-check":
                return parsed, sanitizer.cwes
        return None

    def narrowed(self, test: ast.expr, truth: bool, state: State) -> State:
        """``state`` where ``test`` is known to be ``truth``."""
        for narrowing in narrowings(
            test,
            truth,
            state.constants,
            lambda node: self.members(node, state),
            self.view.resolve,
            self.view.validates,
            self.view.facts.patterns,
        ):
            owner, _, part = narrowing.name.rpartition(".")
            if owner in state.parses and part in _HOST_PARTS and narrowing.kind != "prefix":
                url, cwes = state.parses[owner]  # the host of `url` was checked
                if (checked := state.taint.get(url)) is not None:
                    state.taint[url] = replace(checked, cleaned=checked.cleaned | cwes)
            current = state.taint.get(narrowing.name)
            if (
                narrowing.kind == "validated"
                and isinstance(narrowing.value, frozenset)
                and narrowing.value
            ):
                if current is not None:
                    state.taint[narrowing.name] = replace(
                        current, cleaned=current.cleaned | narrowing.value
                    )
                continue
            if narrowing.kind == "prefix":
                if current is not None and current.pending:
                    state.taint[narrowing.name] = replace(
                        current, cleaned=current.cleaned | current.pending
                    )
                continue
            if current is not None:
                rest = current.trusted()
                if rest is None:
                    del state.taint[narrowing.name]
                else:
                    state.taint[narrowing.name] = rest
            if narrowing.kind == "constant":
                state.constants[narrowing.name] = narrowing.value
        return state

    def members(self, node: ast.expr, state: State) -> frozenset[object] | None:
        """The constant members of an allow-list written here or bound at module level."""
        found = constant_collection(node, state.constants)
        if found is not None:
            return found
        name = dotted(node)
        if isinstance(node, ast.Subscript) and (base := dotted(node.value)) is not None:
            # `app.config["TRUSTED_HOSTS"]`: an allow-list the module stored as a setting
            key = fold_constant(node.slice, state.constants)
            found = self.view.collections.get(setting_name(base, key))
            if found is not None and base not in state.taint:
                return found
        if name is None or name in state.taint:
            return None
        if name in self.view.collections:
            return self.view.collections[name]
        return frozenset() if self.view.table(name) is not None else None

    def match(self, stmt: ast.Match, state: State) -> State:
        """A ``match``: on a constant subject only the case it selects runs; the names a case
        captures carry what the subject carries."""
        value = self.expr(stmt.subject, state)
        subject = fold_constant(stmt.subject, state.constants)
        if subject is not NOT_CONSTANT:
            for case in stmt.cases:
                chosen = _case_matches(case, subject)
                if chosen is None:
                    break  # a pattern we cannot judge: fall back to every case
                if chosen:
                    return self.block(case.body, state)
            else:
                return state
        result = state.copy()
        for case in stmt.cases:
            inner = state.copy()
            line = case.pattern.lineno
            for name in _captures(case.pattern):
                self.bind_name(name, None, self.carried(value, line), inner, line)
            result = result.join(self.block(case.body, inner))
        return result

    def loop(
        self,
        body: Sequence[ast.stmt],
        orelse: Sequence[ast.stmt],
        state: State,
        target: ast.expr | None,
        iterated: Taint | None,
        line: int,
    ) -> State:
        """Walk a loop body twice, so taint carried round the loop is seen; it may not run."""
        current = state
        for _ in range(2):
            inner = current.copy()
            if target is not None:
                self.bind(target, None, iterated, inner, line)
            current = current.join(self.block(body, inner))
        return self.block(orelse, current)

    def delete(self, target: ast.expr, state: State) -> None:
        if isinstance(target, ast.Name):
            state.forget(target.id)
        elif isinstance(target, ast.Subscript):
            name = dotted(target.value)
            shape = state.shapes.get(name) if name is not None else None
            key = fold_constant(target.slice, state.constants)
            if name is not None and shape is not None:
                after = shape.delete(key) if key is not NOT_CONSTANT else None
                self.reshape(name, after, state)

    # -- binding ----------------------------------------------------------------------------

    def bind(
        self,
        target: ast.expr,
        source: ast.expr | None,
        value: Taint | None,
        state: State,
        line: int,
    ) -> None:
        """Record an assignment ``target = source`` whose value carries ``value``."""
        handler = _TARGETS.get(type(target))
        if handler is not None:
            handler(self, target, source, value, state, line)

    def carried(self, value: Taint | None, line: int) -> Taint | None:
        """``value`` carried to an assignment at ``line``."""
        return value.then(self.view.step(line)) if value is not None else None

    def bind_plain_name(
        self,
        target: ast.Name,
        source: ast.expr | None,
        value: Taint | None,
        state: State,
        line: int,
    ) -> None:
        self.bind_name(target.id, source, self.carried(value, line), state, line)

    def bind_elements(
        self,
        target: ast.Tuple | ast.List,
        source: ast.expr | None,
        value: Taint | None,
        state: State,
        line: int,
    ) -> None:
        """``a, b = x, y`` binds element by element; ``a, b = pair`` binds each to all."""
        elements = source.elts if isinstance(source, (ast.Tuple, ast.List)) else None
        if elements is not None and len(elements) == len(target.elts):
            for element_target, element in zip(target.elts, elements, strict=True):
                self.bind(element_target, element, self.expr(element, state), state, line)
        else:
            for element_target in target.elts:
                self.bind(element_target, None, value, state, line)

    def bind_starred(
        self,
        target: ast.Starred,
        source: ast.expr | None,
        value: Taint | None,
        state: State,
        line: int,
    ) -> None:
        self.bind(target.value, None, value, state, line)

    def bind_attribute(
        self,
        target: ast.Attribute,
        source: ast.expr | None,
        value: Taint | None,
        state: State,
        line: int,
    ) -> None:
        name = dotted(target)
        if name is not None:
            self.bind_name(name, source, self.carried(value, line), state, line)
        else:
            self.expr(target.value, state)

    def bind_subscript(
        self,
        target: ast.Subscript,
        source: ast.expr | None,
        value: Taint | None,
        state: State,
        line: int,
    ) -> None:
        self.store(target, source, self.carried(value, line), state, line)

    def bind_name(
        self, name: str, source: ast.expr | None, carried: Taint | None, state: State, line: int
    ) -> None:
        state.forget(name)
        if carried is not None:
            state.taint[name] = carried
            self.assigned(name, carried, state, line)
            head = name.partition(".")[0]
            if "." in name and head in self.view.aliases and head not in state.taint:
                # `g.query = request.args["q"]`: an attribute of an imported object, which
                # every function that imports it reads (flask.g, a module's singleton)
                self.shared[self.view.resolve(name)] = carried
        if source is None:
            return
        if isinstance(source, ast.Await):
            source = source.value  # `session = await get_session(request)`
        constant = fold_constant(source, state.constants)
        if constant is not NOT_CONSTANT:
            state.constants[name] = constant
        if is_sequence_expression(source):
            state.sequences.add(name)
        callees = self.view.dispatched(source)
        if callees is not None:
            state.callees[name] = callees
        parsed = self.parse_of(source)
        if parsed is not None:
            state.parses[name] = parsed
        shape = self.shape_of(source, state)
        if shape is not None:
            state.shapes[name] = shape
        if isinstance(source, ast.Call):
            made = self.view.made(source, state)
            if made is not None:
                state.objects[name] = made
        if isinstance(source, ast.Call) and id(source) in self.instances:
            cls, fields = self.instances[id(source)]
            state.types[name] = cls
            for attribute, taint in fields.items():
                state.taint[f"{name}.{attribute}"] = taint.then(self.view.step(line))
        source_name = dotted(source)
        if source_name is not None and source_name in state.types:
            state.types[name] = state.types[source_name]
            for key, taint in list(state.taint.items()):
                if key.startswith(f"{source_name}."):
                    state.taint[name + key[len(source_name) :]] = taint

    def store_call(
        self,
        node: ast.Call,
        args: list[Taint | None],
        keywords: dict[str | None, Taint | None],
        state: State,
    ) -> None:
        """``session.update(data)``, ``session.setdefault(key, value)``: a store into a
        container that is a trust-boundary sink (`store`), as ``session[key] = value``."""
        if not isinstance(node.func, ast.Attribute) or node.func.attr not in _STORING:
            return
        name = element_path(node.func.value, state.constants)
        carried = merge(*args, *keywords.values())
        if name is None or carried is None:
            return
        resolved = self.view.resolve(name)
        for sink, value in self.checks.stored(resolved, state.objects.get(name), None, carried):
            self.hit(sink, value, node.lineno)

    def store(
        self,
        target: ast.Subscript,
        source: ast.expr | None,
        carried: Taint | None,
        state: State,
        line: int,
    ) -> None:
        """``container[key] = value``: a trust-boundary sink, or taint stored in a container."""
        key_taint = self.expr(target.slice, state)
        name = element_path(target.value, state.constants)
        if name is None:
            self.expr(target.value, state)
            return
        resolved = self.view.resolve(name)
        for sink, value in self.checks.stored(
            resolved, state.objects.get(name), key_taint, carried
        ):
            self.hit(sink, value, line)
        if self.sources_enabled and source is not None:
            for sink in self.checks.settings_stored(resolved, target.slice, source, state):
                self.hit(sink, Taint(()), line)
        if isinstance(target.value, ast.Name) and (key_taint or carried) is not None:
            self.stored.append((name, key_taint, carried))
            if carried is not None and name in self.view.facts.once:
                # `SAVED[name] = data`: a module-level table one view fills and another reads
                shared = self.view.qualified(name)
                self.shared[shared] = merge(self.shared.get(shared), carried) or carried
            elif (
                carried is not None
                and "untrusted" in carried.labels
                and name in self.view.aliases
                and name not in state.taint
            ):
                # `session["next"] = data`: an imported store (flask.session) that a later
                # request reads in another view. Read back, the data is inside the trust
                # boundary already, so storing it again crosses none (CWE-501); a weak random
                # number was reported where it was stored, and is not one each time it is read
                shared = self.view.resolve(name)
                inside = replace(
                    carried,
                    labels=frozenset({"untrusted"}),
                    cleaned=carried.cleaned | {_TRUST_BOUNDARY},
                )
                self.shared[shared] = merge(self.shared.get(shared), inside) or inside
        key = fold_constant(target.slice, state.constants)
        if isinstance(key, str) and carried is not None:
            self.assigned(key, carried, state, line)
        shape = state.shapes.get(name)
        if key is NOT_CONSTANT:
            state.forget_inside(name)
        else:
            inner = f"{name}[{key!r}]"
            state.forget(inner)
            inner_shape = self.shape_of(source, state) if source is not None else None
            if inner_shape is not None:
                state.shapes[inner] = inner_shape
        if shape is not None:
            self.reshape(
                name,
                shape.set(key, carried) if key is not NOT_CONSTANT else None,
                state,
                extra=carried,
            )
        elif carried is not None:
            # storing into a container taints it; storing a clean value does not clean it
            state.taint[name] = merge(state.taint.get(name), carried) or carried

    def reshape(
        self, name: str, shape: Shape[Taint] | None, state: State, extra: Taint | None = None
    ) -> None:
        """Set the shape of ``name`` (None: no longer followed) and its whole taint."""
        if shape is None:
            state.shapes.pop(name, None)
            if extra is not None:
                state.taint[name] = merge(state.taint.get(name), extra) or extra
            return
        state.shapes[name] = shape
        whole = merge(*shape.values())
        if whole is None:
            state.taint.pop(name, None)
        else:
            state.taint[name] = whole

    def assigned(self, name: str, value: Taint, state: State, line: int) -> None:
        """A value bound to a name that makes it a secret (``token``): an `assigned_to` sink."""
        if not self.names_matter:
            return
        for sink, reaching in self.checks.named(name, value):
            self.hit(sink, reaching, line)

    def shape_of(self, node: ast.expr, state: State) -> Shape[Taint] | None:
        """The shape of a literal list/dict (or a copy of a followed one)."""
        if isinstance(node, (ast.List, ast.Tuple)) and not any(
            isinstance(e, ast.Starred) for e in node.elts
        ):
            return Shape.of_list([self.quiet(e, state) for e in node.elts])
        if isinstance(node, ast.Dict):
            entries: list[tuple[object, Taint | None]] = []
            for key, value in zip(node.keys, node.values, strict=True):
                constant = fold_constant(key, state.constants) if key is not None else None
                if key is None or constant is NOT_CONSTANT:
                    return None
                entries.append((constant, self.quiet(value, state)))
            return Shape.of_dict(entries)
        if isinstance(node, ast.Call) and not node.args and not node.keywords:
            called = dotted(node.func)
            if called in {"list", "dict"}:
                return Shape.of_list([]) if called == "list" else Shape.of_dict([])
            if called is not None and self.view.resolve(called) in {
                "configparser.ConfigParser",
                "configparser.RawConfigParser",
            }:
                return Shape.of_dict([], "config")
        name = dotted(node)
        if name is not None and name in state.shapes:
            return state.shapes[name]
        return None

    def quiet(self, node: ast.expr, state: State) -> Taint | None:
        """The taint of an element already walked once (its sinks are not reported twice)."""
        hits = len(self.hits)
        value = self.expr(node, state)
        del self.hits[hits:]
        return value

    # -- expressions ------------------------------------------------------------------------

    def expr(self, node: ast.expr | None, state: State) -> Taint | None:
        """The taint ``node`` carries; reports every sink reached inside it."""
        if node is None:
            return None
        handler = _EXPRESSIONS.get(type(node))
        return None if handler is None else handler(self, node, state)  # a constant

    def name(self, node: ast.Name, state: State) -> Taint | None:
        found = state.taint.get(node.id) or self.source_read(node, node.id)
        if found is None and self.sources_enabled:
            if node.id in self.view.facts.once:
                found = self.view.index.shared.get(self.view.qualified(node.id))
            elif node.id in self.view.aliases:  # an imported store another function filled
                found = self.view.index.shared.get(self.view.resolve(node.id))
        return self.by_name(node, node.id, found)

    def by_name(self, node: ast.expr, name: str, found: Taint | None) -> Taint | None:
        """``found``, with the labels the value's name gives it (`SourceRule.named`: what
        is called a password is one, whatever else it is)."""
        if not self.sources_enabled:
            return found
        labels = self.view.named_labels(name)
        if not labels or (found is not None and labels <= found.labels):
            return found
        if found is None:
            step = (self.view.step(node.lineno),)
            return Taint(step, labels=labels, origins=self.source_origin)
        return replace(found, labels=found.labels | labels)

    def binary(self, node: ast.BinOp, state: State) -> Taint | None:
        left = self.expr(node.left, state)
        template = fold_constant(node.left, state.constants)
        if isinstance(node.op, ast.Mod) and isinstance(template, str):
            value = self.percent_formatted(template, node.right, state, left)
        else:
            value = merge(left, self.expr(node.right, state))
        return (
            _on_fixed_host(node, value, state) if isinstance(node.op, (ast.Add, ast.Mod)) else value
        )

    def boolean(self, node: ast.BoolOp, state: State) -> Taint | None:
        return merge(*(self.expr(v, state) for v in node.values))

    def comparison(self, node: ast.Compare, state: State) -> Taint | None:
        self.expr(node.left, state)
        for comparator in node.comparators:
            self.expr(comparator, state)
        return None  # a boolean carries no attacker-chosen text

    def lambda_body(self, node: ast.Lambda, state: State) -> Taint | None:
        """A lambda's body is walked where it is written (its parameters unknown), so a weak
        call inside one (``lambda pin: hashlib.md5(pin)``) is reported; the function itself
        carries no data."""
        inside = state.copy()
        arguments = node.args
        for argument in (
            *arguments.posonlyargs,
            *arguments.args,
            *arguments.kwonlyargs,
            *(a for a in (arguments.vararg, arguments.kwarg) if a is not None),
        ):
            inside.forget(argument.arg)
        self.expr(node.body, inside)
        return None

    def unary(self, node: ast.UnaryOp, state: State) -> Taint | None:
        value = self.expr(node.operand, state)
        return None if isinstance(node.op, ast.Not) else value

    def conditional(self, node: ast.IfExp, state: State) -> Taint | None:
        test = fold_truth(node.test, state.constants)
        self.expr(node.test, state)
        if test is NOT_CONSTANT:
            return merge(
                self.expr(node.body, self.narrowed(node.test, True, state.copy())),
                self.expr(node.orelse, self.narrowed(node.test, False, state.copy())),
            )
        return self.expr(node.body if test else node.orelse, state)

    def f_string(self, node: ast.JoinedStr, state: State) -> Taint | None:
        return _on_fixed_host(node, merge(*(self.expr(v, state) for v in node.values)), state)

    def percent_formatted(
        self, template: str, values: ast.expr, state: State, left: Taint | None
    ) -> Taint | None:
        """``template % values`` without the values it writes as numbers (``%d``)."""
        text = percent_text(template)
        if isinstance(values, ast.Tuple):
            given = [self.expr(e, state) for e in values.elts]
            if text is not None and len(text) == len(given):
                given = [g if t else _digits(g) for g, t in zip(given, text, strict=True)]
            return merge(left, *given)
        value = self.expr(values, state)
        if text is not None and len(text) == 1 and not text[0] and not isinstance(values, ast.Dict):
            return merge(left, _digits(value))  # `"%d" % n`
        return merge(left, value)

    def any_call(self, node: ast.Call, state: State) -> Taint | None:
        value = self.call(node, state)
        if (
            isinstance(node.func, ast.Attribute)
            and node.func.attr in _KEYED_READS
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):  # `form.get("password")`: the value read is what its key says
            value = self.by_name(node, node.args[0].value, value)
        if isinstance(node.func, ast.Attribute) and node.func.attr == "format":
            template = fold_constant(node.func.value, state.constants)
            read = format_text(template) if isinstance(template, str) else None
            spelt = not any(isinstance(a, ast.Starred) for a in node.args) and all(
                k.arg is not None for k in node.keywords
            )  # no `*args` or `**kwargs`
            if value is not None and read is not None and spelt:
                positions, names = read
                value = merge(
                    *(
                        self.quiet(a, state) if n in positions else _digits(self.quiet(a, state))
                        for n, a in enumerate(node.args)
                    ),
                    *(
                        self.quiet(k.value, state)
                        if k.arg in names
                        else _digits(self.quiet(k.value, state))
                        for k in node.keywords
                    ),
                )
            return _on_fixed_host(node, value, state)
        return value

    def formatted(self, node: ast.FormattedValue, state: State) -> Taint | None:
        self.expr(node.format_spec, state)
        value = self.expr(node.value, state)
        if node.conversion == -1 and numeric_spec(node.format_spec):
            return _digits(value)  # `f"{n:08d}"` writes digits
        return value

    def elements(self, node: ast.List | ast.Tuple | ast.Set, state: State) -> Taint | None:
        return merge(*(self.expr(e, state) for e in node.elts))

    def inner(
        self, node: ast.Starred | ast.Await | ast.YieldFrom | ast.Yield, state: State
    ) -> Taint | None:
        """``*x``, ``await x``, ``yield x``: what ``x`` carries."""
        return self.expr(node.value, state)

    def walrus(self, node: ast.NamedExpr, state: State) -> Taint | None:
        value = self.expr(node.value, state)
        self.bind(node.target, node.value, value, state, node.lineno)
        return value

    def dict_literal(self, node: ast.Dict, state: State) -> Taint | None:
        values = []
        for key, value_node in zip(node.keys, node.values, strict=True):
            value = (
                self.bound_value([key], value_node, state) if key else self.expr(value_node, state)
            )
            values.append(value)
            if key is not None:
                values.append(self.expr(key, state))
                constant = fold_constant(key, state.constants)
                if isinstance(constant, str) and value is not None:
                    self.assigned(constant, value, state, node.lineno)
        return merge(*values)

    def attribute(self, node: ast.Attribute, state: State) -> Taint | None:
        return self.by_name(node, node.attr, self.attribute_read(node, state))

    def attribute_read(self, node: ast.Attribute, state: State) -> Taint | None:
        name = dotted(node)
        if name is not None:
            if name in state.taint:
                return state.taint[name]
            found = self.source_read(node, name)
            if found is not None:
                return found
            if name.partition(".")[0] in self.view.aliases:
                shared = self.view.index.shared.get(self.view.resolve(name))
                if shared is not None and self.sources_enabled:
                    return shared
            owner = name.rsplit(".", 1)[0]
            if owner in state.types and not self.opaque(state.types[owner]):
                return None  # a field of a followed instance that holds nothing tainted
        return self.expr(node.value, state)

    def subscript(self, node: ast.Subscript, state: State) -> Taint | None:
        key = fold_constant(node.slice, state.constants)
        found = self.subscript_read(node, key, state)
        return self.by_name(node, key, found) if isinstance(key, str) else found

    def subscript_read(self, node: ast.Subscript, key: object, state: State) -> Taint | None:
        self.expr(node.slice, state)
        if self.configuration_read(node.value, key, state):
            return None  # `os.environ["UPLOAD_DIR"]`: the operator's setting
        if isinstance(node.value, ast.Dict) and key is not NOT_CONSTANT:
            # a dispatch table indexed by a constant: only the chosen value is used
            for dict_key, chosen in zip(node.value.keys, node.value.values, strict=True):
                if dict_key is not None and fold_constant(dict_key, state.constants) == key:
                    return self.expr(chosen, state)
        name = element_path(node.value, state.constants)
        if name is not None:
            shape = state.shapes.get(name)
            if shape is not None and key is not NOT_CONSTANT:
                known, value = shape.get(key)
                if known:
                    return value
            if (name not in state.taint and self.view.table(name)) or self.instance_table(
                name, state
            ):
                return None  # a lookup in a constant table yields a constant
        if constant_mapping(node.value):
            return None  # `{"a": "x", "b": "y"}[key]`: one of the table's constants
        return self.expr(node.value, state)

    def comprehension(
        self, node: ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp, state: State
    ) -> Taint | None:
        inner = state.copy()
        for generator in node.generators:
            iterated = self.expr(generator.iter, inner)
            self.bind(generator.target, None, iterated, inner, node.lineno)
            for condition in generator.ifs:
                self.expr(condition, inner)
                inner = self.narrowed(condition, True, inner)
        if isinstance(node, ast.DictComp):
            return merge(self.expr(node.key, inner), self.expr(node.value, inner))
        return self.expr(node.elt, inner)

    def instance_table(self, name: str | None, state: State) -> bool:
        """Whether ``self.x`` holds a module-level table of constants: the one instance of
        the class was given it (`aicc.code.view.ModuleView.instance_field`), whatever the walk
        of the method assumes its fields hold."""
        held = self.view.instance_field(name, state) if name is not None else None
        return held is not None and bool(self.view.table(held))

    def unpartial(self, node: ast.Call, state: State) -> ast.Call:
        """``digest(data)`` where ``digest = functools.partial(hashlib.new, "sha1")`` at module
        level: the call it makes, ``hashlib.new("sha1", data)``; a parameter whose default
        names a function, called, calls that function."""
        if not isinstance(node.func, ast.Name):
            return node
        default = state.defaults.get(node.func.id)
        if isinstance(default, (ast.Name, ast.Attribute)) and node.func.id not in state.taint:
            # `def make(chooser=pick): chooser()`: no caller passed another
            node = ast.copy_location(ast.Call(default, node.args, node.keywords), node)
            if not isinstance(default, ast.Name):
                return node
        assert isinstance(node.func, ast.Name)
        partial = self.view.facts.partials.get(node.func.id)
        if partial is None or not partial.args or node.func.id in state.taint:
            return node
        made = ast.Call(
            partial.args[0], [*partial.args[1:], *node.args], [*partial.keywords, *node.keywords]
        )
        return ast.copy_location(made, node)

    def configuration_read(self, mapping: ast.expr, key: object, state: State) -> bool:
        """Whether reading constant ``key`` of ``mapping`` reads configuration: the mapping is
        a source whose rule names its untrusted ``keys`` (`SourceRule.configuration_key`)."""
        name = dotted(mapping)
        if not self.sources_enabled or name is None or name in state.taint:
            return False
        found = self.view.source_attributes.find(self.view.resolve(name))
        return bool(found) and found[0].configuration_key(key)

    def source_read(self, node: ast.expr, name: str) -> Taint | None:
        if not self.sources_enabled:
            return None
        return self._source_taint(node, self.view.source_attributes.find(self.view.resolve(name)))

    def source_object(self, node: ast.expr) -> Taint | None:
        """The taint of an object whose attributes are sources (Flask's ``request``) handed
        whole to a function of the scanned code, which reads them (``req.headers``)."""
        name = dotted(node)
        if name is None:
            return None
        found = self.view.source_attributes.attributes_of(self.view.resolve(name))
        return self._source_taint(node, found)

    def _source_taint(self, node: ast.expr, found: Sequence[Any]) -> Taint | None:
        """Taint at ``node`` labelled as the first source ``found`` (None: nothing found)."""
        if not found:
            return None
        return Taint(
            (self.view.step(node.lineno),),
            labels=frozenset({found[0].label}),
            origins=self.source_origin,
        )

    # -- calls ------------------------------------------------------------------------------

    def call(self, node: ast.Call, state: State) -> Taint | None:
        node = self.unpartial(node, state)
        args = [self.expr(a, state) for a in node.args]
        keywords = {k.arg: self.expr(k.value, state) for k in node.keywords}
        name = _call_name(node.func)
        resolved = self.view.resolve(name) if name is not None else None
        if isinstance(node.func, ast.Name):
            bound = state.callees.get(node.func.id, frozenset())
            if len(bound) == 1:  # `cls(...)` in a classmethod, a function bound to a name
                resolved = next(iter(bound))
        receiver_name = dotted(node.func.value) if isinstance(node.func, ast.Attribute) else None
        if receiver_name in state.types and isinstance(node.func, ast.Attribute):
            # `self.hasher(password)` where the class says `hasher = staticmethod(sha1_hex)`
            named = self.view.class_call(state.types[receiver_name], node.func.attr)
            if named is not None:
                resolved, receiver_name = named, None
                node = ast.copy_location(ast.Call(ast.Name(named), node.args, node.keywords), node)
        elif receiver_name is not None and isinstance(node.func, ast.Attribute):
            owner, _, held = receiver_name.rpartition(".")
            if owner in state.types and held:
                # `self.backend.loads(token)` where `__init__` says `self.backend = pickle`
                module = self.view.class_call(state.types[owner], held)
                if module is not None:
                    resolved, receiver_name = f"{module}.{node.func.attr}", None
                    node = ast.copy_location(
                        ast.Call(ast.Name(resolved), node.args, node.keywords), node
                    )
        if (
            receiver_name in state.objects
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "setFeature"
            and len(node.args) == 2
        ):
            self.set_up(receiver_name, node.args[0], node.args[1], state)
        followed = self.container_call(node, receiver_name, args, state)
        if followed is not None:
            return followed[0]
        if (
            isinstance(node.func, ast.Attribute)
            and node.func.attr == "get"
            and node.args
            and self.configuration_read(
                node.func.value, fold_constant(node.args[0], state.constants), state
            )
        ):  # `os.environ.get("UPLOAD_DIR", "/srv")`: the setting, or the default given
            return args[1] if len(args) > 1 else keywords.get("default")
        if (
            isinstance(node.func, ast.Attribute)
            and node.func.attr == "get"
            and (
                constant_mapping(node.func.value)  # `{"ok": "#2a2"}.get(state, "#888")`
                or (
                    receiver_name is not None
                    and receiver_name not in state.taint
                    and self.view.table(receiver_name)
                )
                or self.instance_table(receiver_name, state)
            )
        ):
            return args[1] if len(args) > 1 else None  # a constant table's value, or the default
        if (
            isinstance(node.func, ast.Attribute)
            and node.func.attr == "get"
            and isinstance(node.func.value, ast.Name)
            and self.view.table(node.func.value.id) is False
        ):  # a module-level collection the code fills: what was put in, not the key
            return merge(self.expr(node.func.value, state), args[1] if len(args) > 1 else None)
        receiver = (
            self.expr(node.func.value, state) if isinstance(node.func, ast.Attribute) else None
        )
        if isinstance(node.func, ast.Name) and node.func.id in state.types:
            # `make_state()` where `make_state = StateGenerator()`: the class's `__call__`
            called = self.view.method(state.types[node.func.id], "__call__")
            if called is not None:
                return self.apply_summary(node, called, args, keywords, state, node.func.id)
        method = self.method_summary(node, receiver_name, state)
        if method is not None:
            return self.apply_summary(node, method, args, keywords, state, receiver_name)
        inline = self.inline_instance(node)
        if inline is not None and isinstance(node.func, ast.Attribute):
            cls, fields = inline  # `Parser(data).run()`: a method of an instance made right here
            summary = self.view.method(cls, node.func.attr)
            if summary is not None:
                return self.apply_summary(node, summary, args, keywords, state, None, fields)
        if (
            isinstance(node.func, ast.Attribute)
            and node.func.attr in MUTATORS
            and receiver_name is not None
        ):
            added = merge(*args, *keywords.values())
            if added is not None:
                carried = added.then(self.view.step(node.lineno))
                state.taint[receiver_name] = (
                    merge(state.taint.get(receiver_name), carried) or carried
                )
                if receiver_name in self.view.facts.once:
                    # `PENDING.append(data)`: a module-level collection, which every function
                    # of the module reads
                    shared = self.view.qualified(receiver_name)
                    self.shared[shared] = merge(self.shared.get(shared), carried) or carried
        callees = (
            state.callees.get(node.func.id)
            if isinstance(node.func, ast.Name)
            else self.view.dispatched(node.func)
        )
        for callee in sorted(callees or ()):  # a function picked from a table: any of them
            for sink, value in self.checks.call(
                node, callee, args, keywords, state, receiver, configuration=self.sources_enabled
            ):
                self.hit(sink, value, node.lineno)
        if resolved is None:
            if not isinstance(node.func, ast.Attribute):
                self.expr(node.func, state)
            return merge(receiver, *args, *keywords.values())
        before = len(self.hits)
        for sink, value in self.checks.call(
            node, resolved, args, keywords, state, receiver, configuration=self.sources_enabled
        ):
            self.hit(sink, value, node.lineno)
        if len(self.hits) == before:
            self.store_call(node, args, keywords, state)
        summary = self.view.summary(resolved)
        if summary is not None:
            return self.apply_summary(node, summary, args, keywords, state, None)
        if self.sources_enabled:
            found = self.view.source_calls.find(resolved)
            if found and node.args:
                key = fold_constant(node.args[0], state.constants)
                if found[0].configuration_key(key):  # `os.getenv("HOME")`: a setting
                    return args[1] if len(args) > 1 else keywords.get("default")
            if found:
                return Taint(
                    (self.view.step(node.lineno),),
                    labels=frozenset({found[0].label}),
                    origins=self.source_origin,
                )
        result = merge(receiver, *args, *keywords.values())
        if result is not None and self.autoescaped(node, state):
            result = replace(result, cleaned=result.cleaned | {79})
        converter = _converter(node)
        if result is not None and converter is not None:
            # `request.args.get("n", type=int)`: werkzeug converts it (a failure gives the
            # default), so it is what the converter makes, as `int(...)` would be
            converts = self.view.sanitizers.find(self.view.resolve(converter))
            if any(not z.cwes and z.guarded_by is None for z in converts):
                result = result.trusted()
        for sanitizer in self.view.sanitizers.find(resolved) + self.method_sanitizers(node, state):
            if result is not None:
                if sanitizer.guarded_by in ("validator", "host-check"):
                    continue  # the `if` around it (or its host) cleans
                if sanitizer.guarded_by is not None:
                    result = replace(result, pending=result.pending | sanitizer.cwes)
                elif not sanitizer.cwes:
                    result = result.trusted()
                else:
                    result = replace(result, cleaned=result.cleaned | sanitizer.cwes)
        return result

    def autoescaped(self, node: ast.Call, state: State) -> bool:
        """``env.get_template(name).render(...)`` (or ``from_string``) where ``env`` is a
        template environment made with ``autoescape`` on: the page is escaped."""
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr in _RENDERS):
            return False
        template = func.value
        if isinstance(template, ast.Name):
            made = state.objects.get(template.id)
            if made is not None and made[1].get("autoescape") is True:
                return True  # `template = Template(text, autoescape=True)`
        if not (
            isinstance(template, ast.Call)
            and isinstance(template.func, ast.Attribute)
            and template.func.attr in _TEMPLATE_GETTERS
        ):
            return False
        made = self.object_of(template.func.value, state)
        return made is not None and made[1].get("autoescape") is True

    def method_sanitizers(self, node: ast.Call, state: State) -> list[SanitizerRule]:
        """The sanitisers a method of an object made by a known call is, by the maker's name:
        ``ROW.format(...)`` where ``ROW = Markup(...)`` is ``markupsafe.Markup.format``."""
        if not isinstance(node.func, ast.Attribute):
            return []
        made = self.object_of(node.func.value, state)
        if made is None:
            return []
        return self.view.sanitizers.find(f"{made[0]}.{node.func.attr}")

    def object_of(self, node: ast.expr, state: State) -> Made | None:
        """The object ``node`` is, when it was made by a known call with constant settings."""
        if isinstance(node, ast.Call):
            return self.view.made(node, state)
        name = dotted(node)
        return state.objects.get(name) if name is not None else None

    def set_up(self, name: str, feature: ast.expr, value: ast.expr, state: State) -> None:
        """``parser.setFeature(FEATURE, VALUE)``: remember the setting under both its names."""
        made_by, settings = state.objects[name]
        if isinstance(feature, ast.Name):
            feature = self.entry.get(feature.id, feature)
        if isinstance(value, ast.Name):
            value = self.entry.get(value.id, value)
        constant = fold_constant(value, state.constants)
        if (
            constant is NOT_CONSTANT
            and isinstance(value, ast.Name)
            and value.id not in state.taint
            and value.id in state.defaults
        ):  # `def plan_parser(allow_external=True)`: a parameter no caller passed
            constant = fold_constant(state.defaults[value.id], state.constants)
        keys = [fold_constant(feature, state.constants)]
        if (feature_name := dotted(feature)) is not None:
            keys.append(self.view.resolve(feature_name))
        settings = dict(settings)
        for key in keys:
            if isinstance(key, str):
                settings[key] = constant
        state.objects[name] = (made_by, settings)

    def container_call(
        self, node: ast.Call, receiver: str | None, args: list[Taint | None], state: State
    ) -> tuple[Taint | None] | None:
        """A method call on a list/dict whose shape is followed; None when it is not one."""
        if (
            receiver is None
            or receiver not in state.shapes
            or not isinstance(node.func, ast.Attribute)
            or node.keywords
        ):
            return None
        shape = state.shapes[receiver]
        method = node.func.attr
        keys = [fold_constant(a, state.constants) for a in node.args]
        if keys and keys[0] is NOT_CONSTANT and method in {"get", "pop"}:
            whole = state.taint.get(receiver)  # which element is not known: any of them
            if method == "pop":
                self.reshape(receiver, None, state)
            return (whole,)
        if method == "append" and len(args) == 1:
            self.reshape(receiver, shape.append(args[0]), state, extra=args[0])
            return (None,)
        if method == "insert" and len(args) == 2:
            self.reshape(receiver, shape.insert(keys[0], args[1]), state, extra=args[1])
            return (None,)
        if method == "pop" and len(args) <= 1:
            known, value, after = shape.pop(keys[0] if args else None)
            whole = state.taint.get(receiver)
            self.reshape(receiver, after, state)
            return (value if known else whole,)
        if shape.kind == "config" and method in {"set", "get"} and len(args) >= 2:
            pair = (keys[0], fold_constant(node.args[1], state.constants))
            if method == "set" and len(args) == 3:
                self.reshape(
                    receiver,
                    shape.set(pair, args[2]) if NOT_CONSTANT not in pair else None,
                    state,
                    extra=args[2],
                )
                return (None,)
            known, value = shape.get(pair)
            return (value if known else state.taint.get(receiver),)
        if method in {"get", "setdefault"} and 1 <= len(args) <= 2:
            known, value = shape.get(keys[0])
            if known:
                return (value,)
            if method == "get":
                return (args[1] if len(args) == 2 else None,)
            self.reshape(
                receiver,
                shape.set(keys[0], args[1] if len(args) == 2 else None),
                state,
                extra=args[1] if len(args) == 2 else None,
            )
            return (args[1] if len(args) == 2 else None,)
        if method in {"keys", "values", "items", "copy", "index", "count", "__len__"}:
            return None
        self.reshape(receiver, None, state)
        return None

    def opaque(self, cls: str) -> bool:
        """Whether instances of ``cls`` may hold their arguments where the walk cannot see."""
        constructor = self.view.summary(cls)
        return constructor is not None and constructor.opaque

    def inline_instance(self, node: ast.Call) -> tuple[str, dict[str, Taint]] | None:
        if isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Call):
            return self.instances.get(id(node.func.value))
        return None

    def method_summary(self, node: ast.Call, receiver: str | None, state: State) -> Summary | None:
        if not isinstance(node.func, ast.Attribute):
            return None
        if receiver is not None and receiver in state.types:
            return self.view.method(state.types[receiver], node.func.attr)
        if receiver is None or receiver.partition(".")[0] in self.view.aliases:
            return None  # a module's function, not a method
        # the object's class is not known here: a method name only one class of the scanned
        # code defines can only be that method (`self.repo.search_by_name(term)`)
        qualified = self.view.index.unique_method(node.func.attr)
        return self.view.summary(qualified) if qualified is not None else None

    def apply_summary(
        self,
        node: ast.Call,
        summary: Summary,
        args: list[Taint | None],
        keywords: dict[str | None, Taint | None],
        state: State,
        receiver: str | None,
        fields: dict[str, Taint] | None = None,
    ) -> Taint | None:
        """Carry taint through a call to a function, class or method of the scanned code."""
        step = self.view.step(node.lineno)
        if self.sources_enabled:  # `roles.from_request(request)`: the whole request object
            args = [
                self.source_object(expression) if value is None else value
                for expression, value in zip(node.args, args, strict=False)
            ] + args[len(node.args) :]
            keywords = dict(keywords)
            for keyword in node.keywords:
                if keywords.get(keyword.arg) is None:
                    keywords[keyword.arg] = self.source_object(keyword.value)
        by_position: dict[int, Taint] = {}
        for position, value in enumerate(summary.bind(args, keywords)):
            if value is not None:
                by_position[position] = value.then(step)
        fields = dict(fields or {})
        if receiver is not None:
            prefix = f"{receiver}."
            fields = {
                k[len(prefix) :]: v.then(step)
                for k, v in state.taint.items()
                if k.startswith(prefix)
            }
            whole = state.taint.get(receiver)
            if whole is not None and self.opaque(state.types.get(receiver, "")):
                # a dataclass made from tainted values: each field it reads may hold them
                for attribute in (*summary.field_returns, *(a for a, _, _ in summary.field_sinks)):
                    fields.setdefault(attribute, whole.then(step))
        for position, sink, inner in summary.sinks:
            if position in by_position and not (
                inner.unless_sequence and self.sequence_at(node, summary, position, state)
            ):
                self.inner_hit(sink, by_position[position], inner)
        for attribute, sink, inner in summary.field_sinks:
            if attribute in fields:
                self.inner_hit(sink, fields[attribute], inner)
        for name, sink, inner in summary.global_sinks:
            if (held := state.taint.get(_GLOBAL + name)) is not None:
                self.inner_hit(sink, held, inner)
        for name, targets in summary.global_stores.items():
            put = merge(
                *(through(by_position[p], t) for p, t in targets.items() if p in by_position)
            )
            if put is not None:  # `remember(key, value)` into the module's CONFIG
                key = _GLOBAL + name
                state.taint[key] = merge(state.taint.get(key), put) or put
        if summary.container_stores:
            self.stored_through(node, summary, by_position, state)
        returned = [
            through(by_position[p], inner)
            for p, inner in summary.returns.items()
            if p in by_position
        ]
        returned += [
            through(fields[a], inner) for a, inner in summary.field_returns.items() if a in fields
        ]
        returned += [
            through(state.taint[_GLOBAL + name], inner)
            for name, inner in summary.global_returns.items()
            if _GLOBAL + name in state.taint
        ]
        if summary.own is not None and self.sources_enabled:
            returned.append(replace(summary.own, origins=self.source_origin))
        stored: dict[str, Taint] = {}
        for attribute, targets in summary.stores.items():
            carried = merge(
                *(
                    through(by_position[p], inner)
                    for p, inner in targets.items()
                    if p in by_position
                )
            )
            if carried is not None:
                stored[attribute] = carried
        if self.sources_enabled:
            for attribute, taint in summary.own_stores.items():
                taint = replace(taint, origins=self.source_origin)
                stored[attribute] = merge(stored.get(attribute), taint) or taint
        if summary.cls is not None:  # a constructor: the new instance carries the fields
            self.instances[id(node)] = (summary.cls, dict(stored))
            if summary.opaque:
                return merge(*stored.values(), *args, *keywords.values())
            return merge(*stored.values())
        if receiver is not None:
            for attribute, taint in stored.items():
                state.taint[f"{receiver}.{attribute}"] = taint
        return merge(*returned)

    def stored_through(
        self, node: ast.Call, summary: Summary, by_position: dict[int, Taint], state: State
    ) -> None:
        """A call to a function that stores data into a container it is given
        (``remember(session, request.form)``): the stores' sinks for the container passed."""
        given: dict[int, ast.expr] = dict(enumerate(node.args[: summary.positional]))
        for keyword in node.keywords:
            if keyword.arg in summary.params:
                given[summary.params.index(keyword.arg)] = keyword.value
        for container, position, inner in summary.container_stores:
            argument = given.get(container)
            name = dotted(argument) if argument is not None else None
            if name is None or position not in by_position:
                continue
            carried = through(by_position[position], inner)
            resolved = self.view.resolve(name)
            for sink, value in self.checks.stored(resolved, state.objects.get(name), None, carried):
                self.hit(sink, value, node.lineno)

    def sequence_at(self, node: ast.Call, summary: Summary, position: int, state: State) -> bool:
        """Whether the call passes a list or tuple for the summary's parameter ``position``."""
        if any(isinstance(a, ast.Starred) for a in node.args):
            return False
        name = summary.params[position]
        argument = next(
            (k.value for k in node.keywords if k.arg == name),
            node.args[position] if position < len(node.args) else None,
        )
        return argument is not None and (
            is_sequence_expression(argument)
            or (isinstance(argument, ast.Name) and argument.id in state.sequences)
        )

    def inner_hit(self, sink: SinkRule, outer: Taint, inner: Taint) -> None:
        carried = through(outer, inner)
        if carried is not None and carried.reaches(sink):
            self.hits.append((sink, carried))


def _case_matches(case: ast.match_case, subject: object) -> bool | None:
    """Whether a ``case`` selects a constant subject; None for patterns not judged here."""
    if case.guard is not None:
        return None
    pattern = case.pattern
    if isinstance(pattern, ast.MatchAs) and pattern.pattern is None:
        return True
    values = pattern.patterns if isinstance(pattern, ast.MatchOr) else [pattern]
    for value in values:
        if not isinstance(value, ast.MatchValue):
            return None
        constant = fold_constant(value.value)
        if constant is NOT_CONSTANT:
            return None
        if constant == subject:
            return True
    return False


#: The kinds of expression a validating function's return may be: a test, or a call of one.
_TESTS = (ast.Compare, ast.BoolOp, ast.UnaryOp, ast.Call)

#: The prefix under which the walk keeps what a called function put into module-level state
#: of the scan (``<global>common.settings.CONFIG``), for the functions called after it.
_GLOBAL = "<global>"

#: Template methods that write a page, and environment methods that give a template.
_RENDERS = frozenset({"render", "render_async", "generate"})
_TEMPLATE_GETTERS = frozenset({"get_template", "from_string", "select_template"})

#: How many entries of a table a loop over it is walked for, one by one.
MAX_UNROLLED = 16


def _names(target: ast.expr) -> list[str]:
    """``k, v`` of a loop's target, when it is a pair of plain names."""
    if isinstance(target, (ast.Tuple, ast.List)) and all(
        isinstance(e, ast.Name) for e in target.elts
    ):
        return [e.id for e in target.elts if isinstance(e, ast.Name)]
    return []


#: The parts of a parsed URL that name its host.
_HOST_PARTS = frozenset({"hostname", "netloc"})


def _captures(pattern: ast.pattern) -> list[str]:
    """The names a ``case`` pattern binds (``case {"return": str(target)}`` binds ``target``)."""
    names = []
    for node in ast.walk(pattern):
        if isinstance(node, (ast.MatchAs, ast.MatchStar)) and node.name is not None:
            names.append(node.name)
        elif isinstance(node, ast.MatchMapping) and node.rest is not None:
            names.append(node.rest)
    return names


def element_path(node: ast.expr, constants: dict[str, object]) -> str | None:
    """``config['job'].name`` for a chain of attributes and constant subscripts on a name."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = element_path(node.value, constants)
        return f"{inner}.{node.attr}" if inner is not None else None
    if isinstance(node, ast.Subscript):
        inner = element_path(node.value, constants)
        key = fold_constant(node.slice, constants)
        return f"{inner}[{key!r}]" if inner is not None and key is not NOT_CONSTANT else None
    return None


def _call_name(func: ast.expr) -> str | None:
    """The dotted name of a called function; ``<expr>.attr`` when the receiver is computed."""
    name = dotted(func)
    if name is None and isinstance(func, ast.Attribute):
        return f"<expr>.{func.attr}"
    return name


#: The walk's step for each kind of statement; the others (``pass``, ``import``, ``raise``...)
#: change nothing it follows.
_STATEMENTS: dict[type[ast.stmt], Callable[[FunctionWalk, Any, State], State]] = {
    ast.Assign: FunctionWalk.assign,
    ast.AnnAssign: FunctionWalk.annotated_assign,
    ast.AugAssign: FunctionWalk.augmented_assign,
    ast.Return: FunctionWalk.returning,
    ast.Expr: FunctionWalk.expression_statement,
    ast.Raise: FunctionWalk.raise_statement,
    ast.If: FunctionWalk.branch,
    ast.While: FunctionWalk.while_loop,
    ast.For: FunctionWalk.for_loop,
    ast.AsyncFor: FunctionWalk.for_loop,
    ast.With: FunctionWalk.with_block,
    ast.AsyncWith: FunctionWalk.with_block,
    ast.Try: FunctionWalk.try_block,
    ast.TryStar: FunctionWalk.try_block,
    ast.Match: FunctionWalk.match,
    ast.FunctionDef: FunctionWalk.function_definition,
    ast.AsyncFunctionDef: FunctionWalk.function_definition,
    ast.ClassDef: FunctionWalk.class_definition,
    ast.Delete: FunctionWalk.deletion,
}


#: methods that store into a mapping, as ``mapping[key] = value`` does
_STORING = frozenset({"update", "setdefault", "__setitem__"})


def _converter(node: ast.Call) -> str | None:
    """The ``type`` a mapping's ``get`` or ``getlist`` is given (werkzeug's MultiDict,
    ``request.args.get("n", 0, type=int)``), as written."""
    if not isinstance(node.func, ast.Attribute) or node.func.attr not in ("get", "getlist"):
        return None
    given = next((k.value for k in node.keywords if k.arg == "type"), None)
    position = 2 if node.func.attr == "get" else 1
    if given is None and len(node.args) > position:
        given = node.args[position]
    return dotted(given) if given is not None else None


#: methods that read a value by its key (``form.get("password")``, Tornado's
#: ``get_body_argument("password")``): the key names the value, for `SourceRule.named`
_KEYED_READS = frozenset(
    {
        "get",
        "pop",
        "getlist",
        "getfirst",
        "getvalue",
        "getone",
        "get_argument",
        "get_body_argument",
        "get_query_argument",
    }
)


def _target_words(target: ast.expr | None, state: State) -> str:
    """The words (`name_words`) of what a value is bound to: a name, an attribute, a
    constant key (``resp.headers["ETag"]``); nothing for other targets."""
    if isinstance(target, ast.Name):
        return name_words(target.id)
    if isinstance(target, ast.Attribute):
        return name_words(target.attr)
    if isinstance(target, ast.Subscript):
        target = target.slice
    key = fold_constant(target, state.constants) if target is not None else None
    return name_words(key) if isinstance(key, str) else ""


def _digits(value: Taint | None) -> Taint | None:
    """A value written as a number (`aicc.code.numeric_formats`): no longer untrusted text,
    but a weak random number stays one (`"%06d" % random.randint(...)` is a weak code)."""
    if value is None or "untrusted" not in value.labels:
        return value
    labels = value.labels - {"untrusted"}
    return replace(value, labels=labels) if labels else None


def _on_fixed_host(node: ast.expr, value: Taint | None, state: State) -> Taint | None:
    """A URL built from a constant that fixes its host (``f"/search?q={q}"``,
    ``"%s?q=%s" % (SEARCH_PATH, q)``) sends no one elsewhere, whatever data follows: clean
    for open redirect, where it is used directly or returned by a helper."""
    if value is None or _OPEN_REDIRECT in value.cleaned:
        return value
    if fixes_host(leading_text(node, state.constants)):
        return replace(value, cleaned=value.cleaned | {_OPEN_REDIRECT})
    return value


_OPEN_REDIRECT = 601
_TRUST_BOUNDARY = 501
#: The taint of each kind of expression; the others (constants) carry none.
_EXPRESSIONS: dict[type[ast.expr], Callable[[FunctionWalk, Any, State], Taint | None]] = {
    ast.Name: FunctionWalk.name,
    ast.Attribute: FunctionWalk.attribute,
    ast.Subscript: FunctionWalk.subscript,
    ast.Call: FunctionWalk.any_call,
    ast.BinOp: FunctionWalk.binary,
    ast.BoolOp: FunctionWalk.boolean,
    ast.Compare: FunctionWalk.comparison,
    ast.UnaryOp: FunctionWalk.unary,
    ast.IfExp: FunctionWalk.conditional,
    ast.JoinedStr: FunctionWalk.f_string,
    ast.FormattedValue: FunctionWalk.formatted,
    ast.List: FunctionWalk.elements,
    ast.Tuple: FunctionWalk.elements,
    ast.Set: FunctionWalk.elements,
    ast.Dict: FunctionWalk.dict_literal,
    ast.Starred: FunctionWalk.inner,
    ast.Await: FunctionWalk.inner,
    ast.YieldFrom: FunctionWalk.inner,
    ast.Yield: FunctionWalk.inner,
    ast.NamedExpr: FunctionWalk.walrus,
    ast.Lambda: FunctionWalk.lambda_body,
    ast.ListComp: FunctionWalk.comprehension,
    ast.SetComp: FunctionWalk.comprehension,
    ast.GeneratorExp: FunctionWalk.comprehension,
    ast.DictComp: FunctionWalk.comprehension,
}
#: How a value is bound to each kind of assignment target.
_TARGETS: dict[
    type[ast.expr], Callable[[FunctionWalk, Any, ast.expr | None, Taint | None, State, int], None]
] = {
    ast.Name: FunctionWalk.bind_plain_name,
    ast.Tuple: FunctionWalk.bind_elements,
    ast.List: FunctionWalk.bind_elements,
    ast.Starred: FunctionWalk.bind_starred,
    ast.Attribute: FunctionWalk.bind_attribute,
    ast.Subscript: FunctionWalk.bind_subscript,
}
