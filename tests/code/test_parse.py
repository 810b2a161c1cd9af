"""Reading Python 3.8 to 3.14 source on this interpreter: the tree `parse_module` gives for the
newer grammar is the one Python 3.12+ builds, checked against the real 3.12 and 3.13 where pyenv
has them (a case is skipped when its reference interpreter is absent)."""

from __future__ import annotations

import ast
import contextlib
import functools
import glob
import json
import os
import random
import subprocess
import textwrap
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aicc.code import analyse_source, builtin_rules, scan_paths
from aicc.code.parse import parse_module

# the newer code read here has escapes 3.11 warns about
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore::SyntaxWarning")

# The same normaliser runs here and in the reference interpreter: the tree as plain JSON, without
# what 3.11 has no node for (type parameters; TypeAlias is the assignment it stands for; 3.14's
# TemplateStr and Interpolation are the f-string nodes), and where every Name stands.
NORMALISE = r"""
import ast

_RENAMED = {"TemplateStr": "JoinedStr", "Interpolation": "FormattedValue"}
_LEFT_OUT = {"type_params", "kind", "type_comment", "str"}


class _Older(ast.NodeTransformer):
    def visit_TypeAlias(self, node):
        self.generic_visit(node)
        return ast.copy_location(ast.Assign(targets=[node.name], value=node.value), node)

    def generic_visit(self, node):
        if getattr(node, "type_params", None):
            node.type_params = []
        return super().generic_visit(node)


def _plain(node):
    if isinstance(node, list):
        return [_plain(item) for item in node]
    if not isinstance(node, ast.AST):
        return node if isinstance(node, (str, int, float, bool, type(None))) else repr(node)
    name = type(node).__name__
    out = {"_": _RENAMED.get(name, name)}
    for key in node._fields:
        value = getattr(node, key, None)
        if key in _LEFT_OUT:
            continue
        if out["_"] == "JoinedStr" and key == "values":  # 3.12.1 adds empty constants
            value = [v for v in value if not (isinstance(v, ast.Constant) and v.value == "")]
        value = _plain(value)
        if value is not None and value != []:
            out[key] = value
    return out


def describe(source, parse=ast.parse):
    try:
        tree = _Older().visit(parse(source))
    except SyntaxError as error:
        return {"error": error.msg}
    except ValueError as error:  # 3.12.1 fails on a few strange f-strings: no verdict
        return {"error": str(error), "broken": True}
    names = sorted(
        [n.id, n.lineno, n.col_offset, n.end_lineno, n.end_col_offset]
        for n in ast.walk(tree)
        if isinstance(n, ast.Name)
    )
    positions = [
        [type(n).__name__, n.lineno, n.col_offset, n.end_lineno, n.end_col_offset]
        for n in ast.walk(tree)
        if isinstance(n, ast.expr) and not (isinstance(n, ast.Constant) and n.value == "")
    ]
    return {"tree": _plain(tree), "names": names, "positions": positions}
"""
_SPACE: dict[str, Any] = {}
exec(NORMALISE, _SPACE)  # our own normaliser, the one the reference interpreter runs


def ours(source: str) -> dict[str, Any]:
    described: dict[str, Any] = _SPACE["describe"](source, parse_module)
    return described


# A line only Python 3.12+ reads, added to every case so that the fallback is what reads it.
TRIGGER = 'trigger = f"{"x"}"\n'


def _reference(version: str) -> str | None:
    for pattern in (f"~/.pyenv/versions/{version}.*/bin/python", f"/usr/bin/python{version}"):
        found = sorted(glob.glob(os.path.expanduser(pattern)))
        if found:
            return found[-1]
    return None


