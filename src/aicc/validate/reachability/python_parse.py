"""The modules one Python file imports, read with `ast` (nothing is executed)."""

from __future__ import annotations

import ast
import re
import warnings
from collections.abc import Collection, Iterator
from dataclasses import dataclass

IMPORT = "import"
STRING = "string"
_DOTTED = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*")
_IMPORT_CALLS = frozenset({"import_module", "__import__"})


@dataclass(frozen=True, slots=True)
class PyRef:
    """A module named by a file: imported (``how == IMPORT``) or only written in a string."""

    module: str
    line: int
    how: str


def mentions(source: bytes, tops: Collection[str]) -> bool:
    """Whether ``source`` contains any of the top-level names at all."""
    return any(top.encode() in source for top in tops)


@dataclass(frozen=True, slots=True)
class ImportFilter:
    """Patterns, one of which is found in every file that can import or name a module of the
    top-level names: files with neither need no parsing, files without ``strings`` need only
    their statements looked at."""

    imports: re.Pattern[bytes]  # an import statement naming one of them
    strings: re.Pattern[bytes]  # the name at the start of a string literal

    @classmethod
    def of(cls, tops: Collection[str]) -> ImportFilter:
        names = b"|".join(re.escape(t.encode()) for t in sorted(tops, key=len, reverse=True))
        if not names:
            never = re.compile(rb"(?!)")
            return cls(never, never)
        gap = rb"(?:[ \t]|\\\r?\n)+"  # spaces, or a backslash continuing the line
        statement = (
            rb"(?:^|[;:])[ \t]*(?:from"
            + gap
            + rb"(?:"
            + names
            + rb")\b|import"
            + gap
            + rb"(?:[^\n#\\]|\\.)*?\b(?:"
            + names
            + rb")\b)"
        )
        return cls(
            re.compile(statement, re.MULTILINE | re.DOTALL),
            re.compile(rb"['\"](?:" + names + rb")[.:'\"]"),
        )


def _parse(source: bytes) -> ast.Module | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # SyntaxWarning for odd escapes is not our concern
            return ast.parse(source)
    except (SyntaxError, ValueError, UnicodeDecodeError, RecursionError, MemoryError):
        return None


def _called_name(node: ast.Call) -> str | None:
    func = node.func
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else None


def _refs(node: ast.AST) -> list[tuple[str, int, str]]:
    line = getattr(node, "lineno", 0)
    if isinstance(node, ast.Import):
        return [(alias.name, line, IMPORT) for alias in node.names]
    if isinstance(node, ast.ImportFrom):
        if node.level or not node.module:
            return []  # relative: the file's own package
        return [(node.module, line, IMPORT)] + [
            (f"{node.module}.{alias.name}", line, IMPORT)
            for alias in node.names
            if alias.name != "*"
        ]
    if isinstance(node, ast.Call) and _called_name(node) in _IMPORT_CALLS and node.args:
        first = node.args[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            return [(first.value, line, IMPORT)]
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) < 300:
        name = node.value.split(":", 1)[0]  # "package.module:attribute"
        if _DOTTED.fullmatch(name):
            return [(name, line, STRING)]
    return []


def _statements(tree: ast.Module) -> Iterator[ast.AST]:
    """Every statement, at any depth (in functions, classes, ``if``, ``try``, ``match``)."""
    stack: list[ast.AST] = list(tree.body)
    while stack:
        node = stack.pop()
        yield node
        for name in ("body", "orelse", "finalbody"):
            stack.extend(getattr(node, name, ()))
        for part in (*getattr(node, "handlers", ()), *getattr(node, "cases", ())):
            stack.extend(part.body)


def python_refs(
    source: bytes, tops: Collection[str], check: ImportFilter | None = None
) -> list[PyRef] | None:
    """The imports (also inside functions, and ``importlib.import_module("x")``) and the
    module-like strings of ``source`` whose top-level name is in ``tops``; None when the file
    does not parse. With ``check``, a file none of whose patterns match is not parsed, and
    only the statements of one without strings are looked at."""
    strings = check is None or check.strings.search(source) is not None
    if check is not None and not strings and not check.imports.search(source):
        return []
    tree = _parse(source)
    if tree is None:
        return None
    everything = strings
    found: list[PyRef] = []
    for node in ast.walk(tree) if everything else _statements(tree):
        for module, line, how in _refs(node):
            if module.split(".", 1)[0] in tops:
                found.append(PyRef(module, line, how))
    return found


def names_module(ref_module: str, module: str) -> bool:
    """Whether importing ``ref_module`` imports ``module`` (or it is a submodule of it)."""
    return ref_module == module or ref_module.startswith(module + ".")
