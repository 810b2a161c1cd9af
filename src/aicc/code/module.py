"""One module of the scanned code: its summaries and findings, assembled from walks over its
bodies.

The analysis makes the module's read-only `aicc.code.view.ModuleView` and its
`aicc.code.sinks.SinkChecks`, walks each body (`aicc.code.taint.walk`) and gathers what each
walk returns: the summaries of its functions, classes and methods, and the findings.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from aicc.code.facts import Function, ModuleFacts, module_facts, parameter_defaults
from aicc.code.fold import (
    dotted,
    fold_constant,
)
from aicc.code.rules import RuleSet, SinkRule, SourceRule, name_matches, name_words
from aicc.code.sinks import SinkChecks, is_text_like
from aicc.code.state import ALL_LABELS, State, Taint, merge
from aicc.code.summaries import Index, Summary
from aicc.code.taint import SinkCheck, Walked, walk
from aicc.code.view import ModuleView
from aicc.core.code_findings import CodeFinding, PathStep

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
#: Route converters whose values are numbers: ``<int:id>`` (Flask), ``{id:int}`` (Starlette).
_NUMERIC_ROUTE = re.compile(r"<(?:int|float)(?:\([^)]*\))?:(\w+)>|\{(\w+):(?:int|float)\}")


class ModuleAnalysis:
    """One module: its view (what the walk may read) and sink checks, and the summaries and
    findings assembled from the walks over its bodies."""

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
        indexes = rules.indexes(self.sources, sinks)
        self.local: dict[str, Summary] = {}
        self.view = ModuleView(
            file,
            lines,
            self.names,
            self.facts,
            self.index,
            MappingProxyType(self.local),
            indexes.source_attributes,
            indexes.source_calls,
            indexes.sanitizers,
            indexes.exits,
            tuple(s for s in self.sources if s.named),
        )
        self.checks = SinkChecks(self.view, sinks, indexes.sink_calls, indexes.sink_stores)
        self._globals: dict[str, Taint] | None = None
        self._objects: dict[str, tuple[str, dict[str, object]]] = {}
        self._types: dict[str, str] = {}
        #: attributes of imported objects this module's functions store taint in
        self.shared: dict[str, Taint] = {}
        #: nested function -> the tainted names of the body around it where it is defined
        self.closures: dict[int, dict[str, Taint]] = {}

    # -- names ------------------------------------------------------------------------------

    def resolve(self, name: str) -> str:
        return self.view.resolve(name)

    def step(self, line: int) -> PathStep:
        return self.view.step(line)

    def summary(self, resolved: str) -> Summary | None:
        return self.view.summary(resolved)

    def qualified(self, name: str) -> str:
        return self.view.qualified(name)

    # -- walks ------------------------------------------------------------------------------

    def walk(
        self,
        body: Sequence[ast.stmt],
        state: State,
        checks: SinkCheck | None = None,
        *,
        sources_enabled: bool = True,
        function_name: str | None = None,
        purpose: str = "",
    ) -> Walked:
        """Walk one body of the module and keep what it says of the others: what nested
        functions see of it, and the imported objects it stores taint in."""
        walked = walk(
            self.view,
            self.checks if checks is None else checks,
            body,
            state,
            sources_enabled=sources_enabled,
            function_name=function_name,
            purpose=purpose,
        )
        for function, visible in walked.closures:
            self.enclose(function, visible)
        for key, value in walked.shared.items():  # two views may fill one store (session)
            self.shared[key] = merge(self.shared.get(key), value) or value
        return walked

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
        bases = tuple(self.class_name(name) for b in node.bases if (name := dotted(b)))
        if bases:
            out.bases[cls] = self.index.bases[cls] = bases
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
            out.add_method(method.name, f"{cls}.{method.name}")
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

    def class_name(self, name: str) -> str:
        """A class named in this module, resolved: an imported one by its imports, one of
        this module qualified."""
        resolved = self.resolve(name)
        if resolved == name and name.partition(".")[0] not in self.aliases:
            return self.qualified(name)
        return resolved

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
        own_walk = self.walk(function.body, self.entry_state(function, owner))  # inputs clean
        own_end = own_walk.end
        inputs = {param: f"p{position}" for position, param in enumerate(params)}
        inputs.update(
            {f"self.{attribute}": f"f:{attribute}" for attribute in fields if owner is not None}
        )
        inputs.update({name: f"g:{name}" for name in self.facts.stateful if name not in inputs})
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
        made_class = _factory(flows.instances) if function.name != "__init__" else None
        made_cls = None
        if made_class is not None:  # `return cls(...)`: the caller gets that instance
            made_cls, stores = made_class
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
            made=_factory_made(own_walk.made),
            cls=made_cls,
            container_stores=tuple(
                (container, int(origin[1:]), taint) for origin, container, taint in flows.containers
            ),
            validates=_validated(flows.validations),
            global_stores={
                self.qualified(name): {int(o[1:]): t for o, t in by_origin.items()}
                for name, by_origin in flows.globals.items()
            },
            global_returns={
                self.qualified(o[2:]): t for o, t in flows.returns.items() if o.startswith("g:")
            },
            global_sinks=tuple(
                (self.qualified(o[2:]), sink, t) for o, sink, t in flows.sinks if o.startswith("g:")
            ),
            text=_returns_text(function),
        )

    def input_flows(self, function: Function, cls: str | None, inputs: dict[str, str]) -> _Flows:
        """Walk ``function`` with each input tainted and marked by its origin, sources off."""
        step = (self.step(function.lineno),)
        state = State(constants=dict(self.constants), objects=dict(self.global_objects()))
        state.defaults.update(parameter_defaults(function))
        state.types.update(self.global_types(function))
        if cls is not None:
            state.types["self"] = cls
            _class_parameter(function, cls, state)
            for attribute, made in self.index.objects.get(cls, {}).items():
                state.objects[f"self.{attribute}"] = made
            self.field_types(cls, state)
        for name, origin in inputs.items():
            state.taint[name] = Taint(step, labels=ALL_LABELS, origins=frozenset({origin}))
        self.annotated(function, state)
        walked = self.walk(function.body, state, sources_enabled=False, function_name=function.name)
        end = walked.end
        flows = _Flows(validations=walked.validations, instances=walked.made_instances)
        for value in walked.returns:
            flows.note(value)
            for origin in sorted(value.origins):  # one order whatever the hash seed
                flows.returns[origin] = merge(flows.returns.get(origin), value) or value
        for sink, taint in walked.hits:
            flows.note(taint)
            flows.sinks += [(origin, sink, taint) for origin in sorted(taint.origins)]
        for container, *carried in walked.stored:
            into = inputs.get(container, "")
            for put in carried:
                if put is None or not into.startswith("p"):
                    continue
                flows.note(put)
                flows.containers += [
                    (origin, int(into[1:]), put)
                    for origin in sorted(put.origins)
                    if origin.startswith("p") and origin != into
                ]
        for name in self.facts.stateful:
            if (kept := end.taint.get(name)) is not None:
                for origin in sorted(kept.origins):
                    if origin.startswith("p"):
                        flows.globals.setdefault(name, {})[origin] = kept
        if cls is not None:
            for attribute, taint in _fields(end).items():
                moved = {o for o in taint.origins if o != f"f:{attribute}"}
                flows.note(taint)
                for origin in sorted(moved):
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
            return_sinks = [
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
            short = (cls or "").rpartition(".")[2]
            purpose = name_words(f"{short}_{function.name}") if function else ""
            if function is not None and (
                cls is None or not _parameters(function) or _decorated_static(function)
            ):
                cls = None
            walked = self.walk(
                body,
                self.entry_state(function, cls),
                self.checks.returning(return_sinks),
                function_name=function.name if function else None,
                purpose=purpose,
            )
            for sink, taint in walked.hits:
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
        return sorted(_one_per_weakness(found.values(), self.checks.configuration), key=_order)

    def entry_state(self, function: Function | None, cls: str | None) -> State:
        """The state a body starts in: module constants, and parameters a source taints."""
        state = State(constants=dict(self.constants) if function is not None else {})
        if function is None:
            return state
        state.taint.update(self.global_taint())
        state.objects.update(self.global_objects())
        state.types.update(self.global_types(function))
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
            _class_parameter(function, cls, state)
            for attribute, taint in self.index.source_fields.get(cls, {}).items():
                state.taint[f"self.{attribute}"] = taint
            for attribute, made in self.index.objects.get(cls, {}).items():
                state.objects[f"self.{attribute}"] = made
            self.field_types(cls, state)
        state.defaults.update(parameter_defaults(function))
        for source in self.sources:
            for argument in self.tainted_parameters(function, source):
                state.taint[argument.arg] = Taint(
                    (self.step(argument.lineno),), labels=frozenset({source.label})
                )
                state.defaults.pop(argument.arg, None)
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

    def field_types(self, cls: str, state: State) -> None:
        """The fields of ``self`` that hold an instance of a class of the scanned code, as
        the class sets them up (`aicc.code.facts.ModuleFacts.field_makers`)."""
        module, _, short = cls.rpartition(".")
        if module not in self.names:
            return
        for attribute, maker in self.facts.field_makers.get(short, {}).items():
            constructor = self.summary(self.resolve(maker))
            if constructor is not None and constructor.cls is not None:
                state.types.setdefault(f"self.{attribute}", constructor.cls)

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

    def enclose(self, function: Function, visible: dict[str, Taint]) -> None:
        """Remember what a nested function's body may read of the function around it."""
        seen = self.closures.setdefault(id(function), {})
        for name, taint in visible.items():
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
            end = self.walk(self.tree.body, State()).end
            self._globals = {k: v for k, v in end.taint.items() if k in self.once}
            self._objects = {k: v for k, v in end.objects.items() if k in self.once}
            self._types = {k: v for k, v in end.types.items() if k in self.once}
        return self._globals, self._objects

    def global_types(self, function: Function) -> dict[str, str]:
        """Instances of the scanned code's classes made once at module level (``repo =
        Repo(url)``, a singleton the views call), less the names ``function`` takes as
        parameters."""
        self._module_level()
        if not self._types:
            return {}
        arguments = function.args
        own = {
            a.arg
            for a in (
                *arguments.posonlyargs,
                *arguments.args,
                *arguments.kwonlyargs,
                arguments.vararg,
                arguments.kwarg,
            )
            if a is not None
        }
        return {k: v for k, v in self._types.items() if k not in own}

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


