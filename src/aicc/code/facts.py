"""What one read of a module's tree tells, kept while the tree is kept: its imports (relative
ones resolved), module-level constants, allow-lists and lookup tables, compiled patterns,
functions, the classes that own methods and the fields they assign, and routing calls."""

from __future__ import annotations

import ast
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from aicc.code.fold import (
    NOT_CONSTANT,
    constant_collection,
    constant_mapping,
    constant_table,
    dotted,
    fold_constant,
    walk,
)

#: Methods that put their arguments into the object they are called on.
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
Function = ast.FunctionDef | ast.AsyncFunctionDef
#: How many fields of one class are followed one by one through its methods.
MAX_FIELDS = 16


@dataclass
class ModuleFacts:
    """What one read of a module's tree gives, kept while the tree is kept: its imports,
    module-level constants, functions, and the classes that own methods."""

    aliases: dict[str, str]
    constants: dict[str, object]
    collections: dict[str, frozenset[object]]
    mappings: set[str]
    once: set[str]
    functions: list[Function]
    owners: dict[int, str]  # id(method) -> class name
    class_fields: dict[str, list[str]]  # class name -> fields its methods assign (self.x)
    patterns: dict[str, str]  # NAME -> the regular expression of NAME = re.compile("...")
    routes: list[tuple[str, str, str]]  # (called, view, pattern) of `path("...", view)` calls
    #: NAME -> its keys and value expressions, for NAME = {"key": value, ...} bound once at
    #: module level: the keywords a call given ``**NAME`` receives
    options: dict[str, dict[str, ast.expr]] = field(default_factory=dict)
    #: NAME -> NAME = {key: value, ...} bound once at module level, as written
    dicts: dict[str, ast.Dict] = field(default_factory=dict)
    #: class -> attribute -> the function a class attribute names (``pick =
    #: staticmethod(random.choices)``, ``hasher = legacy_digest``): ``self.pick(...)`` calls it
    class_calls: dict[str, dict[str, str]] = field(default_factory=dict)
    #: module-level names bound once that a function puts data into (``PENDING.append(x)``,
    #: ``CACHE[key] = x``, ``CONFIG.set(...)``): state every function of the scan may read
    stateful: frozenset[str] = frozenset()
    #: NAME -> NAME = functools.partial(f, *args, **keywords) bound once at module level: a
    #: call ``NAME(x)`` is ``f(*args, x, **keywords)``
    partials: dict[str, ast.Call] = field(default_factory=dict)
    #: NAME -> the keys and values of the one dict literal module-level function NAME
    #: returns (``def cookie_options(): return {"secure": False}``): ``**NAME()`` gives them
    returned_options: dict[str, dict[str, ast.expr]] = field(default_factory=dict)
    #: class -> field -> what the one instance the module makes of it keeps there
    #: (``finder = Finder(FIELDS)`` with ``self.fields = fields``): ``self.fields`` in its
    #: methods is ``FIELDS``; a class made more than once (or never) has none
    instance_fields: dict[str, dict[str, ast.expr]] = field(default_factory=dict)
    #: NAME -> its pairs, for NAME = [(a, b), ...] (a list or tuple of pairs) bound once at
    #: module level and never filled: what ``for a, b in NAME`` goes through
    pairs: dict[str, list[tuple[ast.expr, ast.expr]]] = field(default_factory=dict)
    #: class -> field -> the dotted name of what made the object the field holds, as the
    #: class sets it up (`field_makers`): ``self.runner = Runner()``
    field_makers: dict[str, dict[str, str]] = field(default_factory=dict)


