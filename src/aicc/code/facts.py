"""What one read of a module's tree tells, kept while the tree is kept: its imports (relative
ones resolved), module-level constants, allow-lists and lookup tables, compiled patterns,
functions, the classes that own methods and the fields they assign, and routing calls."""

from __future__ import annotations

import ast
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from aicc.code.fold import (
    NOT_CONSTANT,
    constant_collection,
    constant_mapping,
    dotted,
    fold_constant,
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


def module_facts(tree: ast.Module, package: str | None) -> ModuleFacts:
    """Read the facts of a module in one walk over its tree."""
    imports: list[ast.Import | ast.ImportFrom] = []
    functions: list[Function] = []
    classes: list[ast.ClassDef] = []
    changed: set[str] = set()
    routes: list[tuple[str, str, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            imports.append(node)
        elif isinstance(node, _FUNCTIONS):
            functions.append(node)
        elif isinstance(node, ast.ClassDef):
            classes.append(node)
        elif isinstance(node, ast.Global):
            changed.update(node.names)
        elif (
            isinstance(node, ast.Call)
            and len(node.args) >= 2
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            called, view = dotted(node.func), dotted(node.args[1])
            if called is not None and view is not None:
                routes.append((called, view, node.args[0].value))
    owners: dict[int, str] = {}
    fields: dict[str, list[str]] = {}
    for cls in classes:
        methods = [m for m in cls.body if isinstance(m, _FUNCTIONS)]
        owners.update({id(m): cls.name for m in methods})
        fields[cls.name] = sorted(
            {
                target.attr
                for m in methods
                for target in ast.walk(m)
                if isinstance(target, ast.Attribute)
                and isinstance(target.ctx, ast.Store)
                and isinstance(target.value, ast.Name)
                and target.value.id == "self"
            }
        )[:MAX_FIELDS]
    constants, collections, mappings, once = module_constants(tree, changed)
    aliases = import_aliases(imports, package)
    patterns: dict[str, str] = {}
    for stmt in tree.body:
        if (
            isinstance(stmt, ast.Assign)
            and len(stmt.targets) == 1
            and isinstance(stmt.targets[0], ast.Name)
            and stmt.targets[0].id in once
            and isinstance(stmt.value, ast.Call)
            and stmt.value.args
        ):
            called = dotted(stmt.value.func)
            pattern = fold_constant(stmt.value.args[0], constants)
            if (
                called is not None
                and isinstance(pattern, str)
                and resolve_alias(called, aliases) in {"re.compile", "regex.compile"}
            ):
                patterns[stmt.targets[0].id] = pattern
    return ModuleFacts(
        aliases, constants, collections, mappings, once, functions, owners, fields, patterns, routes
    )


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


def module_constants(tree: ast.Module, changed: set[str]) -> Constants:
    """Names bound once at module level to constants, to constant collections (allow-lists),
    and to dicts of constants (lookup tables); a name any function declares ``global`` is
    left out."""
    counts: Counter[str] = Counter()
    for stmt in tree.body:
        targets = (
            stmt.targets
            if isinstance(stmt, ast.Assign)
            else ([stmt.target] if isinstance(stmt, (ast.AnnAssign, ast.AugAssign)) else [])
        )
        for target in targets:
            for node in ast.walk(target):
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
        members = constant_collection(value, constants)
        if members is not None:
            collections[target.id] = members
            if constant_mapping(value):
                mappings.add(target.id)
        elif _built_collection(value):
            collections[target.id] = frozenset()  # members not known, but not the request's
    once = {name for name, count in counts.items() if count == 1 and name not in changed}
    return constants, collections, mappings, once
