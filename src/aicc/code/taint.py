"""Intraprocedural taint analysis of Python source over its ``ast``.

Each function (and the module body) is walked statement by statement with a map from names to
the taint they carry. Taint enters at the rules' sources, flows through assignments, string
building, containers and calls, is removed by sanitisers and by reassignment with clean values,
and is reported where it reaches a sink. Branches whose condition folds to a constant are walked
on their live side only. Calls to functions of the same module use a summary of that function
(which parameters reach its return value, and which reach a sink inside it), one level deep.
"""

from __future__ import annotations

import ast
import operator
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from aicc.code.findings import CodeFinding, CodeScan, PathStep, SkippedFile
from aicc.code.rules import RuleSet, SinkRule, name_matches

_NOT_CONSTANT = object()
_MAX_FOLD = 10**12  # folding stops above this magnitude, so `9 ** 9 ** 9` cannot hang a scan


@dataclass(frozen=True)
class Taint:
    """Untrusted data: the steps it took so far, and the CWEs it has been sanitised for."""

    steps: tuple[PathStep, ...]
    cleaned: frozenset[int] = frozenset()

    def then(self, step: PathStep) -> Taint:
        """This taint, carried one step further (a step on the same line is not repeated)."""
        if self.steps and self.steps[-1].line == step.line and self.steps[-1].file == step.file:
            return self
        return replace(self, steps=(*self.steps, step))


def _merge(*taints: Taint | None) -> Taint | None:
    """Data built from several values: tainted if any is; clean for a CWE only if all are."""
    present = [t for t in taints if t is not None]
    if not present:
        return None
    cleaned = frozenset.intersection(*(t.cleaned for t in present))
    return replace(present[0], cleaned=cleaned)


@dataclass(frozen=True)
class _Summary:
    """What a function of the module does with its parameters, seen from a call site."""

    params: tuple[str, ...]
    returns: dict[int, Taint]  # parameter position -> path inside to the return value
    sinks: tuple[tuple[int, SinkRule, Taint], ...]  # (parameter position, sink, path inside)


@dataclass
class _State:
    """What is known at one point of a function: tainted names and names bound to constants."""

    taint: dict[str, Taint] = field(default_factory=dict)
    constants: dict[str, object] = field(default_factory=dict)
    sequences: set[str] = field(default_factory=set)

    def copy(self) -> _State:
        return _State(dict(self.taint), dict(self.constants), set(self.sequences))

    def join(self, other: _State) -> _State:
        """The state after one of two branches ran."""
        taint = dict(self.taint)
        for name, value in other.taint.items():
            taint[name] = _merge(taint[name], value) or value if name in taint else value
        constants = {k: v for k, v in self.constants.items()
                     if k in other.constants and other.constants[k] == v}
        return _State(taint, constants, self.sequences | other.sequences)


def fold_constant(node: ast.expr, constants: dict[str, object] | None = None) -> object:
    """The value of ``node`` if it is a constant expression over numbers, strings and booleans.

    Returns a private marker when it is not; never evaluates anything but arithmetic, comparisons
    and boolean operators, and gives up on huge numbers.
    """
    names = constants or {}
    try:
        return _fold(node, names)
    except (ArithmeticError, TypeError, ValueError, RecursionError):
        return _NOT_CONSTANT


_BINARY: dict[type[ast.operator], Callable[[Any, Any], object]] = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
    ast.FloorDiv: operator.floordiv, ast.Mod: operator.mod, ast.Div: operator.truediv,
}
_COMPARE: dict[type[ast.cmpop], Callable[[Any, Any], object]] = {
    ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.Lt: operator.lt, ast.LtE: operator.le,
    ast.Gt: operator.gt, ast.GtE: operator.ge,
}