def module_facts(tree: ast.Module, package: str | None) -> ModuleFacts:
    """Read the facts of a module in one walk over its tree."""
    imports: list[ast.Import | ast.ImportFrom] = []
    functions: list[Function] = []
    classes: list[ast.ClassDef] = []
    changed: set[str] = set()
    routes: list[tuple[str, str, str]] = []
    filled: set[str] = set()  # names data is put into: `NAME.append(x)`, `NAME[key] = x`
    constructed: dict[str, list[ast.Call]] = {}  # `Name(...)` calls, anywhere: classes made
    triples: list[ast.Tuple] = []  # `(r"/path", Handler, {...})`: Tornado's routes
    made_by_name: dict[str, list[str | None]] = {}  # NAME -> what each `NAME = ...` made
    for node in walk(tree):
        if isinstance(node, ast.Tuple):
            if (
                len(node.elts) == 3
                and isinstance(node.elts[1], ast.Name)
                and isinstance(node.elts[2], ast.Dict)
            ):
                triples.append(node)
        elif isinstance(node, ast.Assign):
            if len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                made = dotted(node.value.func) if isinstance(node.value, ast.Call) else None
                made_by_name.setdefault(node.targets[0].id, []).append(made)
        elif isinstance(node, ast.Subscript):
            if isinstance(node.ctx, ast.Store) and isinstance(node.value, ast.Name):
                filled.add(node.value.id)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            imports.append(node)
        elif isinstance(node, _FUNCTIONS):
            functions.append(node)
        elif isinstance(node, ast.ClassDef):
            classes.append(node)
        elif isinstance(node, ast.Global):
            changed.update(node.names)
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name):
                constructed.setdefault(func.id, []).append(node)
            if (
                isinstance(func, ast.Attribute)
                and func.attr in MUTATORS
                and isinstance(func.value, ast.Name)
            ):
                filled.add(func.value.id)
            if (
                len(node.args) >= 2
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                called, view = dotted(func), dotted(node.args[1])
                if called is not None and view is not None:
                    routes.append((called, view, node.args[0].value))
    owners: dict[int, str] = {}
    fields: dict[str, list[str]] = {}
    class_calls: dict[str, dict[str, str]] = {}
    module_level = _module_level_names(tree)
    routed = _routed_arguments(triples, made_by_name)
    makers: dict[str, dict[str, str]] = {}
    for cls in classes:
        bindings = _self_bindings(cls)
        named = {
            **_init_functions(cls, constructed.get(cls.name, []), module_level, bindings),
            **_class_functions(cls),
        }
        if named:
            class_calls[cls.name] = named
        held = field_makers(bindings, routed.get(cls.name, {}))
        if held:
            makers[cls.name] = held
        methods = [m for m in cls.body if isinstance(m, _FUNCTIONS)]
        owners.update({id(m): cls.name for m in methods})
        fields[cls.name] = sorted(
            {attribute for _, stored, _ in bindings for attribute in stored}
            # annotated at class level: a dataclass's (pydantic's, attrs') fields
            | {
                stmt.target.id
                for stmt in cls.body
                if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name)
            }
        )[:MAX_FIELDS]
    constants, collections, mappings, once = module_constants(tree, changed, filled)
    aliases = import_aliases(imports, package)
    patterns: dict[str, str] = {}
    options: dict[str, dict[str, ast.expr]] = {}
    dicts: dict[str, ast.Dict] = {}
    pairs: dict[str, list[tuple[ast.expr, ast.expr]]] = {}
    partials: dict[str, ast.Call] = {}
    for stmt in tree.body:
        if not (
            isinstance(stmt, ast.Assign)
            and len(stmt.targets) == 1
            and isinstance(stmt.targets[0], ast.Name)
            and stmt.targets[0].id in once
        ):
            continue  # only a module-level name bound once says what the name holds
        bound, value = stmt.targets[0].id, stmt.value
        if isinstance(value, (ast.List, ast.Tuple)) and bound not in filled:
            listed = pairs_of(value)
            if listed is not None:
                pairs[bound] = listed
        if isinstance(value, ast.Dict):
            dicts[bound] = value
            keys = [fold_constant(k) if k is not None else None for k in value.keys]
            if all(isinstance(k, str) for k in keys):
                options[bound] = {str(k): v for k, v in zip(keys, value.values, strict=True)}
        if not isinstance(value, ast.Call):
            continue
        called = dotted(value.func)
        if called == "dict" and not value.args and all(k.arg is not None for k in value.keywords):
            # `OPTIONS = dict(load_dtd=True)`
            options[bound] = {str(k.arg): k.value for k in value.keywords if k.arg is not None}
        if called is None or not value.args:
            continue
        if resolve_alias(called, aliases) == "functools.partial":
            partials[bound] = value
        pattern = fold_constant(value.args[0], constants)
        if isinstance(pattern, str) and resolve_alias(called, aliases) in {
            "re.compile",
            "regex.compile",
        }:
            patterns[bound] = pattern
    stateful = frozenset(filled & once)
    instance_fields = _instance_fields(tree, classes)
    returned_options = {
        stmt.name: returned
        for stmt in tree.body
        if isinstance(stmt, _FUNCTIONS) and (returned := _returned_dict(stmt)) is not None
    }
    return ModuleFacts(
        aliases,
        constants,
        collections,
        mappings,
        once,
        functions,
        owners,
        fields,
        patterns,
        routes,
        options,
        dicts,
        class_calls,
        stateful,
        partials,
        returned_options,
        instance_fields,
        pairs,
        makers,
    )