def _factory_made(
    made: Sequence[tuple[str, dict[str, object]] | None],
) -> tuple[str, dict[str, object]] | None:
    """The object a function always returns, when each of its returns hands back the same
    kind of object with the same settings (a factory); else None."""
    if not made or made[0] is None or any(m != made[0] for m in made[1:]):
        return None
    return made[0]


def _order(finding: CodeFinding) -> tuple[str, int, int, str]:
    return (finding.file, finding.line, finding.cwe, finding.rule)


def _one_per_weakness(
    findings: Iterable[CodeFinding], configuration: frozenset[str]
) -> list[CodeFinding]:
    """The findings, less those of a configuration sink (`configuration`, by rule id) where
    data found reaching a sink shows the same weakness on the same line: ``hashlib.new("md5",
    password)`` is one fast hash of a password, not that and a weak hash too."""
    every = list(findings)
    shown = {(f.file, f.line, f.cwe) for f in every if f.rule not in configuration}
    return [f for f in every if f.rule not in configuration or (f.file, f.line, f.cwe) not in shown]


def _parameters(function: Function) -> tuple[str, ...]:
    return tuple(a.arg for a in [*function.args.posonlyargs, *function.args.args])


def _factory(
    instances: list[tuple[str, dict[str, Taint]] | None],
) -> tuple[str, dict[str, dict[int, Taint]]] | None:
    """The class every return hands an instance of, and which parameters its fields hold."""
    if not instances or any(i is None for i in instances):
        return None
    classes = {i[0] for i in instances if i is not None}
    if len(classes) != 1:
        return None
    fields: dict[str, dict[int, Taint]] = {}
    for _, held in (i for i in instances if i is not None):
        for attribute, taint in held.items():
            for origin in sorted(taint.origins):
                if origin.startswith("p"):
                    fields.setdefault(attribute, {})[int(origin[1:])] = taint
    return classes.pop(), fields


