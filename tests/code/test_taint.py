"""The taint engine: the labelled corpus is the specification, then one behaviour per test."""

from __future__ import annotations

import ast
import csv
import functools
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aicc.code import (
    CodeRulesError,
    CodeScan,
    RuleSet,
    analyse_source,
    builtin_rules,
    fold_constant,
    load_rules,
    parse_rules,
    scan_paths,
)

CORPUS = Path(__file__).parent / "corpus"
HELPERS = "helpers"
RULES = builtin_rules()


def _expected() -> list[tuple[str, str, bool, int]]:
    with (CORPUS / "expected.csv").open() as handle:
        rows = [r for r in csv.reader(handle) if r and not r[0].startswith("#")]
    return [(name, category, real == "true", int(cwe)) for name, category, real, cwe in rows]


def _is_helper(path: Path) -> bool:
    """Shared modules under ``helpers/`` are scanned (taint goes through them) but not labelled."""
    return HELPERS in path.relative_to(CORPUS).parts[:-1]


@functools.cache
def _resolved(file: str) -> Path:
    return Path(file).resolve()


def _in_case(file: str, name: str) -> bool:
    """Whether ``file`` (of a finding or of a step of its path) is the case's own file."""
    return _resolved(file) == _resolved(str(CORPUS / f"{name}.py"))


def scan(code: str, rules: RuleSet = RULES) -> CodeScan:
    return analyse_source(textwrap.dedent(code), "app.py", rules)


def flagged(code: str) -> list[tuple[int, int]]:
    """(cwe, line) of every finding in ``code``."""
    return [(f.cwe, f.line) for f in scan(code).findings]


@pytest.fixture(scope="module")
def corpus_scan() -> CodeScan:
    return scan_paths([CORPUS], RULES)


def test_the_corpus_has_every_file_labelled_and_nothing_else(corpus_scan: CodeScan) -> None:
    files = sorted(CORPUS.rglob("*.py"))
    cases = [p for p in files if not _is_helper(p)]
    labels = [row[0] for row in _expected()]
    assert len(labels) == len(set(labels)), "every case is labelled once"
    assert {p.relative_to(CORPUS).with_suffix("").as_posix() for p in cases} == set(labels)
    assert corpus_scan.files == len(files)
    assert corpus_scan.errors == ()


@pytest.mark.parametrize(
    ("name", "category", "real", "cwe"), _expected(), ids=[row[0] for row in _expected()]
)
def test_corpus_case(corpus_scan: CodeScan, name: str, category: str, real: bool, cwe: int) -> None:
    # the sink may sit in a helper module: a finding counts when its path runs through the case
    related = [
        f
        for f in corpus_scan.findings
        if _in_case(f.file, name) or any(_in_case(s.file, name) for s in f.path)
    ]
    assert any(f.cwe == cwe for f in related) is real, related
    own = [f for f in corpus_scan.findings if _in_case(f.file, name)]
    assert all(f.cwe == cwe for f in own), f"no finding of another category either: {own}"


def test_a_finding_records_the_path_from_source_to_sink(corpus_scan: CodeScan) -> None:
    [finding] = [f for f in corpus_scan.findings if Path(f.file).stem == "sqli_flask_percent"]
    assert (finding.cwe, finding.line, finding.rule) == (89, 12, "python-sql-execute")
    assert [(s.line, s.code) for s in finding.path] == [
        (10, 'customer = request.args.get("customer", "")'),
        (11, "sql = \"SELECT id, total FROM orders WHERE customer = '%s'\" % customer"),
        (12, 'rows = sqlite3.connect("shop.db").execute(sql).fetchall()'),
    ]


def test_the_path_goes_through_a_helper_of_the_same_module(corpus_scan: CodeScan) -> None:
    [finding] = [
        f for f in corpus_scan.findings if Path(f.file).stem == "sqli_django_fstring_helper"
    ]
    assert [s.line for s in finding.path] == [11, 13, 6, 7, 13]