#: the methods that set an object up: what they bind to its fields, it holds throughout
_SET_UP = frozenset({"__init__", "__post_init__", "initialize", "setup"})


#: per method of a class: the method, every field of ``self`` it stores into, and each
#: ``self.field = value`` it makes (one walk of each method, for `fields`, `field_makers`
#: and `_init_functions`)
SelfBindings = list[tuple[Function, set[str], list[tuple[str, ast.expr]]]]


def _self_bindings(cls: ast.ClassDef) -> SelfBindings:
    """What each method of ``cls`` binds to ``self``: `SelfBindings`."""
    found: SelfBindings = []
    for method in cls.body:
        if not isinstance(method, _FUNCTIONS):
            continue
        stored: set[str] = set()
        assigned: list[tuple[str, ast.expr]] = []
        for node in walk(method):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.ctx, ast.Store)
                and isinstance(node.value, ast.Name)
                and node.value.id == "self"
            ):
                stored.add(node.attr)
            elif isinstance(node, ast.Assign):
                assigned.extend(
                    (target.attr, node.value)
                    for target in node.targets
                    if isinstance(target, ast.Attribute)
                    and isinstance(target.value, ast.Name)
                    and target.value.id == "self"
                )
        found.append((method, stored, assigned))
    return found


def field_makers(bindings: SelfBindings, given: dict[str, str]) -> dict[str, str]:
    """The fields the methods that set a class up (`_SET_UP`) bind to an object, and the
    dotted name of what made it: a call (``self.runner = Runner()``), a parameter's
    annotation (``self.repo = repo`` with ``repo: UserRepo``), or what the routing gives a
    Tornado handler's ``initialize`` (``given``, by parameter). A field bound anywhere else
    is left out."""
    found: dict[str, str] = {}
    elsewhere: set[str] = set()
    for method, stored, assigned in bindings:
        if method.name not in _SET_UP:
            elsewhere |= stored
            continue
        annotations = {
            a.arg: name
            for a in [*method.args.posonlyargs, *method.args.args, *method.args.kwonlyargs]
            if a.annotation is not None and (name := dotted(a.annotation)) is not None
        }
        for attribute, value in assigned:
            maker = _maker(value, annotations, given)
            if maker is None or attribute in found:
                elsewhere.add(attribute)
            else:
                found[attribute] = maker
    return {name: maker for name, maker in found.items() if name not in elsewhere}


def _maker(value: ast.expr, annotations: dict[str, str], given: dict[str, str]) -> str | None:
    """What made the object ``value`` is, when known: `field_makers`."""
    if isinstance(value, ast.Call):
        return dotted(value.func)
    if isinstance(value, ast.Name):
        return annotations.get(value.id) or given.get(value.id)
    return None


def _routed_arguments(
    triples: list[ast.Tuple], made_by_name: dict[str, list[str | None]]
) -> dict[str, dict[str, str]]:
    """Tornado's routes, ``(r"/path", Handler, {"store": Store()})`` (``triples``): per
    handler class, the keyword its ``initialize`` is given and the dotted name of what made
    the object (a call written there, or a name the module binds once to a call)."""
    routed: dict[str, dict[str, str]] = {}
    for node in triples:
        assert isinstance(node.elts[1], ast.Name) and isinstance(node.elts[2], ast.Dict)
        for key, value in zip(node.elts[2].keys, node.elts[2].values, strict=True):
            name = fold_constant(key) if key is not None else None
            if not isinstance(name, str):
                continue
            if isinstance(value, ast.Call):
                maker = dotted(value.func)
            elif isinstance(value, ast.Name) and len(made_by_name.get(value.id, ())) == 1:
                maker = made_by_name[value.id][0]
            else:
                maker = None
            if maker is not None:
                routed.setdefault(node.elts[1].id, {})[name] = maker
    return routed


