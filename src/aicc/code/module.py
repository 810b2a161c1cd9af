"""One module of the scanned code: its imports, constants, summaries and findings."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from aicc.code.facts import Function, ModuleFacts, module_facts, resolve_alias
from aicc.code.fold import (
    dotted,
    fold_constant,
)
from aicc.code.rules import PatternIndex, RuleSet, SinkRule, SourceRule, name_matches
from aicc.code.state import ALL_LABELS, State, Taint, merge
from aicc.code.summaries import Index, Summary
from aicc.code.taint import FunctionWalk
from aicc.core.code_findings import CodeFinding, PathStep

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
#: Route converters whose values are numbers: ``<int:id>`` (Flask), ``{id:int}`` (Starlette).
_NUMERIC_ROUTE = re.compile(r"<(?:int|float)(?:\([^)]*\))?:(\w+)>|\{(\w+):(?:int|float)\}")


class ModuleAnalysis:
    """One module: what the walk needs to know about it, and the findings in it."""

    def __init__(
        self,
        tree: ast.Module,
        file: str,
        lines: list[str],
        rules: RuleSet,
        *,
        names: Sequence[str] = ("app",),
        package: str | None = None,
        index: Index | None = None,
        facts: ModuleFacts | None = None,
    ) -> None:
        self.tree = tree
        self.file = file
        self.lines = lines
        self.rules = rules
        self.names = tuple(names)
        self.facts = facts if facts is not None else module_facts(tree, package)
        self.aliases = self.facts.aliases
        self.constants, self.collections = self.facts.constants, self.facts.collections
        self.mappings, self.once = self.facts.mappings, self.facts.once
        self.index = index if index is not None else Index()
        imported = own = {m for m in {*self.aliases.values()} for m in _prefixes(m)}
        for module in own:  # what the scanned modules this one imports import themselves
            imported = imported | self.index.imports.get(module, frozenset())
        self.imported = own
        self.sources: list[SourceRule] = [s for s in rules.sources if _wanted(s.imports, imported)]
        sinks = [s for s in rules.sinks if _wanted(s.imports, imported)]
        self.imported_sinks = sinks
        self.source_attributes = PatternIndex((s.attributes, s) for s in self.sources)
        self.source_calls = PatternIndex((s.calls, s) for s in self.sources)
        self.sanitizers = PatternIndex((z.calls, z) for z in rules.sanitizers)
        self.call_sink_index = PatternIndex((s.calls, s) for s in sinks if s.calls)
        self.store_index = PatternIndex((s.stores, s) for s in sinks if s.stores)
        self.naming_sinks = [s for s in sinks if s.assigned_to]
        self.return_sinks: list[SinkRule] = []
        self.local: dict[str, Summary] = {}
        self._globals: dict[str, Taint] | None = None
        self._objects: dict[str, tuple[str, dict[str, object]]] = {}
        #: attributes of imported objects this module's functions store taint in
        self.shared: dict[str, Taint] = {}
        #: nested function -> the tainted names of the body around it where it is defined
        self.closures: dict[int, dict[str, Taint]] = {}

    # -- names ------------------------------------------------------------------------------

    def resolve(self, name: str) -> str:
        return resolve_alias(name, self.aliases)

    def step(self, line: int) -> PathStep:
        code = self.lines[line - 1].strip() if 0 < line <= len(self.lines) else ""
        return PathStep(self.file, line, code)

    def validates(self, resolved: str) -> frozenset[int] | None:
        """The CWEs a validating function rules out for its first argument, or None."""
        for name in (resolved, f"<local>.{resolved}"):  # `*.is_safe_url` for a local one too
            for sanitizer in self.sanitizers.find(name):
                if sanitizer.guarded_by == "validator":
                    return sanitizer.cwes
        return None

    def table(self, name: str) -> bool | None:
        """Whether ``name`` is a module-level collection of this or another scanned module:
        True for a dict of constants (a lookup table), False for another collection, None when
        it is neither."""
        if name in self.collections:
            return name in self.mappings
        resolved = self.resolve(name)
        return self.index.tables.get(resolved) if resolved != name else None

    def summary(self, resolved: str) -> Summary | None:
        """The summary of a function, class or method by the name a call resolves to."""
        found = self.local.get(resolved) or self.index.summaries.get(resolved)
        if found is None and resolved not in self.aliases.values():
            found = self.index.summaries.get(self.qualified(resolved))  # defined here
        return found

    def qualified(self, name: str) -> str:
        return f"{self.names[0]}.{name}"

    # -- summaries --------------------------------------------------------------------------

    def summarise(self) -> Index:
        """The summaries of this module's functions, classes and methods.

        Each sees the summaries known so far (the index, and this module's earlier ones), so a
        second round over a project follows calls two levels deep.
        """
        out = Index()
        for module in self.names:
            out.imports[module] = frozenset(self.imported)
            out.tables.update(
                {f"{module}.{name}": name in self.mappings for name in self.collections}
            )
        self.routes(out)
        for node in self.tree.body:
            if isinstance(node, _FUNCTIONS):
                self.register(node.name, self.function_summary(node, None), out)
            elif isinstance(node, ast.ClassDef):
                self.summarise_class(node, out)
        out.shared.update(
            {
                k: replace(v, origins=frozenset())
                for k, v in self.shared.items()
                if "src" in v.origins or not v.origins
            }
        )
        return out

    def routes(self, out: Index) -> None:
        """Views this module routes (``path("users/<str:name>", views.card)``), by the
        qualified name of the view."""
        for called, view, pattern in self.facts.routes:
            resolved = self.resolve(called)
            for source in self.sources:
                if source.routed_by and any(name_matches(p, resolved) for p in source.routed_by):
                    target = self.resolve(view)
                    if target == view and view.partition(".")[0] not in self.aliases:
                        target = self.qualified(view)  # a view of this module
                    numeric = frozenset(numeric_in(pattern))
                    out.routed[target] = (source.label, numeric)
                    self.index.routed[target] = (source.label, numeric)

    def register(self, name: str, summary: Summary, out: Index) -> None:
        self.local[name] = summary
        for module in self.names:
            self.local[f"{module}.{name}"] = summary
            out.summaries[f"{module}.{name}"] = summary

    def summarise_class(self, node: ast.ClassDef, out: Index) -> None:
        cls = self.qualified(node.name)
        methods = [m for m in node.body if isinstance(m, _FUNCTIONS)]
        fields = self.facts.class_fields.get(node.name, [])
        from_sources: dict[str, Taint] = {}
        objects: dict[str, tuple[str, dict[str, object]]] = {}
        constructor = Summary(params=(), cls=cls)
        for method in methods:
            summary = self.function_summary(method, cls, fields)
            objects.update(summary.objects)
            for attribute, taint in summary.own_stores.items():
                from_sources[attribute] = merge(from_sources.get(attribute), taint) or taint
            self.register(f"{node.name}.{method.name}", summary, out)
            out.add_method(method.name, summary)
            if method.name == "__init__":
                constructor = replace(summary, cls=cls)
        if any(not self.scanned_class(base) for base in node.bases) or any(
            self.decorated_by(d, _GENERATED_INIT) for d in node.decorator_list
        ):
            constructor = replace(constructor, opaque=True)
        self.register(node.name, constructor, out)
        for module in self.names:
            out.source_fields[f"{module}.{node.name}"] = from_sources
            out.objects[f"{module}.{node.name}"] = objects
        self.index.source_fields[cls] = from_sources
        self.index.objects[cls] = objects

    def scanned_class(self, base: ast.expr) -> bool:
        """Whether a base class is ``object`` or a class of the scanned code."""
        name = dotted(base)
        if name is None:
            return False
        if name == "object" or self.resolve(name) in _ENUMS:
            return True  # an enum's constructor only returns one of its members
        constructor = self.summary(self.resolve(name))
        return constructor is not None and constructor.cls is not None

    def function_summary(
        self, function: Function, cls: str | None, fields: Sequence[str] = ()
    ) -> Summary:
        """What the function does with its inputs (parameters, and fields for a method), and
        what it returns or stores whatever they are (a source read inside)."""
        params, positional, star, double_star, bound = _signature(function, cls)
        owner = cls if bound else None
        own_walk = FunctionWalk(self, sinks_in_returns=False)  # sources on, inputs clean
        own_end = own_walk.block(function.body, self.entry_state(function, owner))
        inputs = {param: f"p{position}" for position, param in enumerate(params)}
        inputs.update(
            {f"self.{attribute}": f"f:{attribute}" for attribute in fields if owner is not None}
        )
        flows = self.input_flows(function, owner, inputs)
        for origin in sorted(flows.mixed):
            # data from two inputs met: walk again with that input alone, so each keeps its
            # own sanitising (`int(a) + b` is clean for a, not for b)
            name = next(n for n, o in inputs.items() if o == origin)
            flows.replace(origin, self.input_flows(function, owner, {name: origin}))
        returns = {int(o[1:]): t for o, t in flows.returns.items() if o.startswith("p")}
        field_returns = {o[2:]: t for o, t in flows.returns.items() if o.startswith("f:")}
        sinks = tuple((int(o[1:]), sink, t) for o, sink, t in flows.sinks if o.startswith("p"))
        field_sinks = tuple((o[2:], sink, t) for o, sink, t in flows.sinks if o.startswith("f:"))
        stores = {
            attribute: {int(o[1:]): t for o, t in by_origin.items() if o.startswith("p")}
            for attribute, by_origin in flows.stores.items()
        }
        return Summary(
            params,
            returns,
            sinks,
            own_walk.returned,
            {a: s for a, s in stores.items() if s},
            _fields(own_end) if owner is not None else {},
            field_returns,
            field_sinks,
            star=star,
            double_star=double_star,
            positional=positional,
            objects={
                k[5:]: v
                for k, v in own_end.objects.items()
                if k.startswith("self.") and k.count(".") == 1
            }
            if owner is not None
            else {},
        )

    def input_flows(self, function: Function, cls: str | None, inputs: dict[str, str]) -> _Flows:
        """Walk ``function`` with each input tainted and marked by its origin, sources off."""
        step = (self.step(function.lineno),)
        state = State(constants=dict(self.constants), objects=dict(self.global_objects()))
        if cls is not None:
            state.types["self"] = cls
            for attribute, made in self.index.objects.get(cls, {}).items():
                state.objects[f"self.{attribute}"] = made
        for name, origin in inputs.items():
            state.taint[name] = Taint(step, labels=ALL_LABELS, origins=frozenset({origin}))
        self.annotated(function, state)
        walk = FunctionWalk(
            self, sinks_in_returns=False, sources_enabled=False, function_name=function.name
        )
        end = walk.block(function.body, state)
        flows = _Flows()
        for value in walk.returns:
            flows.note(value)
            for origin in value.origins:
                flows.returns[origin] = merge(flows.returns.get(origin), value) or value
        for sink, taint in walk.hits:
            flows.note(taint)
            flows.sinks += [(origin, sink, taint) for origin in taint.origins]
        if cls is not None:
            for attribute, taint in _fields(end).items():
                moved = {o for o in taint.origins if o != f"f:{attribute}"}
                flows.note(taint)
                for origin in moved:
                    flows.stores.setdefault(attribute, {})[origin] = taint
        return flows

    # -- findings ---------------------------------------------------------------------------

    def findings(self) -> list[CodeFinding]:
        """Every sink reached in the module body and in each function and method."""
        found: dict[tuple[object, ...], CodeFinding] = {}
        owners = {key: self.qualified(name) for key, name in self.facts.owners.items()}
        bodies: list[tuple[Sequence[ast.stmt], Function | None]] = [(self.tree.body, None)]
        bodies += [(f.body, f) for f in self.facts.functions]
        return_rules = [s for s in self.imported_sinks if s.returns_from or s.returned_by]
        for body, function in bodies:
            decorators = function.decorator_list if function is not None else []
            parameters = set(_parameters(function)) if function is not None else set()
            self.return_sinks = [
                s
                for s in return_rules
                if (
                    (
                        s.returns_from
                        and any(
                            self.decorated_by(d, s.returns_from)
                            and self.decorator_says(d, s.decorator_keywords)
                            for d in decorators
                        )
                    )
                    or (s.returned_by and parameters.issuperset(s.returned_by))
                )
            ]
            cls = owners.get(id(function)) if function is not None else None
            if function is not None and (
                cls is None or not _parameters(function) or _decorated_static(function)
            ):
                cls = None
            walk = FunctionWalk(
                self, sinks_in_returns=True, function_name=function.name if function else None
            )
            walk.block(body, self.entry_state(function, cls))
            for sink, taint in walk.hits:
                finding = CodeFinding(
                    sink.cwe,
                    taint.steps[-1].file,
                    taint.steps[-1].line,
                    sink.id,
                    sink.message,
                    taint.steps,
                )
                source = (taint.steps[0].file, taint.steps[0].line)
                key: tuple[object, ...] = (
                    (sink.cwe, *source)
                    if sink.label != "untrusted"
                    else (finding.file, finding.line, sink.cwe, sink.id, *source)
                )
                if key not in found or len(finding.path) < len(found[key].path):
                    found[key] = finding
        return sorted(found.values(), key=lambda f: (f.file, f.line, f.cwe, f.rule))

    def entry_state(self, function: Function | None, cls: str | None) -> State:
        """The state a body starts in: module constants, and parameters a source taints."""
        state = State(constants=dict(self.constants) if function is not None else {})
        if function is None:
            return state
        state.taint.update(self.global_taint())
        state.objects.update(self.global_objects())
        own = {
            a.arg
            for a in [
                *function.args.posonlyargs,
                *function.args.args,
                *function.args.kwonlyargs,
                function.args.vararg,
                function.args.kwarg,
            ]
            if a is not None
        }
        state.taint.update(
            {
                name: taint
                for name, taint in self.closures.get(id(function), {}).items()
                if name not in own
            }
        )  # a closure's free names
        if cls is not None:
            state.types["self"] = cls
            for attribute, taint in self.index.source_fields.get(cls, {}).items():
                state.taint[f"self.{attribute}"] = taint
            for attribute, made in self.index.objects.get(cls, {}).items():
                state.objects[f"self.{attribute}"] = made
        for source in self.sources:
            for argument in self.tainted_parameters(function, source):
                state.taint[argument.arg] = Taint(
                    (self.step(argument.lineno),), labels=frozenset({source.label})
                )
        self.annotated(function, state)
        routed = next(
            (
                self.index.routed[f"{m}.{function.name}"]
                for m in self.names
                if f"{m}.{function.name}" in self.index.routed
            ),
            None,
        )
        if routed is not None and cls is None:
            label, numeric = routed
            for argument in [*function.args.posonlyargs, *function.args.args][1:]:
                if argument.arg not in numeric:
                    state.taint[argument.arg] = Taint(
                        (self.step(argument.lineno),), labels=frozenset({label})
                    )
        return state

    def annotated(self, function: Function, state: State) -> None:
        """Parameters annotated with a class of the scanned code are its instances
        (``service: UserService = Depends(...)``)."""
        arguments = function.args
        for argument in [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]:
            name = dotted(argument.annotation) if argument.annotation is not None else None
            if name is None:
                continue
            constructor = self.summary(self.resolve(name))
            if (
                constructor is not None
                and constructor.cls is not None
                and argument.arg not in state.taint
            ):  # a request model is the client's, whole
                state.types.setdefault(argument.arg, constructor.cls)

    def enclose(self, function: Function, state: State) -> None:
        """Remember what a nested function's body may read of the function around it."""
        seen = self.closures.setdefault(id(function), {})
        for name, taint in state.taint.items():
            if "." not in name and "[" not in name:
                seen[name] = merge(seen.get(name), taint) or taint

    def global_taint(self) -> dict[str, Taint]:
        """Names bound once at module level to tainted values (``_rng = random.Random()``)."""
        return self._module_level()[0]

    def global_objects(self) -> dict[str, tuple[str, dict[str, object]]]:
        """Objects made once at module level (``PARSER = etree.XMLParser(...)``)."""
        return self._module_level()[1]

    def _module_level(self) -> tuple[dict[str, Taint], dict[str, tuple[str, dict[str, object]]]]:
        if self._globals is None:
            self._globals, self._objects = {}, {}
            walk = FunctionWalk(self, sinks_in_returns=False)
            end = walk.block(self.tree.body, State())
            self._globals = {k: v for k, v in end.taint.items() if k in self.once}
            self._objects = {k: v for k, v in end.objects.items() if k in self.once}
        return self._globals, self._objects

    def tainted_parameters(self, function: Function, source: SourceRule) -> list[ast.arg]:
        arguments = function.args
        positional = [*arguments.posonlyargs, *arguments.args]
        every = [*positional, *arguments.kwonlyargs]
        if source.parameters_named:
            names = {a.arg for a in every}
            if not all(n in names for n in source.with_parameters):
                return []
            return [a for a in every if a.arg in source.parameters_named]
        decorators = [
            d for d in function.decorator_list if self.decorated_by(d, source.parameters_of)
        ]
        if not source.parameters_of or not decorators:
            return []
        numeric = _numeric_route_parameters(decorators)
        defaults: list[ast.expr | None] = [None] * (len(positional) - len(arguments.defaults))
        pairs = [
            *zip(positional, [*defaults, *arguments.defaults], strict=True),
            *zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True),
        ]
        return [
            argument
            for argument, default in pairs
            if argument.arg not in ("self", "cls")
            and argument.arg not in numeric
            and not self.excluded_parameter(argument, default, source.unless_parameter)
        ]

    def excluded_parameter(
        self, argument: ast.arg, default: ast.expr | None, names: Iterable[str]
    ) -> bool:
        """Whether a parameter's annotation or default call names one of ``names``."""
        wanted = tuple(names)
        for node in (
            argument.annotation,
            default.func if isinstance(default, ast.Call) else default,
        ):
            name = dotted(node) if node is not None else None
            if name is not None and (name in wanted or self.resolve(name) in wanted):
                return True
        return False

    def decorator_says(
        self, decorator: ast.expr, wanted: Sequence[tuple[str, tuple[str, ...]]]
    ) -> bool:
        """Whether a decorator passes, for each keyword in ``wanted``, one of its names."""
        given = (
            {k.arg: dotted(k.value) for k in decorator.keywords}
            if isinstance(decorator, ast.Call)
            else {}
        )
        return all(
            (name := given.get(keyword)) is not None
            and (name in names or self.resolve(name) in names)
            for keyword, names in wanted
        )

    def decorated_by(self, decorator: ast.expr, patterns: Iterable[str]) -> bool:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        name = dotted(target)
        return name is not None and any(name_matches(p, self.resolve(name)) for p in patterns)


