"""The taint walk over one function body (or a module body), statement by statement.

A `State` maps names (``x``, ``self.value``) to the `Taint` they carry, with the constants,
list/dict shapes (`aicc.code.shapes`) and class instances known at that point. Taint enters
at the rules' sources, flows through assignments, string building, containers and calls, is
removed by sanitisers, guards (`aicc.code.guards`) and reassignment with clean values, and is
reported where it reaches a sink. Branches whose condition folds to a constant are walked on
their live side only. Calls to functions, classes and methods of the scanned code use their
summaries (`aicc.code.summaries`), across modules.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from aicc.code.fold import NOT_CONSTANT, constant_collection, dotted, fold_constant
from aicc.code.guards import narrowings, terminates
from aicc.code.rules import SinkRule
from aicc.code.shapes import Shape
from aicc.code.sinks import SinkChecks, is_text_like
from aicc.code.state import State, Taint, merge, through

if TYPE_CHECKING:
    from aicc.code.module import ModuleAnalysis
    from aicc.code.summaries import Summary

#: Calls that store their arguments into the receiver: ``items.append(x)`` taints ``items``.
MUTATORS = frozenset(
    {
        "append",
        "extend",
        "insert",
        "add",
        "update",
        "setdefault",
        "appendleft",
        "extendleft",
        "set",
        "put",
        "push",
        "write",
    }
)
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
_WORD = re.compile(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")


def name_words(name: str) -> str:
    """``_rememberMe_token`` -> ``_remember_me_token_``, for matching whole words."""
    return "_" + "_".join(w.lower() for w in _WORD.findall(name)) + "_"


class FunctionWalk(SinkChecks):
    """The walk over one body; collects the sink hits and what the body returns."""

    def __init__(
        self,
        module: ModuleAnalysis,
        *,
        sinks_in_returns: bool,
        sources_enabled: bool = True,
        function_name: str | None = None,
    ) -> None:
        self.module = module
        self.rules = module.rules
        self.sinks_in_returns = sinks_in_returns
        self.sources_enabled = sources_enabled
        self.function_name = function_name
        #: The origin of taint read from a source: ``src`` in a summary's walk.
        self.source_origin: frozenset[str] = frozenset()
        self.returned: Taint | None = None
        self.returns: list[Taint] = []  # each return statement's value, apart
        self.hits: list[tuple[SinkRule, Taint]] = []
        self.instances: dict[int, tuple[str, dict[str, Taint]]] = {}

    def hit(self, sink: SinkRule, value: Taint, line: int) -> None:
        """Record that ``value`` reaches ``sink`` at ``line``; the last step is the sink."""
        self.hits.append((sink, value.then(self.module.step(line))))

    # -- statements -------------------------------------------------------------------------

    def block(self, body: Sequence[ast.stmt], state: State) -> State:
        for stmt in body:
            state = self.statement(stmt, state)
        return state

    def statement(self, stmt: ast.stmt, state: State) -> State:
        if isinstance(stmt, ast.Assign):
            value = self.expr(stmt.value, state)
            for target in stmt.targets:
                self.bind(target, stmt.value, value, state, stmt.lineno)
        elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
            self.bind(stmt.target, stmt.value, self.expr(stmt.value, state), state, stmt.lineno)
        elif isinstance(stmt, ast.AugAssign):
            value = self.expr(stmt.value, state)
            old = self.expr(stmt.target, state)
            self.bind(stmt.target, None, merge(old, value), state, stmt.lineno)
        elif isinstance(stmt, ast.Return):
            self.returning(stmt, state)
        elif isinstance(stmt, ast.Expr):
            self.expr(stmt.value, state)
        elif isinstance(stmt, ast.If):
            return self.branch(stmt, state)
        elif isinstance(stmt, ast.While):
            test = fold_constant(stmt.test, state.constants)
            if test is not NOT_CONSTANT and not test:
                return self.block(stmt.orelse, state)
            return self.loop(stmt.body, stmt.orelse, state, None, None, stmt.lineno)
        elif isinstance(stmt, (ast.For, ast.AsyncFor)):
            iterated = self.expr(stmt.iter, state)
            return self.loop(stmt.body, stmt.orelse, state, stmt.target, iterated, stmt.lineno)
        elif isinstance(stmt, (ast.With, ast.AsyncWith)):
            for item in stmt.items:
                value = self.expr(item.context_expr, state)
                if item.optional_vars is not None:
                    self.bind(item.optional_vars, None, value, state, stmt.lineno)
            return self.block(stmt.body, state)
        elif isinstance(stmt, (ast.Try, ast.TryStar)):
            after_body = self.block(stmt.body, state.copy())
            result = self.block(stmt.orelse, after_body.copy())
            for handler in stmt.handlers:
                # a handler may run after any part of the body
                result = result.join(self.block(handler.body, state.join(after_body)))
            return self.block(stmt.finalbody, result)
        elif isinstance(stmt, ast.Match):
            return self.match(stmt, state)
        elif isinstance(stmt, (*_FUNCTIONS, ast.ClassDef)):
            if isinstance(stmt, _FUNCTIONS) and self.sources_enabled:
                self.module.enclose(stmt, state)  # what a closure sees of this body
            state.forget(stmt.name)  # analysed on their own
        elif isinstance(stmt, ast.Delete):
            for target in stmt.targets:
                self.delete(target, state)
        return state

    def returning(self, stmt: ast.Return, state: State) -> None:
        if stmt.value is None:
            return
        value = self.expr(stmt.value, state)
        if value is None:
            return
        value = value.then(self.module.step(stmt.lineno))
        self.returned = merge(self.returned, value) or value
        self.returns.append(value)
        if self.sinks_in_returns:
            for sink in self.module.return_sinks:
                if value.reaches(sink) and is_text_like(stmt.value, lists=bool(sink.returned_by)):
                    self.hit(sink, value, stmt.lineno)
        if self.function_name is not None:
            self.assigned(self.function_name, value, state, stmt.lineno)

    def branch(self, stmt: ast.If, state: State) -> State:
        """An ``if``: a constant test picks its side; otherwise both run, each narrowed."""
        test = fold_constant(stmt.test, state.constants)
        self.expr(stmt.test, state)
        if test is not NOT_CONSTANT:
            return self.block(stmt.body if test else stmt.orelse, state)
        body = self.block(stmt.body, self.narrowed(stmt.test, True, state.copy()))
        orelse = self.block(stmt.orelse, self.narrowed(stmt.test, False, state.copy()))
        body_leaves = terminates(stmt.body, self.module.resolve)
        else_leaves = terminates(stmt.orelse, self.module.resolve)
        if body_leaves and not else_leaves:
            return orelse
        if else_leaves and not body_leaves:
            return body
        return body.join(orelse)

    def narrowed(self, test: ast.expr, truth: bool, state: State) -> State:
        """``state`` where ``test`` is known to be ``truth``."""
        for narrowing in narrowings(
            test,
            truth,
            state.constants,
            lambda node: self.members(node, state),
            self.module.resolve,
            self.module.validates,
            self.module.facts.patterns,
        ):
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
        if name is None or name in state.taint:
            return None
        if name in self.module.collections:
            return self.module.collections[name]
        return frozenset() if self.module.table(name) is not None else None

    def match(self, stmt: ast.Match, state: State) -> State:
        """A ``match``: on a constant subject only the case it selects runs."""
        self.expr(stmt.subject, state)
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
            result = result.join(self.block(case.body, state.copy()))
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
        carried = value.then(self.module.step(line)) if value is not None else None
        if isinstance(target, ast.Name):
            self.bind_name(target.id, source, carried, state, line)
        elif isinstance(target, (ast.Tuple, ast.List)):
            elements = source.elts if isinstance(source, (ast.Tuple, ast.List)) else None
            if elements is not None and len(elements) == len(target.elts):
                for element_target, element in zip(target.elts, elements, strict=True):
                    self.bind(element_target, element, self.expr(element, state), state, line)
            else:
                for element_target in target.elts:
                    self.bind(element_target, None, value, state, line)
        elif isinstance(target, ast.Starred):
            self.bind(target.value, None, value, state, line)
        elif isinstance(target, ast.Attribute):
            name = dotted(target)
            if name is not None:
                self.bind_name(name, source, carried, state, line)
            else:
                self.expr(target.value, state)
        elif isinstance(target, ast.Subscript):
            self.store(target, source, carried, state, line)

    def bind_name(
        self, name: str, source: ast.expr | None, carried: Taint | None, state: State, line: int
    ) -> None:
        state.forget(name)
        if carried is not None:
            state.taint[name] = carried
            self.assigned(name, carried, state, line)
            head = name.partition(".")[0]
            if "." in name and head in self.module.aliases and head not in state.taint:
                # `g.query = request.args["q"]`: an attribute of an imported object, which
                # every function that imports it reads (flask.g, a module's singleton)
                self.module.shared[self.module.resolve(name)] = carried
        if source is None:
            return
        if isinstance(source, ast.Await):
            source = source.value  # `session = await get_session(request)`
        constant = fold_constant(source, state.constants)
        if constant is not NOT_CONSTANT:
            state.constants[name] = constant
        if isinstance(source, (ast.List, ast.Tuple)):
            state.sequences.add(name)
        shape = self.shape_of(source, state)
        if shape is not None:
            state.shapes[name] = shape
        if isinstance(source, ast.Call):
            made = self.made(source, state)
            if made is not None:
                state.objects[name] = made
        if isinstance(source, ast.Call) and id(source) in self.instances:
            cls, fields = self.instances[id(source)]
            state.types[name] = cls
            for attribute, taint in fields.items():
                state.taint[f"{name}.{attribute}"] = taint.then(self.module.step(line))
        source_name = dotted(source)
        if source_name is not None and source_name in state.types:
            state.types[name] = state.types[source_name]
            for key, taint in list(state.taint.items()):
                if key.startswith(f"{source_name}."):
                    state.taint[name + key[len(source_name) :]] = taint

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
        resolved = self.module.resolve(name)
        made = state.objects.get(name)
        found = self.module.store_index.find(resolved)
        if made is not None:
            found = [*found, *(s for s in self.module.store_index.find(made[0]) if s not in found)]
        for sink in found:
            for value in (key_taint, carried):
                if value is not None and value.reaches(sink):
                    self.hit(sink, value, line)
                    break
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
        if not self.module.naming_sinks:
            return
        words = name_words(name.rsplit(".", 1)[-1])
        for sink in self.module.naming_sinks:
            if value.reaches(sink) and any(
                f"_{w}_" in words or f"_{w}s_" in words for w in sink.assigned_to
            ):
                self.hit(sink, value, line)

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
            if called is not None and self.module.resolve(called) in {
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
        if node is None or isinstance(node, (ast.Constant, ast.Lambda)):
            return None
        if isinstance(node, ast.Name):
            return state.taint.get(node.id) or self.source_read(node, node.id)
        if isinstance(node, ast.Attribute):
            return self.attribute(node, state)
        if isinstance(node, ast.Subscript):
            return self.subscript(node, state)
        if isinstance(node, ast.Call):
            return self.call(node, state)
        if isinstance(node, ast.BinOp):
            return merge(self.expr(node.left, state), self.expr(node.right, state))
        if isinstance(node, ast.BoolOp):
            return merge(*(self.expr(v, state) for v in node.values))
        if isinstance(node, ast.Compare):
            self.expr(node.left, state)
            for comparator in node.comparators:
                self.expr(comparator, state)
            return None  # a boolean carries no attacker-chosen text
        if isinstance(node, ast.UnaryOp):
            value = self.expr(node.operand, state)
            return None if isinstance(node.op, ast.Not) else value
        if isinstance(node, ast.IfExp):
            test = fold_constant(node.test, state.constants)
            self.expr(node.test, state)
            if test is NOT_CONSTANT:
                return merge(
                    self.expr(node.body, self.narrowed(node.test, True, state.copy())),
                    self.expr(node.orelse, self.narrowed(node.test, False, state.copy())),
                )
            return self.expr(node.body if test else node.orelse, state)
        if isinstance(node, ast.JoinedStr):
            return merge(*(self.expr(v, state) for v in node.values))
        if isinstance(node, ast.FormattedValue):
            self.expr(node.format_spec, state)
            return self.expr(node.value, state)
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            return merge(*(self.expr(e, state) for e in node.elts))
        if isinstance(node, ast.Dict):
            return self.dict_literal(node, state)
        if isinstance(node, (ast.Starred, ast.Await, ast.YieldFrom, ast.Yield)):
            return self.expr(node.value, state)
        if isinstance(node, ast.NamedExpr):
            value = self.expr(node.value, state)
            self.bind(node.target, node.value, value, state, node.lineno)
            return value
        if isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):
            return self.comprehension(node, state)
        return None

    def dict_literal(self, node: ast.Dict, state: State) -> Taint | None:
        values = []
        for key, value_node in zip(node.keys, node.values, strict=True):
            value = self.expr(value_node, state)
            values.append(value)
            if key is not None:
                values.append(self.expr(key, state))
                constant = fold_constant(key, state.constants)
                if isinstance(constant, str) and value is not None:
                    self.assigned(constant, value, state, node.lineno)
        return merge(*values)

    def attribute(self, node: ast.Attribute, state: State) -> Taint | None:
        name = dotted(node)
        if name is not None:
            if name in state.taint:
                return state.taint[name]
            found = self.source_read(node, name)
            if found is not None:
                return found
            if name.partition(".")[0] in self.module.aliases:
                shared = self.module.index.shared.get(self.module.resolve(name))
                if shared is not None and self.sources_enabled:
                    return shared
            owner = name.rsplit(".", 1)[0]
            if owner in state.types and not self.opaque(state.types[owner]):
                return None  # a field of a followed instance that holds nothing tainted
        return self.expr(node.value, state)

    def subscript(self, node: ast.Subscript, state: State) -> Taint | None:
        self.expr(node.slice, state)
        key = fold_constant(node.slice, state.constants)
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
            if name not in state.taint and self.module.table(name):
                return None  # a lookup in a constant table yields a constant
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

    def source_read(self, node: ast.expr, name: str) -> Taint | None:
        if not self.sources_enabled:
            return None
        found = self.module.source_attributes.find(self.module.resolve(name))
        if not found:
            return None
        return Taint(
            (self.module.step(node.lineno),),
            labels=frozenset({found[0].label}),
            origins=self.source_origin,
        )

    # -- calls ------------------------------------------------------------------------------

    def call(self, node: ast.Call, state: State) -> Taint | None:
        args = [self.expr(a, state) for a in node.args]
        keywords = {k.arg: self.expr(k.value, state) for k in node.keywords}
        name = _call_name(node.func)
        resolved = self.module.resolve(name) if name is not None else None
        receiver_name = dotted(node.func.value) if isinstance(node.func, ast.Attribute) else None
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
            receiver_name is not None
            and receiver_name not in state.taint
            and self.module.table(receiver_name)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "get"
        ):
            return args[1] if len(args) > 1 else None  # a constant table's value, or the default
        receiver = (
            self.expr(node.func.value, state) if isinstance(node.func, ast.Attribute) else None
        )
        method = self.method_summary(node, receiver_name, state)
        if method is not None:
            return self.apply_summary(node, method, args, keywords, state, receiver_name)
        inline = self.inline_instance(node)
        if inline is not None and isinstance(node.func, ast.Attribute):
            cls, fields = inline  # `Parser(data).run()`: a method of an instance made right here
            summary = self.module.summary(f"{cls}.{node.func.attr}")
            if summary is not None:
                return self.apply_summary(node, summary, args, keywords, state, None, fields)
        if (
            isinstance(node.func, ast.Attribute)
            and node.func.attr in MUTATORS
            and receiver_name is not None
        ):
            added = merge(*args, *keywords.values())
            if added is not None:
                carried = added.then(self.module.step(node.lineno))
                state.taint[receiver_name] = (
                    merge(state.taint.get(receiver_name), carried) or carried
                )
        if resolved is None:
            if not isinstance(node.func, ast.Attribute):
                self.expr(node.func, state)
            return merge(receiver, *args, *keywords.values())
        self.check_sinks(node, resolved, args, keywords, state, receiver)
        summary = self.module.summary(resolved)
        if summary is not None:
            return self.apply_summary(node, summary, args, keywords, state, None)
        if self.sources_enabled:
            found = self.module.source_calls.find(resolved)
            if found:
                return Taint(
                    (self.module.step(node.lineno),),
                    labels=frozenset({found[0].label}),
                    origins=self.source_origin,
                )
        result = merge(receiver, *args, *keywords.values())
        for sanitizer in self.module.sanitizers.find(resolved):
            if result is not None:
                if sanitizer.guarded_by == "validator":
                    continue  # it answers yes or no; the `if` around it cleans
                if sanitizer.guarded_by is not None:
                    result = replace(result, pending=result.pending | sanitizer.cwes)
                elif not sanitizer.cwes:
                    result = result.trusted()
                else:
                    result = replace(result, cleaned=result.cleaned | sanitizer.cwes)
        return result

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
        constructor = self.module.summary(cls)
        return constructor is not None and constructor.opaque

    def inline_instance(self, node: ast.Call) -> tuple[str, dict[str, Taint]] | None:
        if isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Call):
            return self.instances.get(id(node.func.value))
        return None

    def method_summary(self, node: ast.Call, receiver: str | None, state: State) -> Summary | None:
        if not isinstance(node.func, ast.Attribute):
            return None
        if receiver is not None and receiver in state.types:
            return self.module.summary(f"{state.types[receiver]}.{node.func.attr}")
        if receiver is None or receiver.partition(".")[0] in self.module.aliases:
            return None  # a module's function, not a method
        # the object's class is not known here: a method name only one class of the scanned
        # code defines can only be that method (`self.repo.search_by_name(term)`)
        return self.module.index.unique_method(node.func.attr)

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
        step = self.module.step(node.lineno)
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
        for position, sink, inner in summary.sinks:
            if position in by_position:
                self.inner_hit(sink, by_position[position], inner)
        for attribute, sink, inner in summary.field_sinks:
            if attribute in fields:
                self.inner_hit(sink, fields[attribute], inner)
        returned = [
            through(by_position[p], inner)
            for p, inner in summary.returns.items()
            if p in by_position
        ]
        returned += [
            through(fields[a], inner) for a, inner in summary.field_returns.items() if a in fields
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