def _class_parameter(function: Function, cls: str, state: State) -> None:
    """In a classmethod, its first parameter is the class: ``cls(...)`` makes an instance."""
    params = _parameters(function)
    if params and any(dotted(d) == "classmethod" for d in function.decorator_list):
        state.callees[params[0]] = frozenset({cls})


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
    #: (origin, the container parameter's position, path): data stored into a parameter
    containers: list[tuple[str, int, Taint]] = field(default_factory=list)
    mixed: set[str] = field(default_factory=set)  # inputs whose data met another's, blurred
    #: per return that may be true, the inputs it checks (`aicc.code.taint.Walked`)
    validations: list[dict[str, frozenset[int] | None]] = field(default_factory=list)
    #: per return, the instance of a class of the scanned code it hands back
    instances: list[tuple[str, dict[str, Taint]] | None] = field(default_factory=list)
    #: module-level state -> the inputs whose data it holds at the end (`ModuleFacts.stateful`)
    globals: dict[str, dict[str, Taint]] = field(default_factory=dict)

    def note(self, taint: Taint) -> None:
        if taint.blurred and len(taint.origins) > 1:
            self.mixed |= taint.origins

    def replace(self, origin: str, alone: _Flows) -> None:
        """Take ``origin``'s flows from a walk where it was the only tainted input."""
        self.returns.pop(origin, None)
        if origin in alone.returns:
            self.returns[origin] = alone.returns[origin]
        self.sinks = [s for s in self.sinks if s[0] != origin] + alone.sinks
        self.containers = [c for c in self.containers if c[0] != origin] + alone.containers
        for by_origin in self.stores.values():
            by_origin.pop(origin, None)
        for attribute, by_origin in alone.stores.items():
            self.stores.setdefault(attribute, {}).update(by_origin)
        for by_origin in self.globals.values():
            by_origin.pop(origin, None)
        for name, by_origin in alone.globals.items():
            self.globals.setdefault(name, {}).update(by_origin)


