"""Reading Python 3.8 to 3.14 source with the running interpreter's ``ast``, whatever its version.

``parse_module`` is ``ast.parse`` first. Only when that raises ``SyntaxError`` does it read the
text again with a small scanner of its own that knows the newer grammar, rewrites what the
interpreter cannot read into text it can (of the same length in UTF-8 bytes on every line, so
that every node keeps its line and column), parses that, and puts back what was rewritten:

- PEP 701 f-strings (3.12): the same quote reused inside a replacement field, backslashes,
  comments and line breaks in fields, nesting to any depth. Each run of adjacent string
  literals that holds an f-string becomes a placeholder call ``m(   )`` of the same extent;
  each field's expression is parsed on its own at its own line and column, and the
  placeholder is replaced by the ``JoinedStr`` Python 3.12+ builds (literal parts decoded,
  adjacent literals joined, ``=`` debug text, ``!r``/``!s``/``!a``, nested format specs).
- PEP 750 t-strings (3.14) are read the same way and given to the engine as a ``JoinedStr``
  (3.11 has no ``TemplateStr``): the values flow as they would in an f-string.
- PEP 695 (3.12) and PEP 696 (3.13) type parameters: ``def f[T](...)``, ``class C[T: int]``
  lose their parameter list (3.11 has nowhere to keep it); ``type X[T] = value`` becomes the
  assignment ``X = value`` (3.11 has no ``TypeAlias``), with ``X`` at its own column.
- PEP 758 (3.14): ``except A, B:`` without parentheses is read as ``except (A, B):`` (the one
  rewrite that adds characters: the columns after them on that line are moved back).

All of it is done whenever the fallback runs, on any interpreter (on 3.12+, a file that needs
it for t-strings or ``except A, B:`` also gets its type aliases as assignments). A file that
still does not parse raises the ``SyntaxError`` of the rewritten text (its line is the file's
own), so the error names the first problem that remains; where the scanner itself cannot follow
the text (an unterminated string), the interpreter's own error stands.
"""

from __future__ import annotations

import ast
import bisect
import itertools
import unicodedata
import warnings
from dataclasses import dataclass, field

__all__ = ["parse_module"]

_QUOTES = "'\""
_PREFIXES = frozenset(
    {"r", "u", "b", "br", "rb", "f", "fr", "rf", "t", "tr", "rt"}
)  # lower-cased; the letters may be in either case and order
_CONVERSIONS = {"s": 115, "r": 114, "a": 97}
_ESCAPES = {
    "\n": "",
    "\\": "\\",
    "'": "'",
    '"': '"',
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "n": "\n",
    "r": "\r",
    "t": "\t",
    "v": "\v",
}
_HEX_DIGITS = {"x": 2, "u": 4, "U": 8}
_KEYWORDS = frozenset(
    {
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
        "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
        "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise",
        "return", "try", "while", "with", "yield",
    }
)  # fmt: skip

# What the code scanner is reading: a whole module, a replacement field's expression (up to its
# `=`, `!`, `:` or `}`), a bracketed list (to its closing bracket) or an except clause's header.
_MODULE, _FIELD, _BRACKETS, _HEADER = range(4)


class _Unreadable(Exception):
    """The scanner cannot make sense of the text: the interpreter's own error stands."""


def parse_module(text: str, filename: str = "<unknown>") -> ast.Module:
    """Parse ``text`` as a module written for any Python from 3.8 to 3.14.

    Raises ``SyntaxError`` (or ``ValueError``, as ``ast.parse`` does) when it cannot."""
    try:
        return ast.parse(text, filename=filename)
    except SyntaxError as error:
        first = error
    try:
        rewrite = _Rewriter(text)
        rewrite.module()
        if not rewrite.changed:
            raise first
        return rewrite.tree(filename)
    except (_Unreadable, RecursionError):
        raise first from None


# --- what the scanner finds ---------------------------------------------------------------


