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


def module_facts(tree: ast.Module, package: str | None) -> ModuleFacts:
    """Read the facts of a module in one walk over its tree."""
    imports: list[ast.Import | ast.ImportFrom] = []
    functions: list[Function] = []
    classes: list[ast.ClassDef] = []
    changed: set[str] = set()
    routes: list[tuple[str, str, str]] = []
    filled: set[str] = set()  # names data is put into: `NAME.append(x)`, `NAME[key] = x`
    for node in walk(tree):
        if isinstance(node, ast.Subscript):
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
    for cls in classes:
        named = _class_functions(cls)
        if named:
            class_calls[cls.name] = named
        methods = [m for m in cls.body if isinstance(m, _FUNCTIONS)]
        owners.update({id(m): cls.name for m in methods})
        fields[cls.name] = sorted(
            {
                target.attr
                for m in methods
                for target in walk(m)
                if isinstance(target, ast.Attribute)
                and isinstance(target.ctx, ast.Store)
                and isinstance(target.value, ast.Name)
                and target.value.id == "self"
            }
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
        stmt.name: found
        for stmt in tree.body
        if isinstance(stmt, _FUNCTIONS) and (found := _returned_dict(stmt)) is not None
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
    )


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
    once = {name for name, count in counts.items() if count == 1 and name not in changed}
    return constants, collections, mappings, once


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