def pairs_of(value: ast.List | ast.Tuple) -> list[tuple[ast.expr, ast.expr]] | None:
    """The elements of ``[(a, b), ...]`` when each is a pair written out, or None."""
    found = []
    for element in value.elts:
        if not isinstance(element, (ast.Tuple, ast.List)) or len(element.elts) != 2:
            return None
        if any(isinstance(e, ast.Starred) for e in element.elts):
            return None
        found.append((element.elts[0], element.elts[1]))
    return found


def _instance_fields(
    tree: ast.Module, classes: list[ast.ClassDef]
) -> dict[str, dict[str, ast.expr]]:
    """`ModuleFacts.instance_fields`: for each class of the module made exactly once at
    module level (or as a class attribute), the fields its ``__init__`` sets straight from a
    parameter (``self.x = x``), and the argument that instance was given (or the default)."""
    by_name = {c.name: c for c in classes}
    made: dict[str, list[ast.Call]] = {}
    bodies = [tree.body, *(c.body for c in classes)]
    for body in bodies:
        for stmt in body:
            value = stmt.value if isinstance(stmt, (ast.Assign, ast.AnnAssign)) else None
            if (
                isinstance(value, ast.Call)
                and isinstance(value.func, ast.Name)
                and value.func.id in by_name
            ):
                made.setdefault(value.func.id, []).append(value)
    found: dict[str, dict[str, ast.expr]] = {}
    for name, calls in made.items():
        init = next(
            (m for m in by_name[name].body if isinstance(m, _FUNCTIONS) and m.name == "__init__"),
            None,
        )
        if len(calls) != 1 or init is None:
            continue
        params = [a.arg for a in [*init.args.posonlyargs, *init.args.args][1:]]
        given = parameter_defaults(init)
        call = calls[0]
        if any(isinstance(a, ast.Starred) for a in call.args):
            continue
        given.update(zip(params, call.args, strict=False))
        given.update((k.arg, k.value) for k in call.keywords if k.arg is not None)
        fields = {
            target.attr: given[param]
            for stmt in init.body
            if isinstance(stmt, ast.Assign) and (param := _param_kept(stmt.value) or "") in given
            for target in stmt.targets
            if isinstance(target, ast.Attribute)
            and isinstance(target.value, ast.Name)
            and target.value.id == "self"
        }
        if fields:
            found[name] = fields
    return found


def _returned_dict(function: Function) -> dict[str, ast.expr] | None:
    """The keys and values of the dict literal ``function`` returns, when its body is that
    one ``return {"key": value, ...}`` (after a docstring) and every key is a string."""
    body = list(function.body)
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    if len(body) != 1 or not isinstance(body[0], ast.Return):
        return None
    value = body[0].value
    if not isinstance(value, ast.Dict):
        return None
    keys = [fold_constant(k) if k is not None else None for k in value.keys]
    if not all(isinstance(k, str) for k in keys):
        return None
    return {str(k): v for k, v in zip(keys, value.values, strict=True)}


def _class_functions(cls: ast.ClassDef) -> dict[str, str]:
    """The class attributes bound to a function by its dotted name, staticmethod() or not."""
    named: dict[str, str] = {}
    for stmt in cls.body:
        if not (
            isinstance(stmt, ast.Assign)
            and len(stmt.targets) == 1
            and isinstance(stmt.targets[0], ast.Name)
        ):
            continue
        value = stmt.value
        if (
            isinstance(value, ast.Call)
            and dotted(value.func) == "staticmethod"
            and len(value.args) == 1
            and not value.keywords
        ):
            value = value.args[0]
        if isinstance(value, (ast.Name, ast.Attribute)) and (target := dotted(value)):
            named[stmt.targets[0].id] = target
    return named