@dataclass
class _Literal:
    """Literal text of a string: ``raw`` as written (doubled braces already halved)."""

    raw: list[str]
    start: int
    end: int
    is_raw: bool
    is_u: bool

    def value(self) -> str:
        text = _newlines("".join(self.raw))
        return text if self.is_raw else _unescape(text)


@dataclass
class _Field:
    """A replacement field ``{expression=!r:spec}``, from ``start`` (its brace) to ``end``."""

    start: int
    expr_start: int
    expr_end: int
    end: int = 0
    debug: str | None = None  # the text before "=", read as the string's literal text is
    debug_end: int = 0
    is_raw: bool = False
    conversion: int = -1
    spec: list[_Literal | _Field] | None = None
    spec_start: int = 0
    spec_end: int = 0
    source: str = ""  # the expression as the interpreter is given it (nested strings rewritten)


@dataclass
class _Group:
    """Adjacent string literals, one of them at least an f- or t-string: one ``JoinedStr``."""

    start: int
    end: int
    parts: list[_Literal | _Field] = field(default_factory=list)


class _Rewriter:
    """Scans a module once, rewriting into ``out`` (one entry a character of ``text``) what
    the running interpreter cannot parse."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.size = len(text)
        self.out = list(text)
        self.changed = False
        self.groups: dict[tuple[int, int], _Group] = {}
        self.aliases: dict[tuple[int, int], tuple[int, int]] = {}  # (line, col) -> name's cols
        self.inserted: dict[int, list[int]] = {}  # line -> original columns where "(" or ")" went
        self.excepts: set[tuple[int, int]] = set()  # where a parenthesised tuple now starts
        self.tuple_header = False  # the last except clause scanned names a tuple of types
        self.comments: list[int] = []  # where each comment starts, in order
        self._offsets: dict[int, list[int]] = {}  # line -> byte column of each character
        self._lines = [0]
        self._lines += [i + 1 for i, c in enumerate(text) if c == "\n"]

    # positions ------------------------------------------------------------------------------

    def where(self, index: int) -> tuple[int, int]:
        """The line (from 1) and UTF-8 byte column of character ``index``, as ``ast`` has them."""
        line = bisect.bisect_right(self._lines, index)
        start = self._lines[line - 1]
        offsets = self._offsets.get(line)
        if offsets is None:  # each line once: a long line of many strings stays linear
            end = self._lines[line] if line < len(self._lines) else self.size
            segment = self.text[start:end]
            offsets = self._offsets[line] = (
                []
                if segment.isascii()
                else list(itertools.accumulate(map(_utf8_length, segment), initial=0))
            )
        return line, offsets[index - start] if offsets else index - start

    def blank(self, start: int, end: int) -> None:
        """Spaces over ``text[start:end]``, as many bytes as each character, line ends kept."""
        for i in range(start, end):
            char = self.text[i]
            if char not in "\r\n":
                self.out[i] = " " * _utf8_length(char)

    # the scanner ---------------------------------------------------------------------------

    def module(self) -> None:
        self.code(0, _MODULE)

    def code(self, i: int, mode: int) -> int:
        """Scan code from ``i``; return where it stops (see the modes above)."""
        text, size = self.text, self.size
        depth = 1 if mode == _BRACKETS else 0
        if mode == _BRACKETS:
            i += 1
        statement = mode == _MODULE  # at the start of a statement
        commas = as_seen = False  # in an except clause's header: a tuple, and "as"
        while i < size:
            c = text[i]
            if c in " \t\f":
                i += 1
            elif c == "\\":
                i += 3 if text.startswith("\r\n", i + 1) else 2
            elif c == "#":
                newline = text.find("\n", i)
                self.comments.append(i)
                i = size if newline < 0 else newline
            elif c in "\r\n":
                if mode == _MODULE and depth == 0:
                    statement = True
                elif mode == _HEADER and depth == 0:
                    break
                i += 1
            elif c in _QUOTES:
                i = self.strings(i, inside=depth > 0 or mode == _FIELD)
                statement = False
            elif c.isalpha() or c == "_" or ord(c) > 127:
                j = i + 1
                while j < size and (text[j].isalnum() or text[j] == "_" or ord(text[j]) > 127):
                    j += 1
                word = text[i:j]
                if j < size and text[j] in _QUOTES and word.lower() in _PREFIXES:
                    i = self.strings(i, inside=depth > 0 or mode == _FIELD)
                elif mode == _MODULE and depth == 0:
                    i = self.keyword(word, i, j, statement)
                else:
                    as_seen |= mode == _HEADER and depth == 0 and word == "as"
                    i = j
                statement = False
            elif c.isdigit():
                i += 1
                while i < size and (text[i].isalnum() or text[i] in "._"):
                    i += 1
                statement = False
            elif c in "([{":
                depth += 1
                i += 1
                statement = False
            elif c in ")]}":
                if depth == 0:
                    if mode == _FIELD and c == "}":
                        return i
                    if mode != _MODULE:
                        raise _Unreadable
                else:
                    depth -= 1
                    if mode == _BRACKETS and depth == 0:
                        return i + 1
                i += 1
            elif depth == 0 and mode == _FIELD and c in "!=:":
                if text.startswith("!=", i) or text.startswith("==", i):
                    i += 2
                else:
                    return i
            elif c in "<>" and text.startswith("=", i + 1):
                i += 2
            elif depth == 0 and mode == _HEADER and c in ":,":
                if c == ":":
                    break
                commas = True
                i += 1
            elif depth == 0 and mode == _MODULE and c in ";:":
                statement = True
                i += 1
            else:
                statement = False
                i += 1
        if mode == _HEADER:
            self.tuple_header = commas and not as_seen
        elif mode != _MODULE:
            raise _Unreadable
        return i

    def word_at(self, i: int) -> tuple[str, int]:
        """The identifier at ``i`` (after spaces) and where it ends; ``""`` if none."""
        text, size = self.text, self.size
        while i < size and text[i] in " \t":
            i += 1
        j = i
        while j < size and (text[j].isalnum() or text[j] == "_" or ord(text[j]) > 127):
            j += 1
        word = text[i:j]
        return (word, j) if word.isidentifier() and word not in _KEYWORDS else ("", i)

    def spaces(self, i: int) -> int:
        while i < self.size and self.text[i] in " \t":
            i += 1
        return i

    def blanks(self, i: int) -> int:
        """Past spaces, line ends and comments (inside a replacement field)."""
        text, size = self.text, self.size
        while i < size and text[i] in " \t\f\r\n#":
            if text[i] == "#":
                self.comments.append(i)
                newline = text.find("\n", i)
                i = size if newline < 0 else newline
            else:
                i += 1
        return i

    def keyword(self, word: str, start: int, end: int, statement: bool) -> int:
        """Rewrite the newer statements a keyword opens; return where scanning goes on."""
        text = self.text
        if word in ("def", "class"):  # PEP 695: def f[T](...), class C[T]:
            name, after = self.word_at(end)
            bracket = self.spaces(after)
            if name and text.startswith("[", bracket):
                close = self.code(bracket, _BRACKETS)
                self.blank(bracket, close)
                self.changed = True
                return close
        elif word == "type" and statement:  # PEP 695: type X[T] = value
            name, after = self.word_at(end)
            if not name or after == end:
                return end
            assign = self.spaces(after)
            if text.startswith("[", assign):
                assign = self.spaces(self.code(assign, _BRACKETS))
            if not text.startswith("=", assign) or text.startswith("==", assign):
                return end
            line, column = self.where(start)
            name_start = after - len(name)
            self.aliases[line, column] = (self.where(name_start)[1], self.where(after)[1])
            self.blank(start, assign)
            padding = sum(map(_utf8_length, text[start:after])) - sum(map(_utf8_length, name))
            self.out[start] = name + " " * padding
            for i in range(start + 1, after):
                self.out[i] = ""
            self.changed = True
            return assign
        elif word == "except":  # PEP 758: except A, B:
            first = self.spaces(end)
            if text.startswith("*", first):
                first = self.spaces(first + 1)
            if text.startswith(":", first):
                return first
            colon = self.code(first, _HEADER)
            if self.tuple_header and text.startswith(":", colon):
                for at, mark in ((first, "("), (colon, ")")):
                    line, column = self.where(at)
                    self.inserted.setdefault(line, []).append(column)
                    self.out[at] = mark + self.out[at]
                self.excepts.add(self.where(first))
                self.changed = True
            return colon
        return end

    def strings(self, i: int, *, inside: bool) -> int:
        """Scan adjacent string literals from ``i``; a run with an f- or t-string becomes a
        placeholder call and is remembered. Return where the run ends."""
        text, size = self.text, self.size
        group = _Group(i, i)
        formatted = has_bytes = False
        while True:
            quote = i
            while text[quote] not in _QUOTES:
                quote += 1
            prefix = text[i:quote].lower()
            formatted |= "f" in prefix or "t" in prefix
            has_bytes |= "b" in prefix
            i = self.string(quote, prefix, group.parts)
            group.end = i
            j = i  # is another literal next?
            while j < size:
                if text[j] in " \t\f":
                    j += 1
                elif text[j] == "\\" and text[j + 1 : j + 2] in ("\n", "\r"):
                    j += 3 if text.startswith("\r\n", j + 1) else 2
                elif inside and text[j] in "\r\n":
                    j += 1
                elif inside and text[j] == "#":
                    newline = text.find("\n", j)
                    j = size if newline < 0 else newline
                else:
                    break
            k = j
            while k < size and text[k].isalpha() and k - j < 2:
                k += 1
            if k < size and text[k] in _QUOTES and (k == j or text[j:k].lower() in _PREFIXES):
                i = j
                continue
            break
        if not formatted:
            return group.end
        if has_bytes:
            raise _Unreadable  # bytes and str cannot be joined: the interpreter says so
        for part in group.parts:
            if isinstance(part, _Field):
                self.sources(part)
        self.groups[self.where(group.start)] = group
        self.blank(group.start, group.end)
        self.out[group.start] = "m"
        self.out[group.start + 1] = "("
        self.out[group.end - 1] = ")"
        self.changed = True
        return group.end

    def sources(self, part: _Field) -> None:
        """Keep what the interpreter will be given of a field's expression (and of those in its
        format spec), nested strings already rewritten, before the whole run is blanked."""
        part.source = "".join(self.out[part.expr_start : part.expr_end])
        for inner in part.spec or ():
            if isinstance(inner, _Field):
                self.sources(inner)

    def string(self, quote: int, prefix: str, parts: list[_Literal | _Field]) -> int:
        """Scan one literal whose quote is at ``quote``; add its parts; return its end."""
        text, size = self.text, self.size
        mark = text[quote]
        triple = text.startswith(mark * 3, quote)
        closing = mark * 3 if triple else mark
        i = quote + len(closing)
        is_raw, is_u = "r" in prefix, "u" in prefix
        formatted = "f" in prefix or "t" in prefix
        literal = _Literal([], i, i, is_raw, is_u)
        run = i  # start of the literal text not yet copied into ``literal``
        while True:
            if i >= size:
                raise _Unreadable
            c = text[i]
            if c == "\\":
                if formatted and not is_raw and text.startswith("N{", i + 1):
                    close = text.find("}", i)
                    if close < 0:
                        raise _Unreadable
                    i = close + 1
                elif formatted and text[i + 1 : i + 2] in ("{", "}"):
                    i += 1
                else:
                    i += 3 if text.startswith("\r\n", i + 1) else 2
            elif c == mark and text.startswith(closing, i):
                literal.raw.append(text[run:i])
                literal.end = i
                if not formatted:  # a plain string's constant spans it, quotes and all
                    literal.start, literal.end = quote - len(prefix), i + len(closing)
                parts.append(literal)
                return i + len(closing)
            elif c in "\r\n" and not triple:
                raise _Unreadable
            elif formatted and c in "{}":
                if text.startswith(c * 2, i):
                    literal.raw.append(text[run : i + 1])
                    i += 2
                    run = i
                elif c == "}":
                    raise _Unreadable
                else:
                    literal.raw.append(text[run:i])
                    literal.end = i
                    parts.append(literal)
                    i = self.field(i, mark, triple, is_raw, parts, nested=0)
                    literal = _Literal([], i, i, is_raw, is_u)
                    run = i
            else:
                i += 1

    def field(
        self,
        start: int,
        mark: str,
        triple: bool,
        is_raw: bool,
        parts: list[_Literal | _Field],
        nested: int,
    ) -> int:
        """Scan the replacement field whose brace is at ``start``; return its end."""
        text = self.text
        if nested > 2:
            raise _Unreadable  # "f-string: expressions nested too deeply"
        end = self.code(start + 1, _FIELD)
        part = _Field(start, start + 1, end, is_raw=is_raw)
        i = end
        if text[i] == "=":
            i = self.blanks(i + 1)
            part.debug, part.debug_end = self.uncommented(start + 1, i), i
        if text[i] == "!":
            conversion = _CONVERSIONS.get(text[i + 1 : i + 2])
            if conversion is None:
                raise _Unreadable
            part.conversion = conversion
            i = self.blanks(i + 2)
        elif part.debug is not None:
            part.conversion = 114 if text[i] != ":" else -1
        if text[i] == ":":
            part.spec, part.spec_start = [], i
            i = self.spec(i + 1, mark, triple, is_raw, part.spec, nested)
            part.spec_end = i
        if text[i] != "}":
            raise _Unreadable
        part.end = i + 1
        parts.append(part)
        return part.end

    def code_end(self, start: int, end: int) -> int:
        """Where the code of ``text[start:end]`` ends, spaces, line ends and comments left out."""
        text = self.text
        while True:
            while end > start and text[end - 1] in " \t\f\r\n":
                end -= 1
            last = bisect.bisect_left(self.comments, end) - 1
            comment = self.comments[last] if last >= 0 else -1
            if comment < start or "\n" in text[comment:end]:
                return end
            end = comment

    def uncommented(self, start: int, end: int) -> str:
        """``text[start:end]`` without its comments (the text a debug ``=`` shows)."""
        pieces, i = [], start
        first = bisect.bisect_left(self.comments, start)
        for comment in self.comments[first:]:
            if comment >= end:
                break
            pieces.append(self.text[i:comment])
            newline = self.text.find("\n", comment, end)
            i = end if newline < 0 else newline
            if self.text[i - 1] == "\r":
                i -= 1
        pieces.append(self.text[i:end])
        return "".join(pieces)

    def spec(
        self,
        i: int,
        mark: str,
        triple: bool,
        is_raw: bool,
        parts: list[_Literal | _Field],
        nested: int,
    ) -> int:
        """Scan a format spec up to its closing brace; return where that brace is."""
        text, size = self.text, self.size
        literal = _Literal([], i, i, is_raw, False)
        run = i
        while True:
            if i >= size:
                raise _Unreadable
            c = text[i]
            if c == "\\" and not is_raw and text.startswith("N{", i + 1):
                close = text.find("}", i)
                if close < 0:
                    raise _Unreadable
                i = close + 1
            elif c == "\\" and text[i + 1 : i + 2] not in ("{", "}"):
                i += 2
            elif (c == mark and (not triple or text.startswith(mark * 3, i))) or (
                c in "\r\n" and not triple
            ):
                raise _Unreadable  # the string ends, or its line does, inside the field
            elif c in "{}":
                literal.raw.append(text[run:i])
                literal.end = i
                if literal.raw != [""]:
                    parts.append(literal)
                if c == "}":
                    return i
                i = self.field(i, mark, triple, is_raw, parts, nested + 1)
                literal = _Literal([], i, i, is_raw, False)
                run = i
            else:
                i += 1

    # the tree ------------------------------------------------------------------------------

    def tree(self, filename: str) -> ast.Module:
        """Parse the rewritten text and put back what was rewritten."""
        source = "".join(self.out)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            module = ast.parse(source, filename=filename)
        if self.inserted:
            _Columns(self.inserted, self.excepts).visit(module)
        result = _Rebuild(self, filename).visit(module)
        assert isinstance(result, ast.Module)
        return result


class _Columns(ast.NodeVisitor):
    """Columns as they were before ``(`` and ``)`` went round ``except A, B``'s types."""

    def __init__(self, inserted: dict[int, list[int]], excepts: set[tuple[int, int]]) -> None:
        # where each inserted character now is, per line
        self.marks = {
            line: [column + n for n, column in enumerate(sorted(columns))]
            for line, columns in inserted.items()
        }
        self.excepts = excepts

    def column(self, line: int, column: int) -> int:
        marks = self.marks.get(line)
        return column - bisect.bisect_left(marks, column) if marks else column

    def generic_visit(self, node: ast.AST) -> None:
        if "col_offset" in node._attributes:
            line, end_line = getattr(node, "lineno", 0), getattr(node, "end_lineno", None)
            node.col_offset = self.column(line, node.col_offset)  # type: ignore[attr-defined]
            end = getattr(node, "end_col_offset", None)
            if end_line is not None and end is not None:
                node.end_col_offset = self.column(end_line, end)  # type: ignore[attr-defined]
        super().generic_visit(node)
        if isinstance(node, ast.ExceptHandler) and isinstance(node.type, ast.Tuple):
            types = node.type
            if (types.lineno, types.col_offset) in self.excepts and types.elts:
                types.end_lineno = types.elts[-1].end_lineno
                types.end_col_offset = types.elts[-1].end_col_offset