@pytest.mark.parametrize(
    ("expression", "value"),
    [
        ("7 * 42 - 106 > 200", False),
        ("7 * 42 - 106 < 200", True),
        ("False", False),
        ("not 0", True),
        ("1 < 2 < 3", True),
        ("3 > 2 > 5", False),
        ("(5 % 3) == 2 and 10 // 4 == 2", True),
        ("'a' + 'b' == 'ab'", True),
        ("-4 + 1", -3),
    ],
)
def test_constant_folding(expression: str, value: object) -> None:
    assert fold_constant(ast.parse(expression, mode="eval").body) == value


@pytest.mark.parametrize(
    "expression",
    [
        "x > 1",
        "f()",
        "9 ** 9 ** 9",
        "'a' * 1000000000",
        "10**12 * 10**12 * 10**12 > 1",
        "'%s' % 1",
        "1 / 0 > 1",
        "'a' < 1",
    ],
)
def test_what_is_not_folded(expression: str) -> None:
    assert not isinstance(
        fold_constant(ast.parse(expression, mode="eval").body), (bool, int, float, str)
    )


SOURCE = "import os, sys\n\ndef main():\n    x = sys.argv[1]\n"


@pytest.mark.parametrize(
    ("lines", "sink_line"),
    [
        ("os.system(x)", 5),
        ("y = 'ls ' + x\n    os.system(y)", 6),
        ("y = 'ls '\n    y += x\n    os.system(y)", 7),
        ("y = f'ls {x}'\n    os.system(y)", 6),
        ("y = 'ls %s' % (x,)\n    os.system(y)", 6),
        ("y = 'ls {}'.format(x)\n    os.system(y)", 6),
        ("d = {'cmd': x}\n    os.system(d['cmd'])", 6),
        ("d = {}\n    d['cmd'] = x\n    os.system(d['cmd'])", 7),
        ("a, b = x, 'z'\n    os.system(a)", 6),
        ("items = [p.strip() for p in x.split(',')]\n    os.system(items[0])", 6),
        ("y = x.upper()\n    os.system(y)", 6),
        ("for part in x.split():\n        os.system(part)", 6),
        ("if len(x) > 3:\n        y = x\n    else:\n        y = 'ls'\n    os.system(y)", 9),
        ("os.system(x if x else 'ls')", 5),
    ],
)
def test_taint_propagates(lines: str, sink_line: int) -> None:
    assert flagged(SOURCE + "    " + lines + "\n") == [(78, sink_line)]


@pytest.mark.parametrize(
    "lines",
    [
        "x = 'ls'\n    os.system(x)",
        "x = int(x)\n    os.system('kill %d' % x)",
        "if 7 * 42 - 106 > 200:\n        os.system(x)",
        "if False:\n        os.system(x)",
        "while 0:\n        os.system(x)",
        "mode = 3\n    if mode > 5:\n        os.system(x)",
        "os.system('ls ' + ('-l' if x else '-a'))",
        "os.system(str(x == 'y'))",
        "os.system(x) if 2 < 1 else None",
        "del x\n    os.system(x)",
        "y = 'ls ' + x\n    y = 'ls'\n    os.system(y)",
    ],
)
def test_paths_that_cannot_carry_taint_are_not_flagged(lines: str) -> None:
    assert flagged(SOURCE + "    " + lines + "\n") == []


def test_a_sanitiser_cleans_only_for_its_own_weakness() -> None:
    code = SOURCE + "    q = shlex.quote(x)\n    os.system('ls ' + q)\n    eval(q)\n"
    assert flagged("import shlex\n" + code) == [(95, 8)]


