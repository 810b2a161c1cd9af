"""Constant folding and dotted names over Python's ``ast``: what the taint walk can know
without running anything."""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable, Iterator
from typing import Any

NOT_CONSTANT = object()
_MAX_FOLD = 10**12  # folding stops above this magnitude, so `9 ** 9 ** 9` cannot hang a scan


class Table:
    """A module-level dict literal of constants bound once (``SCHEMES = {"v1": "md5"}``), so
    that ``SCHEMES["v1"]`` folds to ``"md5"``; the name alone folds to nothing."""

    __slots__ = ("entries",)

    def __init__(self, entries: dict[object, object]) -> None:
        self.entries = entries


_KEYS = (bool, int, float, str)


def constant_table(node: ast.expr, constants: dict[str, object]) -> Table | None:
    """A `Table` of a dict literal whose keys and values all fold to constants, else None."""
    if not isinstance(node, ast.Dict) or any(key is None for key in node.keys):
        return None
    entries: dict[object, object] = {}
    for key, value in zip(node.keys, node.values, strict=True):
        folded_key = fold_constant(key, constants) if key is not None else NOT_CONSTANT
        folded = fold_constant(value, constants)
        if not isinstance(folded_key, _KEYS) or folded is NOT_CONSTANT:
            return None
        entries[folded_key] = folded
    return Table(entries)


def fold_constant(node: ast.expr, constants: dict[str, object] | None = None) -> object:
    """The value of ``node`` if it is a constant expression over numbers, strings and booleans.

    Returns a private marker when it is not; never evaluates anything but arithmetic, comparisons
    and boolean operators, and gives up on huge numbers.
    """
    names = constants or {}
    try:
        return _fold(node, names)
    except (ArithmeticError, TypeError, ValueError, RecursionError):
        return NOT_CONSTANT


_BINARY: dict[type[ast.operator], Callable[[Any, Any], object]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
    ast.Div: operator.truediv,
}
_COMPARE: dict[type[ast.cmpop], Callable[[Any, Any], object]] = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
}


def _fold(node: ast.expr, names: dict[str, object]) -> object:
    if isinstance(node, ast.Constant):
        value = node.value
        if isinstance(value, (bool, int, float, str)) or value is None:
            return value
        return NOT_CONSTANT
    if isinstance(node, ast.Name):
        named = names.get(node.id, NOT_CONSTANT)
        return NOT_CONSTANT if isinstance(named, Table) else named
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):
        table = names.get(node.value.id)
        if not isinstance(table, Table):
            return NOT_CONSTANT
        key = _fold(node.slice, names)
        return table.entries.get(key, NOT_CONSTANT) if isinstance(key, _KEYS) else NOT_CONSTANT
    if isinstance(node, ast.UnaryOp):
        operand = _fold(node.operand, names)
        if operand is NOT_CONSTANT:
            return NOT_CONSTANT
        if isinstance(node.op, ast.Not):
            return not operand
        if isinstance(operand, (int, float)):
            return (
                -operand
                if isinstance(node.op, ast.USub)
                else (+operand if isinstance(node.op, ast.UAdd) else NOT_CONSTANT)
            )
        return NOT_CONSTANT
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow):
        base, exponent = _fold(node.left, names), _fold(node.right, names)
        if (
            isinstance(base, int | float)
            and isinstance(exponent, int)
            and not isinstance(base, bool)
            and not isinstance(exponent, bool)
            and 0 <= exponent <= 64
            and abs(base) <= _MAX_FOLD
        ):
            result = base**exponent
            return result if abs(result) <= _MAX_FOLD else NOT_CONSTANT
        return NOT_CONSTANT
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        left, right = _fold(node.left, names), _fold(node.right, names)
        if left is NOT_CONSTANT or right is NOT_CONSTANT:
            return NOT_CONSTANT
        texts = isinstance(left, str), isinstance(right, str)
        if isinstance(node.op, ast.Mult) and any(texts) and not all(texts):
            return _repeat_text(left, right)  # `"-" * 3`, within `_MAX_TEXT`
        if any(texts) and not (all(texts) and isinstance(node.op, ast.Add)):
            return NOT_CONSTANT  # `"a" * 10**9` and `"%s" % x` are not folded
        result = _BINARY[type(node.op)](left, right)
        if isinstance(result, (int, float)) and abs(result) > _MAX_FOLD:
            return NOT_CONSTANT
        return result
    if isinstance(node, ast.Compare):
        left = _fold(node.left, names)
        for op, comparator in zip(node.ops, node.comparators, strict=True):
            right = _fold(comparator, names)
            if left is NOT_CONSTANT or right is NOT_CONSTANT or type(op) not in _COMPARE:
                return NOT_CONSTANT
            if not _COMPARE[type(op)](left, right):
                return False
            left = right
        return True
    if isinstance(node, ast.BoolOp):
        values = [_fold(v, names) for v in node.values]
        if any(v is NOT_CONSTANT for v in values):
            return NOT_CONSTANT
        return all(values) if isinstance(node.op, ast.And) else any(values)
    if isinstance(node, ast.Call) and not node.keywords:
        return _fold_call(node, names)
    return NOT_CONSTANT