def _parameters(function: Function) -> tuple[str, ...]:
    return tuple(a.arg for a in [*function.args.posonlyargs, *function.args.args])


def _decorated_static(function: Function) -> bool:
    return any(dotted(d) == "staticmethod" for d in function.decorator_list)


def _fields(state: State) -> dict[str, Taint]:
    return {
        key[5:]: taint
        for key, taint in state.taint.items()
        if key.startswith("self.") and key.count(".") == 1
    }


def _numeric_route_parameters(decorators: list[ast.expr]) -> set[str]:
    """Parameters a route pattern declares as numbers, hence not text an attacker shapes."""
    names: set[str] = set()
    for decorator in decorators:
        if isinstance(decorator, ast.Call) and decorator.args:
            pattern = fold_constant(decorator.args[0])
            if isinstance(pattern, str):
                names |= numeric_in(pattern)
    return names


def numeric_in(pattern: str) -> set[str]:
    """The parameters a route pattern declares as numbers: ``<int:id>``, ``{id:int}``."""
    return {match.group(1) or match.group(2) for match in _NUMERIC_ROUTE.finditer(pattern)}


_ENUMS = frozenset({"enum.Enum", "enum.IntEnum", "enum.StrEnum", "enum.Flag", "enum.IntFlag"})
#: Decorators that write a class's __init__, keeping every argument in a field.
_GENERATED_INIT = (
    "dataclasses.dataclass",
    "dataclass",
    "attr.s",
    "attr.attrs",
    "attrs.define",
    "attr.define",
    "attrs.frozen",
    "pydantic.dataclasses.dataclass",
)