def _fold(node: ast.expr, names: dict[str, object]) -> object:
    if isinstance(node, ast.Constant):
        value = node.value
        if isinstance(value, (bool, int, float, str)) or value is None:
            return value
        return _NOT_CONSTANT
    if isinstance(node, ast.Name):
        return names.get(node.id, _NOT_CONSTANT)
    if isinstance(node, ast.UnaryOp):
        operand = _fold(node.operand, names)
        if operand is _NOT_CONSTANT:
            return _NOT_CONSTANT
        if isinstance(node.op, ast.Not):
            return not operand
        if isinstance(operand, (int, float)):
            return -operand if isinstance(node.op, ast.USub) else (
                +operand if isinstance(node.op, ast.UAdd) else _NOT_CONSTANT)
        return _NOT_CONSTANT
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        left, right = _fold(node.left, names), _fold(node.right, names)
        if left is _NOT_CONSTANT or right is _NOT_CONSTANT:
            return _NOT_CONSTANT
        texts = isinstance(left, str), isinstance(right, str)
        if any(texts) and not (all(texts) and isinstance(node.op, ast.Add)):
            return _NOT_CONSTANT  # `"a" * 10**9` and `"%s" % x` are not folded
        result = _BINARY[type(node.op)](left, right)
        if isinstance(result, (int, float)) and abs(result) > _MAX_FOLD:
            return _NOT_CONSTANT
        return result
    if isinstance(node, ast.Compare):
        left = _fold(node.left, names)
        for op, comparator in zip(node.ops, node.comparators, strict=True):
            right = _fold(comparator, names)
            if left is _NOT_CONSTANT or right is _NOT_CONSTANT or type(op) not in _COMPARE:
                return _NOT_CONSTANT
            if not _COMPARE[type(op)](left, right):
                return False
            left = right
        return True
    if isinstance(node, ast.BoolOp):
        values = [_fold(v, names) for v in node.values]
        if any(v is _NOT_CONSTANT for v in values):
            return _NOT_CONSTANT
        return all(values) if isinstance(node.op, ast.And) else any(values)
    return _NOT_CONSTANT