def _module_level_names(tree: ast.Module) -> frozenset[str]:
    """The names the module binds at its top level: imports, functions, classes, variables."""
    names: set[str] = set()
    for stmt in tree.body:
        if isinstance(stmt, (*_FUNCTIONS, ast.ClassDef)):
            names.add(stmt.name)
        elif isinstance(stmt, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).partition(".")[0] for a in stmt.names)
        elif isinstance(stmt, (ast.Assign, ast.AnnAssign)):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            names.update(t.id for t in targets if isinstance(t, ast.Name))
    return frozenset(names)


def _init_functions(
    cls: ast.ClassDef, made: list[ast.Call], module_level: frozenset[str], bindings: SelfBindings
) -> dict[str, str]:
    """The fields ``__init__`` binds to a function or module of the module's top level by
    its dotted name, and only there: ``self.loads = pickle.loads``, or ``self.runner =
    runner`` where the parameter's default is one (``runner=run_shell``) and no call in the
    module that makes the class passes another."""
    init = next((m for m in cls.body if isinstance(m, _FUNCTIONS) and m.name == "__init__"), None)
    if init is None:
        return {}
    positional = [a.arg for a in [*init.args.posonlyargs, *init.args.args][1:]]
    defaults = parameter_defaults(init)
    params = {
        *positional,
        *(a.arg for a in init.args.kwonlyargs),
        *(a.arg for a in (init.args.vararg, init.args.kwarg) if a is not None),
    }
    passed = {k.arg for call in made for k in call.keywords}
    if any(k.arg is None for call in made for k in call.keywords) or any(
        isinstance(a, ast.Starred) for call in made for a in call.args
    ):
        return {}  # `**options` or `*args`: what is passed is not known
    passed.update(positional[: max((len(call.args) for call in made), default=0)])
    local = {
        node.id
        for node in walk(init)
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store)
    }
    named: dict[str, str] = {}
    for stmt in init.body:
        if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1):
            continue
        target, value = stmt.targets[0], stmt.value
        if not (
            isinstance(target, ast.Attribute)
            and isinstance(target.value, ast.Name)
            and target.value.id == "self"
        ):
            continue
        if isinstance(value, ast.Name) and value.id in params:
            if value.id in passed:
                continue
            value = defaults.get(value.id, value)
        found = dotted(value) if isinstance(value, (ast.Name, ast.Attribute)) else None
        head = found.partition(".")[0] if found is not None else ""
        if found is not None and head in module_level and head not in {*params, *local}:
            named[target.attr] = found
    set_elsewhere = {a for method, stored, _ in bindings if method is not init for a in stored}
    return {name: target for name, target in named.items() if name not in set_elsewhere}


def resolve_alias(name: str, aliases: dict[str, str]) -> str:
    """``request.args`` read through the module's imports: ``flask.request.args``."""
    head, _, rest = name.partition(".")
    full = aliases.get(head, head)
    return f"{full}.{rest}" if rest else full


def import_aliases(
    imports: Iterable[ast.Import | ast.ImportFrom], package: str | None
) -> dict[str, str]:
    """Local name -> full dotted name, for every import in the module.

    ``package`` is the module's package, for relative imports (``from .text import quote``).
    """
    aliases: dict[str, str] = {}
    for node in imports:
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    aliases[alias.asname] = alias.name
                else:
                    first = alias.name.split(".")[0]
                    aliases[first] = first
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(node.module, node.level, package)
            if base is None:
                continue
            for alias in node.names:
                aliases[alias.asname or alias.name] = f"{base}.{alias.name}" if base else alias.name
    return aliases


def _absolute(module: str | None, level: int, package: str | None) -> str | None:
    if level == 0:
        return module
    if package is None:
        return module  # a lone file: `from .x import y` is read as `from x import y`
    parts = package.split(".") if package else []
    if level - 1 > len(parts):
        return None
    base = parts[: len(parts) - (level - 1)]
    return ".".join([*base, *([module] if module else [])])


_COLLECTION_CALLS = frozenset({"set", "frozenset", "list", "tuple", "dict", "sorted"})


def _built_collection(node: ast.expr) -> bool:
    """A collection the module builds when it loads (``frozenset(available_timezones())``, a
    comprehension): an allow-list whose members are not constants but are not the request's."""
    if isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp)):
        return True
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in _COLLECTION_CALLS
    )