def _validated(validations: list[dict[str, frozenset[int] | None]]) -> dict[int, frozenset[int]]:
    """The parameters every return that may be true checks, with the CWEs all of them rule
    out (empty: all)."""
    if not validations:
        return {}
    common = set.intersection(*(set(v) for v in validations))
    validated: dict[int, frozenset[int]] = {}
    for origin in sorted(o for o in common if o.startswith("p")):
        ruled_out: frozenset[int] | None = None
        for checked in validations:
            cwes = checked[origin]
            if cwes is not None:
                ruled_out = cwes if ruled_out is None else ruled_out & cwes
        if ruled_out is None or ruled_out:
            validated[int(origin[1:])] = ruled_out or frozenset()
    return validated


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


def _returns_text(function: Function) -> bool:
    """Whether every ``return`` of ``function`` (not of a function inside it) hands back text
    built there, and it returns at all; a generator (a ``yield`` statement) does not. Only
    statements are visited, not expressions: this runs for every function scanned."""
    returns: list[ast.Return] = []
    pending: list[ast.stmt] = list(function.body)
    while pending:
        stmt = pending.pop()
        if isinstance(stmt, ast.Return):
            returns.append(stmt)
        elif isinstance(stmt, (ast.Expr, ast.Assign)) and isinstance(
            stmt.value, (ast.Yield, ast.YieldFrom)
        ):
            return False
        elif not isinstance(stmt, (*_FUNCTIONS, ast.ClassDef)):
            for name in ("body", "orelse", "finalbody"):
                inner = getattr(stmt, name, None)
                if isinstance(inner, list):
                    pending.extend(inner)
            for part in (*getattr(stmt, "handlers", ()), *getattr(stmt, "cases", ())):
                pending.extend(part.body)
    return bool(returns) and all(_built_text(r.value) for r in returns)


def _built_text(node: ast.expr | None) -> bool:
    """An f-string, a concatenation or %-format, or a ``format``/``join`` of text (a name,
    an item or an attribute may hold anything)."""
    if isinstance(node, ast.IfExp):
        return _built_text(node.body) and _built_text(node.orelse)
    if isinstance(node, ast.BinOp):
        return isinstance(node.op, (ast.Add, ast.Mod))
    return isinstance(node, (ast.JoinedStr, ast.Call)) and is_text_like(node)