def _dotted(node: ast.expr) -> str | None:
    """``a.b.c`` for a chain of attribute reads on a name, else None."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def _call_name(func: ast.expr) -> str | None:
    """The dotted name of a called function; ``<expr>.attr`` when the receiver is computed."""
    name = _dotted(func)
    if name is None and isinstance(func, ast.Attribute):
        return f"<expr>.{func.attr}"
    return name


def _import_aliases(tree: ast.Module) -> dict[str, str]:
    """Local name -> full dotted name, for every import in the module."""
    aliases: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    aliases[alias.asname] = alias.name
                else:
                    first = alias.name.split(".")[0]
                    aliases[first] = first
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                aliases[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return aliases


class _FunctionAnalysis:
    """The walk over one function body (or the module body)."""

    def __init__(self, module: _ModuleAnalysis, *, sinks_in_returns: bool,
                 sources_enabled: bool = True) -> None:
        self.module = module
        self.rules = module.rules
        self.sinks_in_returns = sinks_in_returns
        self.sources_enabled = sources_enabled
        self.returned: Taint | None = None
        self.hits: list[tuple[SinkRule, Taint, int]] = []

    # -- statements -------------------------------------------------------------------------

    def block(self, body: Sequence[ast.stmt], state: _State) -> _State:
        for stmt in body:
            state = self.statement(stmt, state)
        return state

    def statement(self, stmt: ast.stmt, state: _State) -> _State:
        if isinstance(stmt, ast.Assign):
            value = self.expr(stmt.value, state)
            for target in stmt.targets:
                self.bind(target, stmt.value, value, state, stmt.lineno)
        elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
            self.bind(stmt.target, stmt.value, self.expr(stmt.value, state), state, stmt.lineno)
        elif isinstance(stmt, ast.AugAssign):
            value = self.expr(stmt.value, state)
            old = self.expr(stmt.target, state)
            merged = _merge(old, value)
            self.bind(stmt.target, None, merged, state, stmt.lineno)
        elif isinstance(stmt, ast.Return):
            if stmt.value is not None:
                value = self.expr(stmt.value, state)
                if value is not None:
                    value = value.then(self.module.step(stmt.lineno))
                    self.returned = _merge(self.returned, value) or value
                    if self.sinks_in_returns and _is_text_like(stmt.value):
                        for sink in self.module.return_sinks:
                            if sink.cwe not in value.cleaned:
                                self.hits.append((sink, value, stmt.lineno))
        elif isinstance(stmt, ast.Expr):
            self.expr(stmt.value, state)
        elif isinstance(stmt, ast.If):
            test = fold_constant(stmt.test, state.constants)
            self.expr(stmt.test, state)
            if test is _NOT_CONSTANT:
                return self.block(stmt.body, state.copy()).join(
                    self.block(stmt.orelse, state.copy()))
            return self.block(stmt.body if test else stmt.orelse, state)
        elif isinstance(stmt, ast.While):
            test = fold_constant(stmt.test, state.constants)
            if test is not _NOT_CONSTANT and not test:
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
            self.expr(stmt.subject, state)
            result = state.copy()
            for case in stmt.cases:
                result = result.join(self.block(case.body, state.copy()))
            return result
        elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            self.kill(stmt.name, state)  # analysed on their own
        elif isinstance(stmt, ast.Delete):
            for target in stmt.targets:
                if isinstance(target, ast.Name):
                    self.kill(target.id, state)
        return state

    def loop(self, body: Sequence[ast.stmt], orelse: Sequence[ast.stmt], state: _State,
             target: ast.expr | None, iterated: Taint | None, line: int) -> _State:
        """Walk a loop body twice, so taint carried round the loop is seen; it may not run."""
        current = state
        for _ in range(2):
            inner = current.copy()
            if target is not None:
                self.bind(target, None, iterated, inner, line)
            current = current.join(self.block(body, inner))
        return self.block(orelse, current)

    def kill(self, name: str, state: _State) -> None:
        state.taint.pop(name, None)
        state.constants.pop(name, None)
        state.sequences.discard(name)

    def bind(self, target: ast.expr, source: ast.expr | None, value: Taint | None,
             state: _State, line: int) -> None:
        """Record an assignment ``target = source`` whose value carries ``value``."""
        carried = value.then(self.module.step(line)) if value is not None else None
        if isinstance(target, ast.Name):
            self.kill(target.id, state)
            if carried is not None:
                state.taint[target.id] = carried
            if source is not None:
                constant = fold_constant(source, state.constants)
                if constant is not _NOT_CONSTANT:
                    state.constants[target.id] = constant
                if isinstance(source, (ast.List, ast.Tuple)):
                    state.sequences.add(target.id)
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
            name = _dotted(target)
            if name is not None:
                state.taint.pop(name, None)
                if carried is not None:
                    state.taint[name] = carried
            self.expr(target.value, state)
        elif isinstance(target, ast.Subscript):
            self.expr(target.slice, state)
            # storing into a container taints it; storing a clean value does not clean it
            name = _dotted(target.value)
            if name is not None and carried is not None:
                state.taint[name] = _merge(state.taint.get(name), carried) or carried

    # -- expressions ------------------------------------------------------------------------

    def expr(self, node: ast.expr | None, state: _State) -> Taint | None:
        """The taint ``node`` carries; reports every sink reached inside it."""
        if node is None or isinstance(node, (ast.Constant, ast.Lambda)):
            return None
        if isinstance(node, ast.Name):
            return state.taint.get(node.id) or self.source_read(node, node.id)
        if isinstance(node, ast.Attribute):
            name = _dotted(node)
            if name is not None:
                if name in state.taint:
                    return state.taint[name]
                found = self.source_read(node, name)
                if found is not None:
                    return found
            return self.expr(node.value, state)
        if isinstance(node, ast.Subscript):
            self.expr(node.slice, state)
            return self.expr(node.value, state)
        if isinstance(node, ast.Call):
            return self.call(node, state)
        if isinstance(node, ast.BinOp):
            return _merge(self.expr(node.left, state), self.expr(node.right, state))
        if isinstance(node, ast.BoolOp):
            return _merge(*(self.expr(v, state) for v in node.values))
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
            if test is _NOT_CONSTANT:
                return _merge(self.expr(node.body, state), self.expr(node.orelse, state))
            return self.expr(node.body if test else node.orelse, state)
        if isinstance(node, ast.JoinedStr):
            return _merge(*(self.expr(v, state) for v in node.values))
        if isinstance(node, ast.FormattedValue):
            self.expr(node.format_spec, state)
            return self.expr(node.value, state)
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            return _merge(*(self.expr(e, state) for e in node.elts))
        if isinstance(node, ast.Dict):
            return _merge(*(self.expr(k, state) for k in node.keys if k is not None),
                          *(self.expr(v, state) for v in node.values))
        if isinstance(node, (ast.Starred, ast.Await, ast.YieldFrom)):
            return self.expr(node.value, state)
        if isinstance(node, ast.Yield):
            return self.expr(node.value, state)
        if isinstance(node, ast.NamedExpr):
            value = self.expr(node.value, state)
            self.bind(node.target, node.value, value, state, node.lineno)
            return value
        if isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):
            return self.comprehension(node, state)
        return None

    def comprehension(self, node: ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp,
                      state: _State) -> Taint | None:
        inner = state.copy()
        for generator in node.generators:
            iterated = self.expr(generator.iter, inner)
            self.bind(generator.target, None, iterated, inner, node.lineno)
            for condition in generator.ifs:
                self.expr(condition, inner)
        if isinstance(node, ast.DictComp):
            return _merge(self.expr(node.key, inner), self.expr(node.value, inner))
        return self.expr(node.elt, inner)

    def source_read(self, node: ast.expr, name: str) -> Taint | None:
        if not self.sources_enabled:
            return None
        resolved = self.module.resolve(name)
        for source in self.rules.sources:
            if any(name_matches(p, resolved) for p in source.attributes):
                return Taint((self.module.step(node.lineno),))
        return None

    def call(self, node: ast.Call, state: _State) -> Taint | None:
        args = [self.expr(a, state) for a in node.args]
        keywords = {k.arg: self.expr(k.value, state) for k in node.keywords}
        name = _call_name(node.func)
        resolved = self.module.resolve(name) if name is not None else None
        receiver = (self.expr(node.func.value, state)
                    if isinstance(node.func, ast.Attribute) else None)
        if isinstance(node.func, ast.Attribute) and node.func.attr in _MUTATORS:
            # `items.append(tainted)` taints `items`
            target = _dotted(node.func.value)
            added = _merge(*args, *keywords.values())
            if target is not None and added is not None:
                carried = added.then(self.module.step(node.lineno))
                state.taint[target] = _merge(state.taint.get(target), carried) or carried
        if resolved is None:
            if not isinstance(node.func, ast.Attribute):
                self.expr(node.func, state)
            return _merge(receiver, *args, *keywords.values())
        self.check_sinks(node, resolved, args, keywords, state)
        summary = self.module.summaries.get(resolved)
        if summary is not None:
            return self.apply_summary(node, summary, args, keywords)
        if self.sources_enabled and any(name_matches(p, resolved) for source in self.rules.sources
                                        for p in source.calls):
            return Taint((self.module.step(node.lineno),))
        result = _merge(receiver, *args, *keywords.values())
        for sanitizer in self.rules.sanitizers:
            if result is not None and any(name_matches(p, resolved) for p in sanitizer.calls):
                if not sanitizer.cwes:
                    return None
                result = replace(result, cleaned=result.cleaned | sanitizer.cwes)
        return result

    def apply_summary(self, node: ast.Call, summary: _Summary, args: list[Taint | None],
                      keywords: dict[str | None, Taint | None]) -> Taint | None:
        """Carry taint through a call to a function of this module."""
        by_position: dict[int, Taint] = {}
        for position, param in enumerate(summary.params):
            value = args[position] if position < len(args) else keywords.get(param)
            if value is not None:
                by_position[position] = value.then(self.module.step(node.lineno))
        for position, sink, inner in summary.sinks:
            if position in by_position and sink.cwe not in by_position[position].cleaned:
                outer = by_position[position]
                self.hits.append((sink, Taint(outer.steps + inner.steps[1:], outer.cleaned),
                                  inner.steps[-1].line))
        returned = [Taint(by_position[p].steps + inner.steps[1:],
                          by_position[p].cleaned | inner.cleaned)
                    for p, inner in sorted(summary.returns.items()) if p in by_position]
        return _merge(*returned)

    def check_sinks(self, node: ast.Call, resolved: str, args: list[Taint | None],
                    keywords: dict[str | None, Taint | None], state: _State) -> None:
        for sink in self.module.call_sinks:
            if not any(name_matches(p, resolved) for p in sink.calls):
                continue
            if sink.requires_keywords:
                # a configuration sink: the call itself is the weakness, taint or not
                if self.sources_enabled and self.misconfigured(node, sink):
                    self.hits.append((sink, Taint((self.module.step(node.lineno),)),
                                      node.lineno))
                continue
            if self.safely_configured(node, sink):
                continue
            flows = [(node.args[i], args[i]) for i in sink.args if i < len(args)]
            flows += [(k.value, keywords[k.arg]) for k in node.keywords if k.arg in sink.keywords]
            for argument, value in flows:
                if value is None or sink.cwe in value.cleaned:
                    continue
                if sink.unless_sequence and self.is_sequence(argument, state) \
                        and not self.shell_true(node):
                    continue
                self.hits.append((sink, value, node.lineno))
                break

    def safely_configured(self, node: ast.Call, sink: SinkRule) -> bool:
        for keyword, safe_values in sink.safe_keywords:
            for k in node.keywords:
                if k.arg == keyword:
                    value = _dotted(k.value)
                    if value is not None and (value in safe_values
                                              or self.module.resolve(value) in safe_values):
                        return True
        return False

    @staticmethod
    def misconfigured(node: ast.Call, sink: SinkRule) -> bool:
        """Whether a call lacks a required keyword value (non-constants get the doubt)."""
        if any(k.arg is None for k in node.keywords):
            return False  # `**options` may well carry it
        given = {k.arg: k.value for k in node.keywords}
        for keyword, required in sink.requires_keywords:
            if keyword not in given:
                return True
            value = fold_constant(given[keyword])
            if value is not _NOT_CONSTANT and value != required:
                return True
        return False

    @staticmethod
    def shell_true(node: ast.Call) -> bool:
        return any(k.arg == "shell" and fold_constant(k.value) not in (False, None, 0)
                   for k in node.keywords)

    @staticmethod
    def is_sequence(argument: ast.expr, state: _State) -> bool:
        return isinstance(argument, (ast.List, ast.Tuple)) or (
            isinstance(argument, ast.Name) and argument.id in state.sequences)


def _is_text_like(node: ast.expr) -> bool:
    """Whether a returned value is plausibly a text body (not a dict, list or response call).

    Frameworks turn dicts into JSON and pass response objects through, so only text built here
    (names, f-strings, concatenation, ``"...".format()``) counts as a page; the body of a
    ``(body, status)`` tuple is looked at.
    """
    if isinstance(node, ast.Tuple):
        return bool(node.elts) and _is_text_like(node.elts[0])
    if isinstance(node, ast.Call):
        return isinstance(node.func, ast.Attribute) and node.func.attr in {"format", "join",
                                                                           "replace", "strip"}
    return isinstance(node, (ast.Name, ast.JoinedStr, ast.BinOp, ast.Subscript, ast.Attribute,
                             ast.IfExp, ast.BoolOp))


_MUTATORS = frozenset({"append", "extend", "insert", "add", "update", "setdefault",
                       "appendleft", "extendleft"})
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


class _ModuleAnalysis:
    """One module: its imports, the summaries of its functions, and the findings."""

    def __init__(self, tree: ast.Module, file: str, lines: list[str], rules: RuleSet) -> None:
        self.tree = tree
        self.file = file
        self.lines = lines
        self.rules = rules
        self.aliases = _import_aliases(tree)
        self.call_sinks = [s for s in rules.sinks if s.calls and self.imports_any(s.imports)]
        self.return_sinks: list[SinkRule] = []
        self.summaries: dict[str, _Summary] = {}

    def imports_any(self, modules: Iterable[str]) -> bool:
        """Whether the module imports one of ``modules`` (or below them); true when none given."""
        wanted = tuple(modules)
        return not wanted or any(full == m or full.startswith(f"{m}.")
                                 for full in self.aliases.values() for m in wanted)

    def resolve(self, name: str) -> str:
        head, _, rest = name.partition(".")
        full = self.aliases.get(head, head)
        return f"{full}.{rest}" if rest else full

    def step(self, line: int) -> PathStep:
        code = self.lines[line - 1].strip() if 0 < line <= len(self.lines) else ""
        return PathStep(self.file, line, code)

    def functions(self) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
        for node in ast.walk(self.tree):
            if isinstance(node, _FUNCTIONS):
                yield node

    def summarise(self) -> None:
        """Summaries of the module-level functions, computed without other summaries."""
        summaries: dict[str, _Summary] = {}
        for function in self.tree.body:
            if not isinstance(function, _FUNCTIONS):
                continue
            params = tuple(a.arg for a in [*function.args.posonlyargs, *function.args.args])
            returns: dict[int, Taint] = {}
            sinks: list[tuple[int, SinkRule, Taint]] = []
            for position, param in enumerate(params):
                walk = _FunctionAnalysis(self, sinks_in_returns=False, sources_enabled=False)
                start = Taint((self.step(function.lineno),))
                walk.block(function.body, _State(taint={param: start}))
                if walk.returned is not None:
                    returns[position] = walk.returned
                sinks += [(position, sink, replace(taint, steps=(*taint.steps,
                                                                 self.step(line))))
                          for sink, taint, line in walk.hits]
            summaries[function.name] = _Summary(params, returns, tuple(sinks))
        self.summaries = summaries

    def findings(self) -> list[CodeFinding]:
        self.summarise()
        found: dict[tuple[int, int, str], CodeFinding] = {}
        bodies: list[tuple[Sequence[ast.stmt], ast.FunctionDef | ast.AsyncFunctionDef | None]]
        bodies = [(self.tree.body, None)]
        bodies += [(f.body, f) for f in self.functions()]
        for body, function in bodies:
            decorators = function.decorator_list if function is not None else []
            self.return_sinks = [s for s in self.rules.sinks if s.returns_from and any(
                self.decorated_by(d, s.returns_from) for d in decorators)
                and self.imports_any(s.imports)]
            walk = _FunctionAnalysis(self, sinks_in_returns=True)
            walk.block(body, self.tainted_parameters(function))
            for sink, taint, line in walk.hits:
                steps = taint.steps if taint.steps[-1].line == line else (
                    *taint.steps, self.step(line))
                finding = CodeFinding(sink.cwe, self.file, line, sink.id, sink.message, steps)
                key = (line, sink.cwe, sink.id)
                if key not in found or len(steps) < len(found[key].path):
                    found[key] = finding
        return sorted(found.values(), key=lambda f: (f.line, f.cwe, f.rule))

    def tainted_parameters(self, function: ast.FunctionDef | ast.AsyncFunctionDef | None,
                           ) -> _State:
        """The state a function starts in: its parameters tainted where a source says so."""
        state = _State()
        if function is None:
            return state
        for source in self.rules.sources:
            if not source.parameters_of or not any(
                    self.decorated_by(d, source.parameters_of) for d in function.decorator_list):
                continue
            arguments = function.args
            positional = [*arguments.posonlyargs, *arguments.args]
            defaults: list[ast.expr | None] = [None] * (len(positional) - len(arguments.defaults))
            pairs = [*zip(positional, [*defaults, *arguments.defaults], strict=True),
                     *zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True)]
            for argument, default in pairs:
                if argument.arg in ("self", "cls") or self.excluded_parameter(
                        argument, default, source.unless_parameter):
                    continue
                state.taint[argument.arg] = Taint((self.step(argument.lineno),))
        return state

    def excluded_parameter(self, argument: ast.arg, default: ast.expr | None,
                           names: Iterable[str]) -> bool:
        """Whether a parameter's annotation or default call names one of ``names``."""
        wanted = tuple(names)
        for node in (argument.annotation,
                     default.func if isinstance(default, ast.Call) else default):
            name = _dotted(node) if node is not None else None
            if name is not None and (name in wanted or self.resolve(name) in wanted):
                return True
        return False

    def decorated_by(self, decorator: ast.expr, patterns: Iterable[str]) -> bool:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        name = _dotted(target)
        return name is not None and any(name_matches(p, self.resolve(name)) for p in patterns)