Constants = tuple[dict[str, object], dict[str, frozenset[object]], set[str], set[str]]


def module_constants(
    tree: ast.Module, changed: set[str], filled: set[str] | frozenset[str] = frozenset()
) -> Constants:
    """Names bound once at module level to constants, to constant collections (allow-lists),
    and to dicts of constants (lookup tables); a name any function declares ``global`` is
    left out, and a dict the code puts data into (``SAVED[name] = x``, in ``filled``) is no
    lookup table: what it gives back is what was put in."""
    counts: Counter[str] = Counter()
    for stmt in tree.body:
        targets = (
            stmt.targets
            if isinstance(stmt, ast.Assign)
            else ([stmt.target] if isinstance(stmt, (ast.AnnAssign, ast.AugAssign)) else [])
        )
        for target in targets:
            for node in walk(target):
                if isinstance(node, ast.Name):
                    counts[node.id] += 1
    constants: dict[str, object] = {}
    collections: dict[str, frozenset[object]] = {}
    mappings: set[str] = set()
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
            target, value = stmt.targets[0], stmt.value
        elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
            target, value = stmt.target, stmt.value
        else:
            continue
        if not isinstance(target, ast.Name) or counts[target.id] != 1 or target.id in changed:
            continue
        constant = fold_constant(value, constants)
        if constant is not NOT_CONSTANT:
            constants[target.id] = constant
            continue
        table = constant_table(value, constants) if target.id not in filled else None
        if table is not None:
            constants[target.id] = table  # `TABLE["key"]` folds; `TABLE` alone does not
        members = constant_collection(value, constants)
        if members is not None:
            collections[target.id] = members
            if constant_mapping(value) and target.id not in filled:
                mappings.add(target.id)
        elif _built_collection(value):
            collections[target.id] = frozenset()  # members not known, but not the request's
    collections.update(_settings_collections(tree))
    once = {name for name, count in counts.items() if count == 1 and name not in changed}
    return constants, collections, mappings, once


def setting_name(base: str, key: object) -> str:
    """How a setting stored under a constant key is named among a module's collections:
    ``app.config["ALLOWED"]`` is ``app.config['ALLOWED']``."""
    return f"{base}[{key!r}]"


def _settings_collections(tree: ast.Module) -> dict[str, frozenset[object]]:
    """Allow-lists stored once at module level under a constant key of a settings object,
    ``app.config["TRUSTED_HOSTS"] = {"a.example", "b.example"}``, by `setting_name`."""
    stored: Counter[str] = Counter()
    found: dict[str, frozenset[object]] = {}
    for stmt in tree.body:
        if not (
            isinstance(stmt, ast.Assign)
            and len(stmt.targets) == 1
            and isinstance(stmt.targets[0], ast.Subscript)
        ):
            continue
        target = stmt.targets[0]
        base, key = dotted(target.value), fold_constant(target.slice)
        if base is None or not isinstance(key, str):
            continue
        name = setting_name(base, key)
        stored[name] += 1
        members = constant_collection(stmt.value, {})
        if members is not None:
            found[name] = members
    return {name: members for name, members in found.items() if stored[name] == 1}


def _param_kept(value: ast.expr) -> str | None:
    """The parameter an ``__init__`` keeps as it is, ``x`` or a copy ``dict(x)``."""
    if (
        isinstance(value, ast.Call)
        and dotted(value.func) in ("dict", "list", "tuple", "set", "frozenset")
        and len(value.args) == 1
        and not value.keywords
    ):
        value = value.args[0]
    return value.id if isinstance(value, ast.Name) else None


def parameter_defaults(function: Function) -> dict[str, ast.expr]:
    """Each parameter of ``function`` with a default, and that default."""
    arguments = function.args
    positional = [*arguments.posonlyargs, *arguments.args]
    given = dict(
        zip(
            [a.arg for a in positional[len(positional) - len(arguments.defaults) :]],
            arguments.defaults,
            strict=True,
        )
    )
    given.update(
        (a.arg, d)
        for a, d in zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True)
        if d is not None
    )
    return given
