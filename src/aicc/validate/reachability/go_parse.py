"""What one Go file imports and references, read with tree-sitter-go (no type checking).

tree-sitter recovers from syntax errors, so a damaged file still yields what could be read and
says it is ``damaged``; no input makes it raise.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import tree_sitter_go
from tree_sitter import Language, Node, Parser, Query, QueryCursor

_QUERY = """
(package_clause (package_identifier) @package)
(import_spec) @import
(selector_expression) @selector
(qualified_type) @type
"""


@dataclass(frozen=True, slots=True)
class GoImport:
    """One import spec: ``kind`` is ``default``, ``named``, ``dot`` or ``blank``."""

    path: str
    kind: str
    alias: str | None
    line: int


@dataclass(slots=True)
class GoFile:
    """The imports and references of one file; lines are 1-based."""

    path: Path
    package: str | None = None
    imports: list[GoImport] = field(default_factory=list)
    # ``x.Name`` with ``x`` an identifier (``pkg.Func``, ``pkg.Type``) and ``x.T.M`` (a method
    # expression ``pkg.T.M`` is kept as ``T.M``): operand -> name -> lines.
    qualified: dict[str, dict[str, list[int]]] = field(default_factory=dict)
    # The name after every dot (``anything.M``): a method call on a value of unknown type.
    selectors: dict[str, list[int]] = field(default_factory=dict)
    damaged: bool = False


_DECLARATION_QUERY = """
(identifier) @name
(selector_expression field: (field_identifier) @method)
"""


@dataclass(frozen=True, slots=True)
class GoDecl:
    """A top-level declaration and the names its body uses.

    ``key`` is ``F`` for a function, ``T.M`` for a method, ``var`` for package-level variable
    and constant initialisers (they run when the package is loaded).
    """

    key: str
    line: int
    names: frozenset[str]  # identifiers used (calls and function values alike)
    methods: frozenset[str]  # names after a dot: methods of any type


@cache
def _language() -> tuple[Parser, Query, Query]:
    language = Language(tree_sitter_go.language())
    return Parser(language), Query(language, _QUERY), Query(language, _DECLARATION_QUERY)


def _receiver_type(node: Node) -> str:
    receiver = node.child_by_field_name("receiver")
    stack = [receiver] if receiver is not None else []
    while stack:  # the first type name in ``(r *T)`` or ``(r T[K])``
        current = stack.pop()
        if current.type == "type_identifier":
            return _text(current)
        stack.extend(reversed(current.children))
    return ""


def declarations(source: bytes) -> list[GoDecl]:
    """The top-level functions, methods and variable initialisers of one Go file."""
    parser, _query, query = _language()
    found = []
    for node in parser.parse(source).root_node.children:
        if node.type == "function_declaration":
            key = _text(node.child_by_field_name("name"))
        elif node.type == "method_declaration":
            key = f"{_receiver_type(node)}.{_text(node.child_by_field_name('name'))}"
        elif node.type in ("var_declaration", "const_declaration"):
            key = "var"
        else:
            continue
        captures = QueryCursor(query).captures(node)
        found.append(
            GoDecl(
                key,
                node.start_point.row + 1,
                frozenset(_text(n) for n in captures.get("name", [])),
                frozenset(_text(n) for n in captures.get("method", [])),
            )
        )
    return found


def _text(node: Node | None) -> str:
    raw = node.text if node is not None else None
    return raw.decode("utf-8", "replace") if raw else ""


def _import(node: Node) -> GoImport | None:
    path_node = node.child_by_field_name("path")
    quoted = _text(path_node)
    if len(quoted) < 2:
        return None
    name = node.child_by_field_name("name")
    line = node.start_point.row + 1
    path = quoted[1:-1]
    if name is None:
        return GoImport(path, "default", None, line)
    if name.type == "dot":
        return GoImport(path, "dot", None, line)
    if name.type == "blank_identifier":
        return GoImport(path, "blank", None, line)
    return GoImport(path, "named", _text(name), line)


def _add(table: dict[str, dict[str, list[int]]], operand: str, name: str, line: int) -> None:
    if operand and name:
        table.setdefault(operand, {}).setdefault(name, []).append(line)


def _selector(node: Node, out: GoFile, selectors: dict[str, list[int]]) -> None:
    operand = node.child_by_field_name("operand")
    name = _text(node.child_by_field_name("field"))
    line = node.start_point.row + 1
    if not name or operand is None:
        return
    selectors[name].append(line)
    if operand.type == "identifier":
        _add(out.qualified, _text(operand), name, line)
    elif operand.type == "selector_expression":  # pkg.T.M, a method expression
        inner = operand.child_by_field_name("operand")
        if inner is not None and inner.type == "identifier":
            middle = _text(operand.child_by_field_name("field"))
            _add(out.qualified, _text(inner), f"{middle}.{name}", line)


def parse_go(path: Path, source: bytes) -> GoFile:
    """The imports, package-qualified references and selectors of one Go file."""
    parser, query, _declarations = _language()
    tree = parser.parse(source)
    out = GoFile(path, damaged=tree.root_node.has_error)
    selectors: dict[str, list[int]] = defaultdict(list)
    captures = QueryCursor(query).captures(tree.root_node)
    for node in captures.get("package", [])[:1]:
        out.package = _text(node) or None
    for node in captures.get("import", []):
        spec = _import(node)
        if spec is not None:
            out.imports.append(spec)
    for node in captures.get("selector", []):
        _selector(node, out, selectors)
    for node in captures.get("type", []):
        _add(
            out.qualified,
            _text(node.child_by_field_name("package")),
            _text(node.child_by_field_name("name")),
            node.start_point.row + 1,
        )
    out.selectors = dict(selectors)
    return out