def _prefixes(module: str) -> list[str]:
    parts = module.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts) + 1)]


def _wanted(modules: Sequence[str], imported: set[str]) -> bool:
    """Whether a rule limited to ``modules`` applies where ``imported`` modules are imported."""
    return not modules or any(m in imported for m in modules)


@dataclass
class _Flows:
    """Where each input of a function goes, by origin (``p0``, ``f:name``)."""

    returns: dict[str, Taint] = field(default_factory=dict)
    sinks: list[tuple[str, SinkRule, Taint]] = field(default_factory=list)
    stores: dict[str, dict[str, Taint]] = field(default_factory=dict)
    mixed: set[str] = field(default_factory=set)  # inputs whose data met another's, blurred

    def note(self, taint: Taint) -> None:
        if taint.blurred and len(taint.origins) > 1:
            self.mixed |= taint.origins

    def replace(self, origin: str, alone: _Flows) -> None:
        """Take ``origin``'s flows from a walk where it was the only tainted input."""
        self.returns.pop(origin, None)
        if origin in alone.returns:
            self.returns[origin] = alone.returns[origin]
        self.sinks = [s for s in self.sinks if s[0] != origin] + alone.sinks
        for by_origin in self.stores.values():
            by_origin.pop(origin, None)
        for attribute, by_origin in alone.stores.items():
            self.stores.setdefault(attribute, {}).update(by_origin)


def _signature(
    function: Function,
    cls: str | None,
) -> tuple[tuple[str, ...], int, int | None, int | None, bool]:
    """A function's parameters as a call sees them (``self`` left out of a method), how many
    take positional arguments, where ``*args`` and ``**kwargs`` are, and whether it is bound."""
    params = _parameters(function)
    bound = cls is not None and bool(params) and not _decorated_static(function)
    if bound:
        params = params[1:]
    positional = len(params)
    arguments = function.args
    star = double_star = None
    if arguments.vararg is not None:
        star, params = len(params), (*params, arguments.vararg.arg)
    params = (*params, *(a.arg for a in arguments.kwonlyargs))
    if arguments.kwarg is not None:
        double_star, params = len(params), (*params, arguments.kwarg.arg)
    return params, positional, star, double_star, bound