def test_taint_reaches_a_sink_inside_a_helper_of_the_same_module() -> None:
    code = """
        import os
        from flask import request

        def run(command):
            os.system(command)

        def view():
            run(request.args["c"])
            run("uptime")
    """
    [finding] = scan(code).findings
    assert (finding.cwe, finding.line) == (78, 6)
    assert [s.line for s in finding.path] == [9, 6]


def test_a_helper_that_returns_a_constant_does_not_carry_taint() -> None:
    code = """
        import os
        from flask import request

        def pick(value):
            return "uptime"

        def view():
            os.system(pick(request.args["c"]))
    """
    assert scan(code).findings == ()


def test_imports_are_resolved_through_aliases() -> None:
    code = """
        import subprocess as sp
        from os import environ as env
        from pickle import loads

        def job():
            sp.check_output("convert " + env["QUERY_STRING"], shell=True)
            loads(env.get("HTTP_X_STATE").encode())
    """
    assert flagged(code) == [(78, 7), (502, 8)]


def test_a_module_that_does_not_parse_is_an_error_with_its_line() -> None:
    result = scan("def broken(:\n    pass\n")
    assert result.findings == ()
    assert [(e.stage, e.source, e.line) for e in result.errors] == [("code", "app.py", 1)]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "x = request.args['a']\n",
                "os.system(x)\n",
                "if 7 * 42 > 3:\n",
                "    ",
                "def f(y):\n",
                "return y\n",
                "for i in x:\n",
                "eval(",
                ")",
                "f'{x}'",
                " + ",
                "while True:\n",
                "\t",
                "\x00",
                "x = f(x)\n",
                "lambda: x",
                "[x for x in y]",
                "class A:\n",
                "9 ** 9 ** 9 ** 9",
                '"',
            ]
        ),
        max_size=30,
    ).map("".join)
    | st.text(max_size=200)
)
def test_any_source_text_is_scanned_without_raising(text: str) -> None:
    result = analyse_source("import os\nfrom flask import request\n" + text, "fuzz.py", RULES)
    assert result.files == 1


def test_a_user_adds_a_framework_with_a_yaml_file(tmp_path: Path) -> None:
    (tmp_path / "bottle.yaml").write_text(
        textwrap.dedent("""
        name: bottle
        sources:
          - id: bottle-request
            attributes: [bottle.request.query, bottle.request.forms]
        sinks:
          - id: bottle-template
            cwe: 94
            message: A template is built from untrusted data.
            calls: [bottle.template]
            args: [0]
    """)
    )
    code = """
        from bottle import request, template

        def hello():
            return template("Hello " + request.query.name)
    """
    assert scan(code).findings == ()
    assert [(f.rule, f.line) for f in scan(code, load_rules([tmp_path])).findings] == [
        ("bottle-template", 5)
    ]


@pytest.mark.parametrize(
    ("document", "location", "message"),
    [
        ("sources: {}", "sources", "expected a list"),
        (
            "sinks:\n  - id: s\n    cwe: eighty-nine\n    message: m\n    calls: [x]\n    args: "
            "[0]",
            "sinks[0].cwe",
            "positive integer",
        ),
        (
            "sinks:\n  - id: s\n    cwe: 89\n    message: m\n    calls: [x]",
            "sinks[0]",
            "needs args or keywords",
        ),
        (
            "sinks:\n  - id: s\n    cwe: 89\n    message: m\n    calls: [x]\n    args: [first]",
            "sinks[0].args",
            "non-negative integers",
        ),
        (
            "sources:\n  - id: s\n    attributes: [a]\n    call: [b]",
            "sources[0].call",
            "unknown key",
        ),
        ("sources:\n  - id: s", "sources[0]", "needs attributes or calls"),
        ("sanitizers:\n  - calls: [int]", "sanitizers[0].id", "missing required key"),
        ("frameworks: []", "frameworks (line 1)", "unknown key"),
        ("- just\n- a list", "(document)", "expected a mapping"),
        ("sources: [", "line 1", "not valid YAML"),
    ],
)
def test_rules_errors_name_the_file_and_the_key(document: str, location: str, message: str) -> None:
    with pytest.raises(CodeRulesError) as raised:
        parse_rules(document, "rules/custom.yaml")
    assert raised.value.path == "rules/custom.yaml"
    assert raised.value.location is not None and raised.value.location.startswith(location)
    assert message in raised.value.message