class _Rebuild(ast.NodeTransformer):
    """Placeholders back into ``JoinedStr`` nodes, aliases back at their names' columns."""

    def __init__(self, rewrite: _Rewriter, filename: str) -> None:
        self.rewrite = rewrite
        self.filename = filename

    def visit_Assign(self, node: ast.Assign) -> ast.AST:
        columns = self.rewrite.aliases.get((node.lineno, node.col_offset))
        target = node.targets[0] if len(node.targets) == 1 else None
        if columns and isinstance(target, ast.Name) and target.col_offset == node.col_offset:
            target.col_offset, target.end_col_offset = columns
        self.generic_visit(node)
        return node

    def visit_Call(self, node: ast.Call) -> ast.AST:
        group = self.rewrite.groups.get((node.lineno, node.col_offset))
        if (
            group is not None
            and isinstance(node.func, ast.Name)
            and node.func.end_col_offset == node.col_offset + 1
            and not node.args
            and not node.keywords
        ):
            return self.joined(group.parts, group.start, group.end)
        self.generic_visit(node)
        return node

    def position(self, node: ast.expr, start: int, end: int) -> None:
        node.lineno, node.col_offset = self.rewrite.where(start)
        node.end_lineno, node.end_col_offset = self.rewrite.where(end)

    def joined(self, parts: list[_Literal | _Field], start: int, end: int) -> ast.JoinedStr:
        """The ``JoinedStr`` of literal parts and fields: adjacent literals joined into one
        constant, empty ones left out, as Python 3.12+ builds it."""
        values: list[ast.expr] = []
        pending: list[tuple[str, int, int, bool]] = []  # value, start, end, u-prefixed

        def flush() -> None:
            if pending:
                text = "".join(value for value, *_ in pending)
                constant = ast.Constant(text, kind="u" if pending[0][3] else None)
                self.position(constant, pending[0][1], pending[-1][2])
                values.append(constant)
            pending.clear()

        for part in parts:
            if isinstance(part, _Literal):
                value = part.value()
                if value:
                    pending.append((value, part.start, part.end, part.is_u))
                continue
            if part.debug is not None:
                debug = _newlines(part.debug)
                debug = debug if part.is_raw else _unescape(debug)  # as CPython does
                pending.append((debug, part.expr_start, part.debug_end, False))
            flush()
            values.append(self.formatted(part))
        flush()
        joined = ast.JoinedStr(values)
        self.position(joined, start, end)
        return joined

    def formatted(self, part: _Field) -> ast.FormattedValue:
        spec = (
            self.joined(part.spec, part.spec_start, part.spec_end)
            if part.spec is not None
            else None
        )
        value = ast.FormattedValue(self.expression(part), part.conversion, spec)
        self.position(value, part.start, part.end)
        return value

    def expression(self, part: _Field) -> ast.expr:
        """The field's expression, parsed in parentheses and moved to its own line and column
        (``(`` stands where ``{`` was)."""
        line, column = self.rewrite.where(part.expr_start)
        if not part.source.strip():
            raise _error("f-string: valid expression required before '}'", line, self.filename)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                tree = ast.parse("(" + part.source + ")", filename=self.filename, mode="eval")
        except SyntaxError as error:
            raise _error(
                f"f-string: {error.msg}", (error.lineno or 1) + line - 1, self.filename
            ) from None
        body = tree.body
        if body.lineno == 1 and body.col_offset == 0:  # it starts at the "(" added round it
            if not isinstance(body, ast.Tuple) or not body.elts:  # a comment, a bare generator
                raise _error("f-string: valid expression required before '}'", line, self.filename)
            body.lineno, body.col_offset = body.elts[0].lineno, body.elts[0].col_offset
            end = self.rewrite.where(self.rewrite.code_end(part.expr_start, part.expr_end))
            body.end_lineno = end[0] - line + 1
            body.end_col_offset = end[1] - (column - 1 if end[0] == line else 0)
        shift = column - 1  # on the first line; the lines after it are the file's own
        for node in ast.walk(body):
            if getattr(node, "lineno", None) == 1:
                node.col_offset += shift  # type: ignore[attr-defined]
            if getattr(node, "end_lineno", None) == 1:
                node.end_col_offset += shift  # type: ignore[attr-defined]
        ast.increment_lineno(body, line - 1)
        result = self.visit(body)
        assert isinstance(result, ast.expr)
        return result


