"""Constant folding and dotted names over Python's ``ast``: what the taint walk can know
without running anything."""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable
from typing import Any

NOT_CONSTANT = object()
_MAX_FOLD = 10**12  # folding stops above this magnitude, so `9 ** 9 ** 9` cannot hang a scan


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
        return names.get(node.id, NOT_CONSTANT)
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
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        left, right = _fold(node.left, names), _fold(node.right, names)
        if left is NOT_CONSTANT or right is NOT_CONSTANT:
            return NOT_CONSTANT
        texts = isinstance(left, str), isinstance(right, str)
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
    return NOT_CONSTANT


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