def analyse_source(text: str, file: str, rules: RuleSet) -> CodeScan:
    """Scan one module's source text; a module that does not parse is an error, not a raise."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the scanned code's own SyntaxWarnings are not ours
            tree = ast.parse(text, filename=file)
    except SyntaxError as exc:
        return CodeScan(files=1, errors=(SkippedFile(file, exc.lineno, exc.msg),))
    except (ValueError, RecursionError, MemoryError) as exc:
        return CodeScan(files=1, errors=(SkippedFile(file, None, str(exc) or type(exc).__name__),))
    try:
        findings = _ModuleAnalysis(tree, file, text.splitlines(), rules).findings()
    except RecursionError:
        return CodeScan(files=1, errors=(SkippedFile(file, None, "too deeply nested"),))
    return CodeScan(tuple(findings), files=1)


_SKIPPED_DIRS = frozenset({".git", ".hg", ".venv", "venv", "__pycache__", "node_modules",
                           ".tox", ".mypy_cache"})


def python_files(paths: Iterable[Path]) -> Iterator[Path]:
    """The ``.py`` files named, or found under the folders named, in a stable order."""
    for path in paths:
        if path.is_dir():
            for found in sorted(path.rglob("*.py")):
                relative = found.relative_to(path).parts[:-1]
                if not any(part in _SKIPPED_DIRS for part in relative):
                    yield found
        else:
            yield path


def scan_paths(paths: Iterable[Path], rules: RuleSet) -> CodeScan:
    """Scan every Python file under ``paths``."""
    findings: list[CodeFinding] = []
    errors: list[SkippedFile] = []
    files = 0
    for path in python_files(paths):
        try:
            text = path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            files += 1
            errors.append(SkippedFile(str(path), None, f"cannot read: {exc}"))
            continue
        result = analyse_source(text, str(path), rules)
        files += result.files
        findings += result.findings
        errors += result.errors
    return CodeScan(tuple(findings), files, tuple(errors))