def _utf8_length(char: str) -> int:
    code = ord(char)
    return 1 if code < 0x80 else 2 if code < 0x800 else 3 if code < 0x10000 else 4


def _error(message: str, line: int, filename: str) -> SyntaxError:
    return SyntaxError(message, (filename, line, None, None))


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _unescape(text: str) -> str:
    """The value of a string literal's text with its backslash escapes, as Python reads it
    (an unknown escape keeps its backslash)."""
    if "\\" not in text:
        return text
    out: list[str] = []
    i, size = 0, len(text)
    while i < size:
        c = text[i]
        if c != "\\" or i + 1 == size:
            out.append(c)
            i += 1
            continue
        d = text[i + 1]
        if d in _ESCAPES:
            out.append(_ESCAPES[d])
            i += 2
        elif d in "01234567":
            j = i + 1
            while j < min(i + 4, size) and text[j] in "01234567":
                j += 1
            out.append(chr(int(text[i + 1 : j], 8)))
            i = j
        elif d in _HEX_DIGITS:
            digits = text[i + 2 : i + 2 + _HEX_DIGITS[d]]
            try:
                if len(digits) != _HEX_DIGITS[d]:
                    raise ValueError(digits)
                out.append(chr(int(digits, 16)))
            except ValueError:
                raise _Unreadable from None
            i += 2 + _HEX_DIGITS[d]
        elif d == "N" and text.startswith("{", i + 2):
            close = text.find("}", i)
            try:
                out.append(unicodedata.lookup(text[i + 3 : close]))
            except KeyError:
                raise _Unreadable from None
            i = close + 1
        else:
            out.append("\\")
            i += 1
    return "".join(out)
