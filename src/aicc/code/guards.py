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
import string
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from re import _constants as _sre  # type: ignore[attr-defined]  # the parser's opcodes
from re._parser import parse as _sre_parse  # type: ignore[import-not-found]
from typing import Any

from aicc.code.fold import NOT_CONSTANT, dotted, fold_constant, walk

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
#: What a pattern of words, dots and spaces (``[A-Za-z .]{1,40}``: a name) is safe for: no
#: quote, angle bracket, slash, colon or parenthesis gets through, so it stays inside the
#: quoted literal of a query, an XPath or an LDAP filter, in HTML text and on this site; a
#: space still splits a command's arguments, and dots still climb a path.
SPACED_SAFE = frozenset({79, 89, 90, 501, 601, 643})


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
    when dots too, ``spaced`` when spaces too (not tabs or newlines), else None (it is not
    anchored at both ends, or allows more)."""
    if not isinstance(pattern, str):
        return None
    body, start, end = pattern, anchored_start, anchored_end
    if body.startswith("^") or body.startswith(r"\A"):
        body, anchored_start = body.lstrip("^").removeprefix(r"\A"), True
    if body.endswith("$") or body.endswith(r"\Z") or body.endswith(r"\z"):
        body, anchored_end = body.rstrip("$").removesuffix(r"\Z").removesuffix(r"\z"), True
    if anchored_start and anchored_end:
        if _SAFE_PATTERN.fullmatch(body):
            return "word"
        if _DOTTED_PATTERN.fullmatch(body):
            return "dotted"
    return _parsed_safety(pattern, anchored_start=start, anchored_end=end)


_WORD_CHARACTERS = frozenset(string.ascii_letters + string.digits + "_-")
_BEGINNINGS = (_sre.AT_BEGINNING, _sre.AT_BEGINNING_STRING)
_ENDS = (_sre.AT_END, _sre.AT_END_STRING)
_REPEATS = (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", _sre.MAX_REPEAT))


def _parsed_safety(pattern: str, *, anchored_start: bool, anchored_end: bool) -> str | None:
    """`regex_safety` read from the parsed pattern, for what the plain forms do not cover:
    groups, alternatives and optional parts (``[a-z]{2}(-[A-Z]{2})?``, ``(en|de)_\\w+``).
    An anchor counts only at the top level, outside every alternative (``^a|b$`` anchors
    neither alternative at both ends)."""
    try:
        items = list(_sre_parse(pattern))
    except (re.error, RecursionError, OverflowError, ValueError, TypeError):
        return None
    if items and items[0][0] is _sre.AT and items[0][1] in _BEGINNINGS:
        items, anchored_start = items[1:], True
    if items and items[-1][0] is _sre.AT and items[-1][1] in _ENDS:
        items, anchored_end = items[:-1], True
    if not (anchored_start and anchored_end) or not items:
        return None
    characters: set[str] = set()
    if not _admitted(items, characters):
        return None
    if characters <= _WORD_CHARACTERS:
        return "word"
    if characters <= _WORD_CHARACTERS | {"."}:
        return "dotted"
    return "spaced" if characters <= _WORD_CHARACTERS | {".", " "} else None


def _admitted(items: Iterable[tuple[Any, Any]], characters: set[str]) -> bool:
    """Whether a parsed pattern admits only literal characters, ranges and the classes
    ``\\w``/``\\d`` (with `characters` filled with the literal ones), in groups, alternatives
    and repeats; a negated class, ``.``, a back-reference or an inner anchor admits more."""
    for op, value in items:
        if op is _sre.LITERAL:
            characters.add(chr(value))
        elif op is _sre.IN:
            for kind, member in value:
                if kind is _sre.LITERAL:
                    characters.add(chr(member))
                elif kind is _sre.RANGE and member[1] - member[0] <= 128:
                    characters.update(chr(c) for c in range(member[0], member[1] + 1))
                elif kind is not _sre.CATEGORY or member not in _SAFE_CATEGORIES:
                    return False
        elif op in _REPEATS:
            if not _admitted(value[2], characters):
                return False
        elif op is _sre.SUBPATTERN:
            if not _admitted(value[3], characters):
                return False
        elif op is _sre.BRANCH:
            if not all(_admitted(branch, characters) for branch in value[1]):
                return False
        else:
            return False
    return True


_SAFE_CATEGORIES = (_sre.CATEGORY_DIGIT, _sre.CATEGORY_WORD)


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
    if not truth and isinstance(test, (ast.Name, ast.Attribute)):
        falsy = dotted(test)  # `if parts.netloc: return`: empty (no host) on the path after
        if falsy is not None:
            yield Narrowing(falsy, "clean")
        return
    if not truth or not isinstance(test, ast.Call):
        return
    if dotted(test.func) == "bool" and len(test.args) == 1 and not test.keywords:
        yield from narrowings(test.args[0], truth, constants, members, resolve, validates, patterns)
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
    if called in _DIGEST_COMPARES:
        yield from _authenticated(test)
    if called in _REGEX_CALLS and len(test.args) >= 2:
        pattern, target = fold_constant(test.args[0], constants), _checked(test.args[1])
    elif (
        isinstance(test.func, ast.Attribute)
        and test.args
        and test.func.attr in {"fullmatch", "match", "search"}
    ):
        pattern = (patterns or {}).get(dotted(test.func.value) or "")
        target, called = _checked(test.args[0]), test.func.attr
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
        elif safety == "spaced":
            yield Narrowing(target, "validated", SPACED_SAFE)


def _checked(node: ast.expr) -> str | None:
    """The name a pattern checks: ``value``, or ``value or ""`` (empty when it is not set)."""
    if (
        isinstance(node, ast.BoolOp)
        and isinstance(node.op, ast.Or)
        and len(node.values) == 2
        and isinstance(node.values[1], ast.Constant)
    ):
        node = node.values[0]
    return dotted(node)


_DIGEST_COMPARES = frozenset({"hmac.compare_digest", "secrets.compare_digest"})
#: What data whose keyed digest (HMAC) was checked is safe for: the server made it, so it
#: may be unpickled.
AUTHENTICATED = frozenset({502})


def _authenticated(test: ast.Call) -> Iterator[Narrowing]:
    """``hmac.compare_digest(sign(payload), signature)``: the names a compared digest is
    computed over (the arguments of a call in either argument) are authenticated."""
    for argument in test.args:
        if not isinstance(argument, ast.Call):
            continue
        for inner in (*argument.args, *(k.value for k in argument.keywords)):
            for node in walk(inner):
                if isinstance(node, ast.Name):
                    yield Narrowing(node.id, "validated", AUTHENTICATED)


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


def terminates(body: list[ast.stmt], exits: Callable[[str], bool]) -> bool:
    """Whether running ``body`` never reaches the statement after it; ``exits(name)`` says
    whether a call to ``name`` never returns."""
    if not body:
        return False
    last = body[-1]
    if isinstance(last, (ast.Return, ast.Raise, ast.Continue, ast.Break)):
        return True
    if isinstance(last, ast.Expr) and isinstance(last.value, ast.Call):
        name = dotted(last.value.func)
        return name is not None and exits(name)
    if isinstance(last, ast.If):
        return terminates(last.body, exits) and terminates(last.orelse, exits)
    return False