def test_the_shipped_rules_cover_every_weakness_the_issue_names() -> None:
    assert {s.cwe for s in RULES.sinks} == {
        22,
        78,
        79,
        89,
        90,
        94,
        95,
        328,
        330,
        501,
        502,
        601,
        611,
        614,
        643,
    }


def test_a_sink_with_imports_applies_only_where_its_library_is_imported() -> None:
    code = """
        {imports}
        from flask import request

        def find():
            conn.search("dc=example,dc=org", "(uid=" + request.args["u"] + ")")
    """
    assert flagged(code.format(imports="import re")) == []
    assert flagged(code.format(imports="import ldap3")) == [(90, 6)]


@pytest.mark.parametrize(
    ("call", "found"),
    [
        ("response.set_cookie('k', 'v')", True),
        ("response.set_cookie('k', 'v', secure=False)", True),
        ("response.set_cookie('k', 'v', secure=0)", True),
        ("response.set_cookie('k', 'v', secure=True)", False),
        ("response.set_cookie('k', 'v', secure=settings.COOKIE_SECURE)", False),
        ("response.set_cookie('k', 'v', **COOKIE_OPTIONS)", False),
        ("make_response('ok').set_signed_cookie('k', 'v')", True),
    ],
)
def test_a_cookie_needs_secure_true_taint_or_not(call: str, found: bool) -> None:
    code = f"from flask import make_response\n\ndef view(response):\n    {call}\n"
    assert flagged(code) == ([(614, 4)] if found else [])


def test_set_cookie_outside_a_web_framework_is_not_a_cookie_finding() -> None:
    assert (
        flagged("import http.cookiejar\njar = http.cookiejar.CookieJar()\njar.set_cookie(cookie)\n")
        == []
    )


def test_a_cookie_set_inside_a_helper_is_reported_once() -> None:
    code = """
        from flask import request

        def remember(response, value):
            response.set_cookie("last", value)

        def view(response):
            remember(response, request.args["q"])
    """
    assert [(f.cwe, f.line) for f in scan(code).findings] == [(614, 5)]


def test_fastapi_parameters_are_tainted_except_dependencies_and_framework_objects() -> None:
    code = """
        import os
        from fastapi import Depends, FastAPI, Request

        app = FastAPI()

        @app.get("/run")
        def run(cmd: str, request: Request, tool=Depends(get_tool), *, flag: str = "-l"):
            os.system(tool)
            os.system(request.app.state.default)
            os.system(cmd)
            os.system(flag)
            return cmd

        def helper(cmd):
            os.system("ls")
    """
    assert flagged(code) == [(78, 11), (78, 12)]


def test_rules_for_the_new_keys_are_validated() -> None:
    with pytest.raises(CodeRulesError) as raised:
        parse_rules(
            "sinks:\n  - id: s\n    cwe: 614\n    message: m\n    calls: [x]\n"
            "    requires_keywords: {secure: [true]}",
            "r.yaml",
        )
    assert raised.value.location == "sinks[0].requires_keywords.secure (line 6)"
    rules = parse_rules(
        "sources:\n  - id: p\n    parameters_of: ['*.get']\n"
        "sinks:\n  - id: s\n    cwe: 614\n    message: m\n    calls: [x]\n"
        "    requires_keywords: {secure: true}\n    imports: [flask]",
        "r.yaml",
    )
    assert rules.sources[0].parameters_of == ("*.get",)
    assert rules.sinks[0].requires_keywords == (("secure", True),)
    assert rules.sinks[0].imports == ("flask",)