def _repeat_text(left: object, right: object) -> object:
    """``text * count`` (either way round) when the result stays within `_MAX_TEXT`."""
    text, count = (left, right) if isinstance(left, str) else (right, left)
    if not isinstance(text, str) or not isinstance(count, int) or isinstance(count, bool):
        return NOT_CONSTANT
    if len(text) * max(count, 0) > _MAX_TEXT:
        return NOT_CONSTANT
    return text * count


def fold_truth(node: ast.expr, constants: dict[str, object] | None = None) -> object:
    """Whether a test is true (True or False), or `NOT_CONSTANT` when that is not known.

    Beyond `fold_constant`, a boolean operator is decided by one known operand: ``x and
    False`` is false and ``x or True`` true whatever ``x`` is (as a test: its value may be
    ``x``, but its truth is known).
    """
    names = constants or {}
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        inner = fold_truth(node.operand, names)
        return inner if inner is NOT_CONSTANT else not inner
    if isinstance(node, ast.BoolOp):
        deciding = not isinstance(node.op, ast.And)  # False decides `and`, True decides `or`
        truths = [fold_truth(value, names) for value in node.values]
        if any(truth is not NOT_CONSTANT and truth == deciding for truth in truths):
            return deciding
        return NOT_CONSTANT if any(t is NOT_CONSTANT for t in truths) else not deciding
    value = fold_constant(node, names)
    return value if value is NOT_CONSTANT else bool(value)


#: Built-in functions without side effects folded over constant arguments: ``len("cups")``,
#: ``str(2 + 3)``.
_BUILTINS: dict[str, Callable[..., object]] = {
    "len": len,
    "str": str,
    "int": int,
    "float": float,
    "bool": bool,
    "abs": abs,
    "min": min,
    "max": max,
}
#: Methods of ``str`` without side effects folded on a constant: ``"v2".startswith("v1")``.
_TEXT_METHODS = frozenset(
    {
        "startswith",
        "endswith",
        "lower",
        "upper",
        "casefold",
        "strip",
        "lstrip",
        "rstrip",
        "isdigit",
        "isalpha",
        "isalnum",
        "isidentifier",
    }
)
_MAX_TEXT = 10_000  # texts longer than this are not folded


def _fold_call(node: ast.Call, names: dict[str, object]) -> object:
    """A call to a pure built-in or ``str`` method, with constant arguments."""
    func = node.func
    if not (
        (isinstance(func, ast.Name) and func.id in _BUILTINS)
        or (isinstance(func, ast.Attribute) and func.attr in _TEXT_METHODS)
    ):
        return NOT_CONSTANT
    arguments = [_fold(a, names) for a in node.args]
    if any(a is NOT_CONSTANT or (isinstance(a, str) and len(a) > _MAX_TEXT) for a in arguments):
        return NOT_CONSTANT
    if isinstance(func, ast.Name) and func.id in _BUILTINS and func.id not in names:
        if func.id in {"min", "max"} and not arguments:
            return NOT_CONSTANT
        return _BUILTINS[func.id](*arguments)
    if isinstance(func, ast.Attribute) and func.attr in _TEXT_METHODS:
        receiver = _fold(func.value, names)
        if isinstance(receiver, str) and len(receiver) <= _MAX_TEXT:
            if not all(isinstance(a, str) for a in arguments):
                return NOT_CONSTANT
            return getattr(receiver, func.attr)(*arguments)
    return NOT_CONSTANT


