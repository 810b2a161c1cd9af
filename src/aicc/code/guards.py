"""Checks in the code that make a value safe on the path they guard.

``if name not in ALLOWED: abort(400)`` (an allow-list), ``if mode == "csv":`` (equality with a
constant), ``if not full.startswith(BASE): abort(403)`` after ``os.path.realpath`` (a normalised
prefix), ``if re.fullmatch(r"[a-z0-9_]+", name):`` (a pattern of harmless characters) and
``name.isdigit()``. The walk asks `narrowings` what a test being true (or false) says, and
`terminates` whether a branch leaves the code that follows.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from aicc.code.fold import NOT_CONSTANT, dotted, fold_constant

#: Calls that never return: the branch that makes them leaves the code after it.
EXITS = frozenset(
    {
        "flask.abort",
        "werkzeug.exceptions.abort",
        "abort",
        "sys.exit",
        "exit",
        "quit",
        "os._exit",
        "fastapi.HTTPException",
        "django.http.Http404",
    }
)

#: ``str`` predicates that allow only harmless characters (no quotes, spaces, dots, slashes).
SAFE_PREDICATES = frozenset(
    {"isdigit", "isdecimal", "isnumeric", "isalnum", "isalpha", "isidentifier"}
)

_COMMONPATH = frozenset({"os.path.commonpath", "posixpath.commonpath", "commonpath"})
_REGEX_CALLS = frozenset(
    {"re.fullmatch", "re.match", "re.search", "regex.fullmatch", "regex.match"}
)
# a pattern of only these pieces admits only word characters and hyphens (and, in the second
# form, dots: harmless in a query, a command or a filter, but not in a path: `..`)
_CLASS = r"(?:[A-Za-z0-9_]|\\[wd]|[A-Za-z0-9]-[A-Za-z0-9]|\\?-{dot})"
_PIECE = r"(?:\[{cls}+\]|\\[wd]|[A-Za-z0-9_]{dot_out})"
_REPEAT = r"(?:[*+?]|\{\d+(?:,\d*)?\})?"
_SAFE_PATTERN = re.compile(
    "(?:" + _PIECE.format(cls=_CLASS.format(dot=""), dot_out="") + _REPEAT + ")+"
)
_DOTTED_PATTERN = re.compile(
    "(?:" + _PIECE.format(cls=_CLASS.format(dot=r"|\\?\."), dot_out=r"|\\\.") + _REPEAT + ")+"
)
#: What a dotted pattern still leaves open: path traversal.
DOT_SAFE = frozenset({77, 78, 79, 89, 90, 94, 95, 501, 601, 643})


@dataclass(frozen=True)
class Narrowing:
    """What a test says about one name: ``clean`` (allow-listed), ``constant`` (equal to a
    known value), ``prefix`` (a normalised path checked against a base) or ``validated`` (safe
    for the CWEs in ``value``, all when empty)."""

    name: str
    kind: str
    value: object = None


def safe_regex(pattern: object, *, anchored_start: bool, anchored_end: bool) -> bool:
    """Whether a regular expression allows only a run of word characters and hyphens."""
    return regex_safety(pattern, anchored_start=anchored_start, anchored_end=anchored_end) == "word"


def regex_safety(pattern: object, *, anchored_start: bool, anchored_end: bool) -> str | None:
    """``word`` when a regular expression allows only word characters and hyphens, ``dotted``
    when dots too, else None (it is not anchored at both ends, or allows more)."""
    if not isinstance(pattern, str):
        return None
    body = pattern
    if body.startswith("^") or body.startswith(r"\A"):
        body, anchored_start = body.lstrip("^").removeprefix(r"\A"), True
    if body.endswith("$") or body.endswith(r"\Z") or body.endswith(r"\z"):
        body, anchored_end = body.rstrip("$").removesuffix(r"\Z").removesuffix(r"\z"), True
    if not (anchored_start and anchored_end):
        return None
    if _SAFE_PATTERN.fullmatch(body):
        return "word"
    return "dotted" if _DOTTED_PATTERN.fullmatch(body) else None


def narrowings(
    test: ast.expr,
    truth: bool,
    constants: dict[str, object],
    members: Callable[[ast.expr], frozenset[object] | None],
    resolve: Callable[[str], str],
    validates: Callable[[str], frozenset[int] | None] = lambda _: None,
    patterns: Mapping[str, str] | None = None,
) -> Iterator[Narrowing]:
    """What ``test`` evaluating to ``truth`` tells about the names it checks.

    ``validates(call)`` gives the CWEs a validating function (``url_has_allowed_host_and_scheme``)
    rules out for its first argument when it returns true, or None; ``patterns`` the regular
    expressions compiled at module level (``NAME = re.compile(...)``).
    """
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        yield from narrowings(
            test.operand, not truth, constants, members, resolve, validates, patterns
        )
        return
    if isinstance(test, ast.BoolOp):
        if isinstance(test.op, ast.And) == truth:  # `a and b` true, or `a or b` false
            for value in test.values:
                yield from narrowings(
                    value, truth, constants, members, resolve, validates, patterns
                )
        return
    if isinstance(test, ast.Compare) and len(test.ops) == 1:
        yield from _compare(test, truth, constants, members)
        return
    if not truth or not isinstance(test, ast.Call):
        return
    if isinstance(test.func, ast.Attribute) and (owner := dotted(test.func.value)) is not None:
        if test.func.attr in ("startswith", "is_relative_to"):
            yield Narrowing(owner, "prefix")
        elif test.func.attr in SAFE_PREDICATES and not test.args:
            yield Narrowing(owner, "clean")
    name = dotted(test.func)
    cwes = validates(resolve(name)) if name is not None else None
    if cwes is not None and test.args and (checked := dotted(test.args[0])) is not None:
        yield Narrowing(checked, "validated", cwes)
    pattern: object = None
    target: str | None = None
    called = resolve(name) if name is not None else ""
    if called in _REGEX_CALLS and len(test.args) >= 2:
        pattern, target = fold_constant(test.args[0], constants), dotted(test.args[1])
    elif (
        isinstance(test.func, ast.Attribute)
        and test.args
        and test.func.attr in {"fullmatch", "match", "search"}
    ):
        pattern = (patterns or {}).get(dotted(test.func.value) or "")
        target, called = dotted(test.args[0]), test.func.attr
    if target is not None:
        safety = regex_safety(
            pattern,
            anchored_start=not called.endswith("search"),
            anchored_end=called.endswith("fullmatch"),
        )
        if safety == "word":
            yield Narrowing(target, "clean")
        elif safety == "dotted":
            yield Narrowing(target, "validated", DOT_SAFE)


def _compare(
    test: ast.Compare,
    truth: bool,
    constants: dict[str, object],
    members: Callable[[ast.expr], frozenset[object] | None],
) -> Iterator[Narrowing]:
    op, left, right = test.ops[0], test.left, test.comparators[0]
    if isinstance(op, (ast.In, ast.NotIn)) and truth == isinstance(op, ast.In):
        target = dotted(left)
        if target is not None and members(right) is not None:
            yield Narrowing(target, "clean")
    elif isinstance(op, (ast.Eq, ast.Is, ast.NotEq, ast.IsNot)) and truth == isinstance(
        op, (ast.Eq, ast.Is)
    ):
        for side in (left, right):  # os.path.commonpath([base, path]) == base
            if (
                isinstance(side, ast.Call)
                and dotted(side.func) in _COMMONPATH
                and side.args
                and isinstance(side.args[0], (ast.List, ast.Tuple))
            ):
                for element in side.args[0].elts:
                    if (checked := dotted(element)) is not None:
                        yield Narrowing(checked, "prefix")
        for side, other in ((left, right), (right, left)):
            target, value = dotted(side), fold_constant(other, constants)
            if target is not None and value is not NOT_CONSTANT:
                yield Narrowing(target, "constant", value)


def terminates(body: list[ast.stmt], resolve: Callable[[str], str]) -> bool:
    """Whether running ``body`` never reaches the statement after it."""
    if not body:
        return False
    last = body[-1]
    if isinstance(last, (ast.Return, ast.Raise, ast.Continue, ast.Break)):
        return True
    if isinstance(last, ast.Expr) and isinstance(last.value, ast.Call):
        name = dotted(last.value.func)
        return name is not None and (name in EXITS or resolve(name) in EXITS)
    if isinstance(last, ast.If):
        return terminates(last.body, resolve) and terminates(last.orelse, resolve)
    return False