@functools.cache
def reference_run(version: str, sources: tuple[str, ...]) -> list[dict[str, Any]] | None:
    """What Python ``version`` makes of each source, or None when it is not installed."""
    python = _reference(version)
    if python is None:
        return None
    script = NORMALISE + textwrap.dedent(
        """
        import json, sys, warnings
        warnings.simplefilter("ignore")
        print(json.dumps([describe(s) for s in json.load(sys.stdin)]))
        """
    )
    done = subprocess.run(  # a pyenv interpreter, our own script
        [python, "-c", script],
        input=json.dumps(sources),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    described: list[dict[str, Any]] = json.loads(done.stdout)
    return described


# (name, the first Python that reads it, source)
CASES: list[tuple[str, str, str]] = [
    ("same quote inside a field", "3.12", 'songs = ["a"]\nx = f"list: {", ".join(songs)}"\n'),
    ("same quote in a subscript", "3.12", "x = f'wand: {bag['wand']}'\n"),
    ("nested spec with conversion", "3.12", 'x = f"{x!r:>{width}}" + f"{"a"!s:^{w}.{p}}"\n'),
    ("backslash in a field", "3.12", 'x = f"{\'\\n\'.join(lines)}" + f"{"\\t".join(a)}"\n'),
    ("comment in a triple-quoted field", "3.12", 'x = f"""{a  # the a\n}"""\n'),
    ("comment in a single-quoted field", "3.12", 'x = f"{a # note\n}"\n'),
    ("multi-line field", "3.12", 'x = f"___{\n    y\n}___" + f"{fn(\n  a,\n  b,\n)}"\n'),
    ("nested three deep", "3.12", 'x = f"{f"{f"{deep}"}"}"\n'),
    ("nested six deep", "3.12", 'x = f"{f"{f"{f"{f"{f"{1 + one}"}"}"}"}"}"\n'),
    ("nested specs", "3.12", "x = f\"{'':*^{n:{m}}}\"\n"),
    ("debug text", "3.12", 'x = f"{x = }{y=!r:^20}{user.name=}{a["k"]=}"\n'),
    ("comments after = and !r", "3.12", 'x = f"{1+2 = # note\n  }{y!r # c\n}"\n'),
    (
        "concatenation",
        "3.12",
        'x = ("a" f"{b}" "c"  # joined\n     f"{d!s}" \'e\' u"f")\ny = u"a" f"{z}" "b"\n',
    ),
    ("multi-byte text before fields", "3.12", 'x = f"ééé{y}中{"ü"}" + z\n'),
    ("escapes", "3.12", 'x = f"\\N{BULLET} \\x41\\u00e9\\t{x}\\n\\101{{}}"\n'),
    ("raw f-strings", "3.12", "x = rf\"\\d+{pattern}\\w\" + fr'{a['b']}\\n' + Rf\"\\{x}\"\n"),
    (
        "lambda, comprehension, walrus",
        "3.12",
        'x = f"{(lambda v: v)(x)}{ {k: v for k, v in d} }{(n := 10)}"\n',
    ),
    ("spec looks like walrus", "3.12", 'x = f"{x:=^10}{a != "b"}{a <= b}{a if b else "c"}"\n'),
    ("tuple in a field", "3.12", 'x = f"{a, b}"\n'),
    ("spec field with a string", "3.12", 'x = f"{value:{fmt["w"]}}"\n'),
    ("await in a field", "3.12", 'async def f():\n    return f"{await g("x")}"\n'),
    ("in a call and a method", "3.12", 'print(f"{x["k"]}".upper(), end="")\n'),
    ("in defaults and annotations", "3.12", 'def f(a: int = len(f"{"x"}")) -> None:\n    pass\n'),
    ("CRLF line ends", "3.12", 'x = f"{"a"}"\r\ny = f"""b\r\n{c}"""\r\n'),
    (
        "SQL with request data",
        "3.12",
        'cur.execute(f"SELECT * FROM u WHERE n = \'{request.args["n"]}\'")\n',
    ),
    ("type alias", "3.12", "type Point = tuple[float, float]\n"),
    ("generic alias", "3.12", "type ListOrSet[T] = list[T] | set[T]\n"),
    ("generic function", "3.12", "def first[T](xs: list[T]) -> T:\n    return xs[0]\n"),
    (
        "generic class",
        "3.12",
        "class Box[T: (int, str), *Ts, **P](Base, metaclass=M):\n    item: T\n",
    ),
    (
        "generic async method",
        "3.12",
        "class A:\n    async def f[T](self, x: T) -> T:\n        ...\n",
    ),
    ("alias after a colon", "3.12", "if True: type X = int\n"),
    ("type is still a name", "3.12", "type = 5\nprint(type(x), type)\ntype.mro\n"),
    ("type parameter defaults", "3.13", "class D[T = int]:\n    pass\ntype A[T = str] = list[T]\n"),
    ("except without parentheses", "3.14", "try:\n    pass\nexcept A, B: handle(e)\n"),
    ("except* without parentheses", "3.14", "try:\n    pass\nexcept* A, B:\n    pass\n"),
    ("t-string", "3.14", 'x = t"hello {name!r:>{w}} {"q"}"\n'),
]
REFERENCES = ("3.12", "3.13", "3.14")


@pytest.mark.parametrize("version", REFERENCES)
@pytest.mark.parametrize(("name", "since", "source"), CASES, ids=[c[0] for c in CASES])
def test_the_newer_grammar_reads_as_the_reference_reads_it(
    name: str, since: str, source: str, version: str
) -> None:
    if tuple(map(int, version.split("."))) < tuple(map(int, since.split("."))):
        pytest.skip(f"Python {version} does not read {name}")
    text = source + TRIGGER
    with pytest.raises(SyntaxError):  # this interpreter cannot read it alone
        ast.parse(text)
    sources = tuple(s + TRIGGER for _, _, s in CASES)
    expected = reference_run(version, sources)
    if expected is None:
        pytest.skip(f"no Python {version} here")
    reference = expected[sources.index(text)]
    assert "error" not in reference, reference
    mine = ours(text)
    assert mine["tree"] == reference["tree"]
    assert mine["names"] == reference["names"]
    assert mine["positions"] == reference["positions"]  # every expression, f-string parts too


def test_the_3_14_grammar_is_the_tree_of_what_it_means() -> None:
    """Without a 3.14 here: ``except A, B:`` is ``except (A, B):`` and a t-string is the
    f-string of the same text, every name where it is written."""
    plain = ours("try:\n    pass\nexcept (A, B): handle(e)\n")
    newer = ours("try:\n    pass\nexcept A, B: handle(e)\n")
    assert newer["tree"] == plain["tree"]
    assert newer["names"] == [
        ["A", 3, 7, 3, 8],
        ["B", 3, 10, 3, 11],
        ["e", 3, 20, 3, 21],
        ["handle", 3, 13, 3, 19],
    ]
    mixed = ours("try:\n    pass\nexcept A, B:\n    pass\nexcept* C, D:\n    pass\n")
    assert "error" in mixed  # except and except* together: an error stays an error
    star = ours("try:\n    pass\nexcept* C, D:\n    pass\n")
    assert star["tree"] == ours("try:\n    pass\nexcept* (C, D):\n    pass\n")["tree"]
    assert star["names"] == [["C", 3, 8, 3, 9], ["D", 3, 11, 3, 12]]
    template = 'x = t"hi {name!r:>{w}} {"q"}"\n'
    assert ours(template) == ours(template.replace('t"', 'f"'))
    # except A, B as e stays an error in 3.14 too
    assert "error" in ours("try:\n    pass\nexcept A, B as e:\n    pass\n")


def test_every_expression_keeps_its_line_and_column() -> None:
    source = textwrap.dedent(
        """\
        def view():
            name = request.args["name"]
            query = f"SELECT * FROM users WHERE name = '{name}' AND {f"{
                request.args["x"]}"}"  # x on line 4
            return f'{"ok"}' + é
        """
    )
    tree = parse_module(source)
    where = {(n.id, n.lineno, n.col_offset) for n in ast.walk(tree) if isinstance(n, ast.Name)}
    lines = source.splitlines()
    name_column = lines[2].index("{name}") + 1
    assert {("name", 3, name_column), ("request", 4, 8), ("é", 5, lines[4].index("é"))} <= where
    query = next(n for n in ast.walk(tree) if isinstance(n, ast.JoinedStr))
    assert (query.lineno, query.col_offset, query.end_lineno) == (3, 12, 4)
    assert query.end_col_offset == len(lines[3].split("  #")[0])


def test_code_this_interpreter_reads_reads_the_same_through_the_fallback() -> None:
    """Every f-string shape 3.11 accepts gives the same tree (and name positions) when the
    fallback reads it: the fallback is an extension, not a second dialect."""
    lines = [
        'a = f"{x!r:>{width}}" f\'{y}\' "z"',
        "b = f'{d[\"k\"]:{w}.{p}f}' + F'''{x}\n{y!a}'''",
        'c = f"{x=}" f"{ y = !s:>4}" rf"\\d{n}" f"{{}}"',
        "e = u'a' f\"{x}\" 'b'",
        'g = f"é{x}中{y:%Y-%m-%d}"',
        'h = (f"{a}"\n     # comment\n     f"{b}")',
    ]
    for line in lines:
        native = _SPACE["describe"](line + "\n")
        assert "error" not in native, line
        forced = ours(line + "\n" + TRIGGER)
        trigger = ours(TRIGGER)
        assert forced["tree"]["body"][:-1] == native["tree"]["body"], line
        extra = [n for n in forced["names"] if n not in native["names"]]
        assert sorted(extra) == sorted(
            [n[0], n[1] + line.count("\n") + 1, *n[2:3], n[3] + line.count("\n") + 1, n[4]]
            for n in trigger["names"]
        ), line


def test_files_that_really_are_broken_still_fail_at_their_line() -> None:
    with pytest.raises(SyntaxError) as caught:
        parse_module('x = f"{"a"}"\n\ndef broken(:\n    pass\n')
    assert caught.value.lineno == 3
    with pytest.raises(SyntaxError) as caught:
        parse_module('x = f"{"a"}"\ny = f"{a b}"\n')
    assert caught.value.lineno == 2 and "f-string" in caught.value.msg
    with pytest.raises(SyntaxError):
        parse_module('x = f"{}"\n')
    with pytest.raises(SyntaxError):
        parse_module('x = f"{x!z}"\n')
    with pytest.raises(SyntaxError):  # Python 2 stays unreadable
        parse_module('print "hello"\nx = f"{"a"}"\n')


# --- random programs, against the reference and for robustness -----------------------------

_LITERALS = [
    *("abc", " ", "{{", "}}", "é中", "%s", ":", "!", "=", "#"),
    *("\\n", "\\x41", "\\N{BULLET}", "\\\\", "\\{", "\\'", '\\"', "\\\n"),
]
_NAMES = [
    *("x", "y", "obj.attr", "fn(a, b)", "d[k]", "-n", "a + b", "not z", "x, y", "(yield)"),
    *('"}"', "'{'", 'd["a\\"b"]', "(lambda: 1)()", "[i for i in y]", '{"k": v}', "a != b"),
]
_PLAIN = ['"abc"', "u'é'", 'r"\\d"', "'{x}'", '"""a\nb"""']


def _expression(rng: random.Random, depth: int, quote: str) -> str:
    choice = rng.random()
    if choice < 0.35 or depth > 2:
        return rng.choice(_NAMES)
    if choice < 0.5:
        q = rng.choice(["'", '"'])
        return f"d[{q}{rng.choice(['k', 'a b', ''])}{q}]"
    if choice < 0.6:
        return f"{rng.choice(_NAMES)} if c else {rng.choice(_NAMES)}"
    if choice < 0.7:
        return f"{rng.choice(_NAMES)}\n + {rng.choice(_NAMES)}"
    if choice < 0.75:
        return f"{rng.choice(_NAMES)}  # comment\n"
    return _fstring(rng, depth + 1)


def _fstring(rng: random.Random, depth: int = 0) -> str:
    prefix = rng.choice(["f", "f", "F", "rf", "fR"])
    quote = rng.choice(['"', "'", '"""', "'''"])
    raw = "r" in prefix.lower()
    parts: list[str] = []
    for _ in range(rng.randint(0, 4)):
        if rng.random() < 0.35:
            literal = rng.choice(_LITERALS)
            parts.append(literal if not raw or literal != "\\\\" else "\\d")
            continue
        expression = _expression(rng, depth, quote)
        if expression.startswith("{"):
            expression = f" {expression} "
        if len(quote) == 1 and "\n" in expression and "#" not in expression and rng.random() < 0.5:
            expression = expression.replace("\n", " ")
        field = "{" + expression
        if "#" not in expression:
            if "!=" not in expression:  # CPython 3.12-3.13 cut "{a != b=}"'s text at the "!"
                field += rng.choice(["", "", "=", " = "])
            field += rng.choice(["", "", "!r", "!s", "!a"])
            if rng.random() < 0.3:
                field += ":" + rng.choice([">10", "^{w}", "{w}.{p}f", "", "%Y", f"{{{_NAMES[0]}}}"])
        parts.append(field + "}")
    return prefix + quote + "".join(parts) + quote


def _programs(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    programs = []
    for _ in range(count):
        strings = [_fstring(rng) for _ in range(rng.randint(1, 2))]
        strings += [rng.choice(_PLAIN) for _ in range(rng.randint(0, 1))]
        rng.shuffle(strings)
        program = f"value = ({' '.join(strings)})\n" + TRIGGER
        programs.append(program.replace("\n", "\r\n") if rng.random() < 0.1 else program)
    return programs


@pytest.mark.parametrize("version", ["3.12", "3.13"])
def test_random_f_strings_read_as_the_reference_reads_them(version: str) -> None:
    programs = tuple(_programs(400, seed=701))
    expected = reference_run(version, programs)
    if expected is None:
        pytest.skip(f"no Python {version} here")
    read = 0
    for program, reference in zip(programs, expected, strict=True):
        mine = ours(program)
        if reference.get("broken"):
            continue
        if "error" in reference:
            assert "error" in mine, program
            continue
        read += 1
        assert "error" not in mine, (program, mine)
        assert mine["tree"] == reference["tree"], program
        assert mine["names"] == reference["names"], program
        if "\\\n" not in program and "\\\r\n" not in program:
            # (CPython ends a literal continued by a backslash on the line it started on)
            assert mine["positions"] == reference["positions"], program
    assert read > 200  # most of them are valid: the comparison is not vacuous


_PIECES = [*"fFrRtbu\"'{}!:=\\#\n\r (),.[]xy0é*", "\\N{", "{{", '"""', "type ", "except ", "def "]
_FUZZ = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(_FUZZ)
def test_random_text_never_crashes_the_fallback(text: str) -> None:
    try:
        tree = parse_module('a = f"{"x"}"\n' + text)
    except SyntaxError:
        return
    assert isinstance(tree, ast.Module)
    with contextlib.suppress(SyntaxError):  # a well-formed tree: only the compiler's checks
        compile(tree, "fuzz", "exec", dont_inherit=True)


# --- the scanner on newer code -------------------------------------------------------------

FLASK_312 = """\
import sqlite3

from flask import Flask, request

app = Flask(__name__)


@app.route("/user")
def user():
    db = sqlite3.connect("app.db")
    label = f"{request.args.get("label", "")!r:>{10}}"
    rows = db.execute(
        f"SELECT * FROM users WHERE name = '{request.args["name"]}' -- {f"{label}"}"
    ).fetchall()
    type Row = tuple[str, ...]
    return {"rows": rows}
"""


def test_a_3_12_flask_app_is_scanned_on_this_interpreter_at_the_right_line() -> None:
    with pytest.raises(SyntaxError):
        ast.parse(FLASK_312)
    result = analyse_source(FLASK_312, "app.py", builtin_rules())
    assert result.errors == () and result.analysed == 1
    [finding] = [f for f in result.findings if f.cwe == 89]
    assert finding.line == 12  # the execute call, where the sink is
    # from request.args inside the nested-quote f-string on line 13 to the call on line 12
    assert [step.line for step in finding.path] == [13, 12]


def test_a_file_still_unreadable_is_counted_and_named(tmp_path: Path) -> None:
    (tmp_path / "new.py").write_text(FLASK_312)
    (tmp_path / "py2.py").write_text('print "hello"\n')
    result = scan_paths([tmp_path], builtin_rules())
    assert (result.files, result.analysed, result.unread) == (2, 1, 1)
    [error] = result.errors
    assert error.source == str(tmp_path / "py2.py") and error.location == "line 1"
    assert result.summary() == "1 of 2 files analysed"
    assert any(f.file == str(tmp_path / "new.py") for f in result.findings)


def test_the_module_needs_nothing_newer_than_the_standard_library() -> None:
    """``parse.py`` also runs on 3.12 and 3.13, where it reads 3.14 syntax the same way."""
    python = _reference("3.13")
    if python is None:
        pytest.skip("no Python 3.13 here")
    source = Path(__file__).parents[2] / "src" / "aicc" / "code" / "parse.py"
    script = (
        "import ast, importlib.util, sys\n"
        f"spec = importlib.util.spec_from_file_location('parse', {str(source)!r})\n"
        "m = importlib.util.module_from_spec(spec); sys.modules['parse'] = m\n"
        "spec.loader.exec_module(m)\n"
        "t = m.parse_module('try:\\n    pass\\nexcept A, B:\\n    pass\\nx = t\"{y}\"\\n')\n"
        "print(ast.dump(t.body[0].handlers[0].type), type(t.body[1].value).__name__)\n"
    )
    done = subprocess.run(  # a pyenv interpreter, our own script
        [python, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.split() == [
        "Tuple(elts=[Name(id='A',",
        "ctx=Load()),",
        "Name(id='B',",
        "ctx=Load())],",
        "ctx=Load())",
        "JoinedStr",
    ]