def walk(tree: ast.AST) -> Iterator[ast.AST]:
    """Every node of ``tree``, breadth first, in the order ``ast.walk`` gives them, in about
    two thirds of its time (no generator per node, no deque)."""
    todo = [tree]
    for node in todo:  # the list grows as it is read: a queue without popping
        for name in node._fields:
            value = getattr(node, name, None)
            if isinstance(value, list):
                for item in value:
                    if isinstance(item, ast.AST):
                        todo.append(item)
            elif isinstance(value, ast.AST):
                todo.append(value)
        yield node


def dotted(node: ast.expr) -> str | None:
    """``a.b.c`` for a chain of attribute reads on a name, else None."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def constant_collection(
    node: ast.expr,
    constants: dict[str, object] | None = None,
) -> frozenset[object] | None:
    """The members of a literal list, tuple, set or dict (its keys) of constants, else None.

    ``frozenset({...})``, ``set([...])`` and ``tuple(...)`` of a literal count too.
    """
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in {"frozenset", "set", "tuple", "list"}
        and len(node.args) == 1
        and not node.keywords
    ):
        return constant_collection(node.args[0], constants)
    if isinstance(node, ast.Dict):
        if any(key is None for key in node.keys):
            return None
        elements: list[ast.expr] = [key for key in node.keys if key is not None]
    elif isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        elements = list(node.elts)
    else:
        return None
    values = [fold_constant(element, constants) for element in elements]
    if any(value is NOT_CONSTANT for value in values):
        return None
    return frozenset(values)


def constant_mapping(node: ast.expr) -> bool:
    """Whether ``node`` is a literal dict whose keys and values are all constants."""
    return (
        isinstance(node, ast.Dict)
        and constant_collection(node) is not None
        and all(
            fold_constant(value) is not NOT_CONSTANT or constant_collection(value) is not None
            for value in node.values
        )
    )


#: Calls that always give back a list or tuple: an argument vector, never a command line.
_SEQUENCE_CALLS = frozenset({"list", "tuple", "sorted", "shlex.split"})


def is_sequence_expression(node: ast.expr) -> bool:
    """Whether ``node`` is a list or tuple as written: a literal, a list comprehension or
    ``list(...)``/``tuple(...)``/``shlex.split(...)``."""
    if isinstance(node, (ast.List, ast.Tuple, ast.ListComp)):
        return True
    return isinstance(node, ast.Call) and dotted(node.func) in _SEQUENCE_CALLS


def leading_text(node: ast.expr, constants: dict[str, object]) -> str | None:
    """The constant text a string built by ``node`` starts with, as written: concatenation,
    an f-string, ``"...".format()`` or ``"..." % x``; None when it starts with data. A
    template that starts with a placeholder filled by a constant (``"%s?q=%s" % (BASE, q)``,
    ``"{}?q={}".format(BASE, q)``) starts with that constant."""
    whole = fold_constant(node, constants)
    if isinstance(whole, str):
        return whole
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return leading_text(node.left, constants)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        head = leading_text(node.left, constants)
        if head is None:
            return None
        if head.startswith("%s"):
            first = node.right.elts[0] if isinstance(node.right, ast.Tuple) else node.right
            if isinstance(node.right, ast.Tuple) and not node.right.elts:
                return ""
            filled = fold_constant(first, constants)
            return filled if isinstance(filled, str) else ""
        return head.split("%", 1)[0]
    if isinstance(node, ast.JoinedStr) and node.values:
        # the constant pieces it starts with, a constant name's value included:
        # f"{RECEIPT_PATH}?{query}"
        head = ""
        for piece in node.values:
            if isinstance(piece, ast.FormattedValue) and piece.format_spec is None:
                piece = piece.value
            text = fold_constant(piece, constants)
            if not isinstance(text, str):
                return head or leading_text(piece, constants)
            head += text
        return head
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
    ):
        head = leading_text(node.func.value, constants)
        if head is None:
            return None
        if head.startswith(("{}", "{0}")) and node.args:
            filled = fold_constant(node.args[0], constants)
            return filled if isinstance(filled, str) else ""
        return head.split("{", 1)[0]
    return None


def fixes_host(prefix: str | None) -> bool:
    """Whether a URL starting with ``prefix`` stays on a host the code chose: a path of this
    site (``/x``, not ``//x``, which names another host) or a URL with its host and a ``/``."""
    if not prefix:
        return False
    if prefix.startswith("/"):
        return len(prefix) > 1 and prefix[1] not in "/\\"
    scheme, sep, rest = prefix.partition("://")
    return bool(sep) and scheme.isalpha() and "/" in rest.lstrip("/")[1:]
