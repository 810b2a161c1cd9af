"""The taint engine across modules and classes, through containers, past guards, and the
weaknesses that need no attacker input (weak hashes, predictable randomness)."""

from __future__ import annotations

import ast
import gc
import textwrap
from pathlib import Path

import pytest

from aicc.code import (
    CodeRulesError,
    CodeScan,
    analyse_source,
    builtin_rules,
    parse_rules,
    scan_paths,
)
from aicc.code.fold import walk
from aicc.code.guards import safe_regex
from aicc.code.project import module_names
from aicc.code.rules import PatternIndex

RULES = builtin_rules()


def flagged(code: str) -> list[tuple[int, int]]:
    """(cwe, line) of every finding in ``code``."""
    return [
        (f.cwe, f.line) for f in analyse_source(textwrap.dedent(code), "app.py", RULES).findings
    ]


def project(tmp_path: Path, files: dict[str, str]) -> CodeScan:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return scan_paths([tmp_path], RULES)


FLASK = "import os\nfrom flask import Flask, abort, request\napp = Flask(__name__)\n"


def view(body: str) -> str:
    """A Flask view whose ``name`` comes from the query string, then ``body``."""
    return (
        FLASK
        + "\n@app.route('/x')\ndef x():\n    name = request.args['name']\n"
        + textwrap.indent(textwrap.dedent(body), "    ")
    )


# -- across modules -------------------------------------------------------------------------


def test_taint_crosses_modules_through_a_helper_that_builds_the_command(tmp_path: Path) -> None:
    result = project(
        tmp_path,
        {
            "lib/__init__.py": "",
            "lib/text.py": "def command(name):\n    return 'ls ' + name\n",
            "lib/safe.py": "import shlex\ndef command(name):\n    return 'ls ' + "
            "shlex.quote(name)\n",
            "views.py": view(
                "from lib.text import command\nfrom lib import safe\n"
                "os.system(command(name))\nos.system(safe.command(name))\n"
            ),
        },
    )
    assert [(f.cwe, Path(f.file).name, f.line) for f in result.findings] == [(78, "views.py", 10)]
    assert [(Path(s.file).name, s.line) for s in result.findings[0].path] == [
        ("views.py", 7),
        ("views.py", 10),
        ("text.py", 2),
        ("views.py", 10),
    ]


def test_a_sink_inside_another_module_is_reported_there_with_the_path_from_the_view(
    tmp_path: Path,
) -> None:
    result = project(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/run.py": "import subprocess\n\ndef run(cmd):\n    subprocess.run(cmd, "
            "shell=True)\n",
            "pkg/views.py": view("from .run import run\nrun(name)\nrun('uptime')\n"),
        },
    )
    [finding] = result.findings
    assert (Path(finding.file).name, finding.line, finding.cwe) == ("run.py", 4, 78)
    assert Path(finding.path[0].file).name == "views.py"


def test_two_levels_of_helpers_in_two_modules(tmp_path: Path) -> None:
    result = project(
        tmp_path,
        {
            "a.py": 'def quoted(v):\n    return "\'" + v + "\'"\n',
            "b.py": "from a import quoted\n\ndef where(v):\n    return 'WHERE n = ' + quoted(v)\n",
            "views.py": view(
                "import sqlite3\nfrom b import where\n"
                "sqlite3.connect('x').execute('SELECT 1 ' + where(name))\n"
            ),
        },
    )
    assert [(Path(f.file).name, f.cwe) for f in result.findings] == [("views.py", 89)]


def test_module_names_follow_packages_and_the_scanned_folder(tmp_path: Path) -> None:
    (tmp_path / "app" / "sub").mkdir(parents=True)
    for name in ("app/__init__.py", "app/sub/__init__.py", "app/sub/m.py", "loose.py"):
        (tmp_path / name).write_text("")
    assert module_names(tmp_path / "app/sub/m.py", tmp_path).names == ("app.sub.m",)
    assert module_names(tmp_path / "app/sub/m.py", tmp_path / "app").names == ("sub.m", "app.sub.m")
    assert module_names(tmp_path / "app/sub/__init__.py", tmp_path).package == "app.sub"
    assert module_names(tmp_path / "loose.py", None).names == ("loose",)


# -- classes ----------------------------------------------------------------------------------


def test_a_field_set_in_the_constructor_reaches_a_sink_through_a_method() -> None:
    code = FLASK + textwrap.dedent("""
        class Job:
            def __init__(self, target, label):
                self.target = target
                self.label = label
            def command(self):
                return 'ping ' + self.target
            def title(self):
                return 'job ' + self.label

        @app.route('/x')
        def x():
            job = Job(request.args['name'], 'nightly')
            os.system(job.command())
            os.system(job.title())
            os.system('echo ' + job.label)
    """)
    assert flagged(code) == [(78, 17)]


def test_a_setter_taints_the_field_and_a_method_uses_it() -> None:
    code = FLASK + textwrap.dedent("""
        class Box:
            def __init__(self):
                self.value = 'x'
            def put(self, value):
                self.value = value
            def run(self):
                os.system(self.value)

        def view():
            box = Box()
            box.run()
            box.put(request.args['v'])
            box.run()
    """)
    assert flagged(code) == [(78, 11)]
    assert [s.line for s in analyse_source(code, "app.py", RULES).findings[0].path] == [
        16,
        9,
        17,
        11,
    ]


def test_a_field_filled_from_a_source_in_one_method_is_tainted_in_another() -> None:
    code = FLASK + textwrap.dedent("""
        class Handler:
            def load(self):
                self.name = request.args['name']
            def act(self):
                os.system('touch ' + self.name)
    """)
    assert flagged(code) == [(78, 9)]


# -- containers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "found"),
    [
        ("items = ['ls', name]\nos.system(items[0])", False),
        ("items = ['ls', name]\nos.system(items[1])", True),
        ("items = ['ls', name]\nos.system(items[-1])", True),
        (
            "items = ['a']\nitems.append(name)\nitems.append('b')\nitems.pop(0)\n"
            "os.system(items[1])",
            False,
        ),
        ("items = ['a']\nitems.append(name)\nitems.pop(0)\nos.system(items[0])", True),
        ("items = []\nitems.append('ls')\nitems.insert(0, name)\nos.system(items[1])", False),
        ("d = {'a': name, 'b': 'ls'}\nos.system(d['b'])", False),
        ("d = {'a': name, 'b': 'ls'}\nos.system(d.get('a'))", True),
        ("d = {}\nd['x'] = name\nd['y'] = 'ls'\nos.system(d['y'])", False),
        ("d = {}\nd['x'] = name\ndel d['x']\nos.system(str(d))", False),
        ("d = {'a': 'ls'}\nd[name] = 'x'\nos.system(d['a'])", False),
        ("d = {'a': 'ls'}\nd[name[0]] = name\nos.system(d['a'])", True),
        (
            "conf = {}\nconf['job'] = {'note': name, 'cmd': 'ls'}\nos.system(conf['job']['cmd'])",
            False,
        ),
        (
            "conf = {}\nconf['job'] = {'note': name, 'cmd': 'ls'}\nos.system(conf['job']['note'])",
            True,
        ),
        (
            "import configparser\nc = configparser.ConfigParser()\nc.set('s', 'a', name)\n"
            "c.set('s', 'b', 'ls')\nos.system(c.get('s', 'b'))",
            False,
        ),
        (
            "import configparser\nc = configparser.ConfigParser()\nc.set('s', 'a', name)\n"
            "os.system(c.get('s', 'a'))",
            True,
        ),
        ("mode = 2\ncmd = {1: name, 2: 'ls'}[mode]\nos.system(cmd)", False),
        ("items = ['ls']\nif name:\n    items.append(name)\nos.system(items[0])", True),
    ],
)
def test_lists_and_dicts_keep_their_elements_apart(lines: str, found: bool) -> None:
    assert bool(flagged(view(lines))) is found


# -- guards -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "found"),
    [
        ("if name not in {'a', 'b'}:\n    abort(400)\nos.system(name)", False),
        ("if name not in ('a', 'b'):\n    return 'no'\nos.system(name)", False),
        ("if name in ['a', 'b']:\n    os.system(name)", False),
        ("if name in ['a', 'b']:\n    pass\nos.system(name)", True),
        ("if name not in ['a', 'b']:\n    print('unknown')\nos.system(name)", True),
        ("if name == 'report':\n    os.system(name)", False),
        ("if name != 'report':\n    abort(403)\nos.system(name)", False),
        ("if not name.isdigit():\n    abort(400)\nos.system('kill ' + name)", False),
        (
            "import re\nif not re.fullmatch(r'[a-z0-9_-]+', name):\n    abort(400)\n"
            "os.system(name)",
            False,
        ),
        ("import re\nif re.match(r'^[A-Za-z]{1,8}$', name):\n    os.system(name)", False),
        ("import re\nif re.match(r'[a-z]+', name):\n    os.system(name)", True),
        ("import re\nif re.fullmatch(r'.+', name):\n    os.system(name)", True),
        (
            "for item in name.split(','):\n    if item not in ALLOWED:\n        continue\n"
            "    os.system(item)",
            False,
        ),
        ("os.system(name if name in ('a', 'b') else 'ls')", False),
    ],
)
def test_allow_lists_and_checks_clean_the_value_they_guard(lines: str, found: bool) -> None:
    code = view(lines) + "\n\nALLOWED = frozenset({'a', 'b'})\n"
    assert bool(flagged(code)) is found


def test_an_allow_list_bound_at_module_level_is_known_in_functions() -> None:
    code = (
        FLASK + "COMMANDS = {'uptime', 'df'}\n\n@app.route('/r')\ndef r():\n"
        "    cmd = request.args['cmd']\n    if cmd not in COMMANDS:\n        abort(400)\n"
        "    os.system(cmd)\n"
    )
    assert flagged(code) == []
    assert (
        flagged(
            code.replace(
                "COMMANDS = {'uptime', 'df'}", "COMMANDS = set()\nCOMMANDS.add(request.args['x'])"
            )
        )
        != []
    )


@pytest.mark.parametrize(
    ("check", "found"),
    [
        ("if not full.startswith(BASE):\n    abort(403)", False),
        ("if not full.startswith(BASE):\n    print('outside')", True),
        ("", True),
    ],
)
def test_a_normalised_path_is_safe_once_its_prefix_is_checked(check: str, found: bool) -> None:
    code = (
        view(f"full = os.path.realpath(os.path.join(BASE, name))\n{check}\nopen(full).read()")
        + "\nBASE = '/srv/files'\n"
    )
    assert bool(flagged(code)) is found


def test_a_prefix_check_alone_does_not_clean_a_path_that_was_not_normalised() -> None:
    code = (
        view(
            "full = os.path.join(BASE, name)\nif not full.startswith(BASE):\n"
            "    abort(403)\nopen(full)"
        )
        + "\nBASE = '/srv/files'\n"
    )
    assert flagged(code) == [(22, 11)]


@pytest.mark.parametrize(
    ("pattern", "safe"),
    [
        ("^[a-z0-9_-]+$", True),
        (r"\A\w{3,12}\Z", True),
        ("[A-Za-z]+", False),
        ("^.+$", False),
        (r"^\S+$", False),
        ("^[a-z/]+$", False),
        ("^[a-z.]+$", False),
    ],
)
def test_which_regular_expressions_count_as_allow_lists(pattern: str, safe: bool) -> None:
    assert safe_regex(pattern, anchored_start=False, anchored_end=False) is safe


def test_a_match_on_a_constant_runs_only_its_case() -> None:
    code = view(
        "mode = 'safe'\nmatch mode:\n    case 'raw':\n        cmd = name\n"
        "    case _:\n        cmd = 'ls'\nos.system(cmd)"
    )
    assert flagged(code) == []
    assert flagged(code.replace("mode = 'safe'", "mode = 'raw'")) == [(78, 14)]


# -- sources ----------------------------------------------------------------------------------


def test_flask_route_parameters_are_tainted_unless_numeric() -> None:
    code = FLASK + textwrap.dedent("""
        @app.route('/files/<path:name>/<int:size>')
        def files(name, size):
            os.system('head -c %d ' % size + name)
            os.system('head -c %d x' % size)
    """)
    assert flagged(code) == [(78, 7)]


def test_a_wsgi_application_reads_the_environ_and_writes_the_body() -> None:
    code = """
        import os
        from urllib.parse import parse_qs

        def application(environ, start_response):
            query = parse_qs(environ['QUERY_STRING'])
            os.system('ls ' + query['d'][0])
            start_response('200 OK', [])
            return [('<p>%s</p>' % query['q'][0]).encode()]

        def helper(environ):
            os.system(environ['X'])
    """
    assert flagged(code) == [(78, 7), (79, 9)]


@pytest.mark.parametrize(
    "source",
    [
        "conn.recv(1024).decode()",
        "sys.stdin.readline()",
        "input('cmd? ')",
    ],
)
def test_sockets_standard_input_and_the_terminal_are_sources(source: str) -> None:
    code = f"import os, socket, sys\n\ndef serve(conn):\n    data = {source}\n    os.system(data)\n"
    assert flagged(code) == [(78, 5)]


# -- weaknesses without attacker input ----------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "found"),
    [
        ("hashlib.md5(payload.encode())", True),
        ("hashlib.sha1(payload.encode()).hexdigest()", True),
        ("hashlib.md5(payload.encode(), usedforsecurity=False)", False),
        ("hashlib.sha256(payload.encode())", False),
        ("hashlib.new('MD5', payload.encode())", True),
        ("hashlib.new(ALGORITHM, payload.encode())", True),
        ("hashlib.new('sha512', payload.encode())", False),
        ("hashlib.new(algorithm, payload.encode())", False),
        ("hashlib.pbkdf2_hmac('sha1', payload.encode(), b'salt', 1000)", True),
        ("hashlib.pbkdf2_hmac('sha256', payload.encode(), b'salt', 100000)", False),
    ],
)
def test_weak_hashes_are_reported_unless_marked_not_for_security(call: str, found: bool) -> None:
    code = (
        f"import hashlib\nALGORITHM = 'sha1'\n\ndef digest(payload, algorithm):\n"
        f"    return {call}\n"
    )
    assert (flagged(code) == [(328, 5)]) is found


@pytest.mark.parametrize(
    ("lines", "found"),
    [
        ("token = str(random.random())", True),
        ("reset_code = '%06d' % random.randint(0, 999999)", True),
        ("data['csrfToken'] = random.getrandbits(64)", True),
        ("rng = random.Random()\nsession['sid'] = rng.random()", True),
        ("response.set_cookie('remember', str(random.random()), secure=True)", True),
        ("token = secrets.token_hex(16)", False),
        ("token = str(random.SystemRandom().random())", False),
        ("delay = random.random() * 3", False),
        ("random.shuffle(questions)\nsession['order'] = questions", False),
        ("token = name", False),
    ],
)
def test_predictable_random_numbers_used_as_secrets(lines: str, found: bool) -> None:
    code = (
        "import random, secrets\nfrom flask import session\n\n"
        "def issue(response, data, questions, name):\n" + textwrap.indent(lines, "    ") + "\n"
    )
    assert bool([f for f in flagged(code) if f[0] == 330]) is found


def test_a_weak_random_value_returned_by_a_function_named_for_a_secret() -> None:
    code = "import random\n\ndef make_token():\n    return '%x' % random.getrandbits(64)\n"
    assert flagged(code) == [(330, 4)]
    assert flagged(code.replace("make_token", "make_colour")) == []


def test_a_random_value_reaches_no_injection_sink() -> None:
    code = "import os, random\n\ndef f():\n    os.system('sleep %d' % random.randint(1, 5))\n"
    assert flagged(code) == []


@pytest.mark.parametrize(
    ("lines", "found"),
    [
        ("session['user'] = name", True),
        ("session[name] = True", True),
        ("session.update(user=name)", True),  # by keyword: stored all the same
        ("session.update({'user': name})", True),
        ("session['user'] = 'guest'", False),
        ("session['user'] = int(name)", False),
        ("local = {}\nlocal['user'] = name", False),
    ],
)
def test_request_data_stored_in_the_session_crosses_a_trust_boundary(
    lines: str, found: bool
) -> None:
    code = view(lines).replace("from flask import", "from flask import session,")
    assert bool([f for f in flagged(code) if f[0] == 501]) is found


# -- the rules --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("document", "location"),
    [
        ("sources: [{id: s, calls: [x], label: secret}]", "sources[0].label"),
        (
            "sinks: [{id: k, cwe: 1, message: m, calls: [f], when_argument: {-1: [md5]}}]",
            "sinks[0].when_argument.-1",
        ),
        ("sinks: [{id: k, cwe: 1, message: m, stores: x}]", "sinks[0].stores"),
        ("sanitizers: [{id: z, calls: [f], guarded_by: regex}]", "sanitizers[0].guarded_by"),
        ("sinks: [{id: k, cwe: 1, message: m}]", "sinks[0]"),
        (
            "sinks: [{id: k, cwe: 79, message: m, returns_from: ['*.get'], "
            "decorator_keywords: {response_class: html}}]",
            "sinks[0].decorator_keywords.response_class",
        ),
        (
            "sinks: [{id: k, cwe: 79, message: m, calls: [f], args: [0], text_only: 3}]",
            "sinks[0].text_only",
        ),
        ("sources: [{id: s, routed_by: path}]", "sources[0].routed_by"),
    ],
)
def test_the_new_rule_keys_are_validated(document: str, location: str) -> None:
    with pytest.raises(CodeRulesError) as error:
        parse_rules(document, "mine.yaml")
    assert error.value.location == f"{location} (line 1)"


def test_a_user_rule_stores_into_their_own_cache_as_a_trust_boundary() -> None:
    rules = RULES + parse_rules(
        "sinks: [{id: cache, cwe: 501, message: trusted cache, stores: [mycache.CACHE]}]",
        "mine.yaml",
    )
    code = view("from mycache import CACHE\nCACHE['k'] = name\nCACHE['j'] = 'v'")
    found = analyse_source(code, "app.py", rules).findings
    assert [(f.rule, f.line) for f in found] == [("cache", 9)]


def test_the_pattern_index_finds_exact_and_any_receiver_patterns_in_rule_order() -> None:
    index = PatternIndex([(["os.system"], "a"), (["*.execute"], "b"), (["db.execute"], "c")])
    assert index.find("os.system") == ["a"]
    assert index.find("db.execute") == ["b", "c"]
    assert index.find("execute") == []
    assert index.find("cursor.execute") == ["b"]
    deep = PatternIndex([(["*.objects.raw"], "raw")])
    assert deep.find("app.models.User.objects.raw") == ["raw"]
    assert deep.find("cursor.raw") == [] and deep.find("objects.raw") == []


def test_the_pattern_index_answers_a_name_asked_again_the_same() -> None:
    index = PatternIndex([(["*.execute"], "b"), (["db.execute"], "c")])
    assert index.find("db.execute") == ["b", "c"] == index.find("db.execute")
    assert index.find("os.system") == [] == index.find("os.system")


def test_the_tree_walk_gives_the_nodes_ast_walk_gives_in_its_order() -> None:
    tree = ast.parse(
        textwrap.dedent(
            """
            import os
            class A(B, metaclass=M):
                def f(self, x: int = 1, *a, k=2, **kw) -> str:
                    with open(x) as f, g() as h:
                        return f"{x!r:>{k}}" if [y for y in a if y] else {1: (lambda z: z)}
            match v:
                case {"k": [1, *rest]} | C(d=e):
                    pass
            """
        )
    )
    assert [id(n) for n in walk(tree)] == [id(n) for n in ast.walk(tree)]


def test_a_choice_of_rules_is_indexed_once_per_rule_set() -> None:
    rules = builtin_rules()
    shell = [s for s in rules.sinks if s.id == "python-os-command"]
    first = rules.indexes(rules.sources, shell)
    assert rules.indexes(list(rules.sources), list(shell)) is first
    assert first.sink_calls.find("os.system") == shell
    assert rules.indexes(rules.sources, []).sink_calls.find("os.system") == []


@pytest.mark.parametrize("enabled", [True, False])
def test_a_scan_leaves_the_garbage_collector_as_it_found_it(tmp_path: Path, enabled: bool) -> None:
    (tmp_path / "app.py").write_text("import os\nos.system(input())\n", encoding="utf-8")
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        found = scan_paths([tmp_path], RULES).findings
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()
    assert [f.rule for f in found] == ["python-os-command"]


@pytest.mark.parametrize(
    ("lines", "found"),
    [
        ("etree.fromstring(data, etree.XMLParser(resolve_entities=True))", True),
        ("p = etree.XMLParser(resolve_entities=True)\netree.fromstring(data, parser=p)", True),
        ("p = etree.XMLParser(resolve_entities=False)\netree.fromstring(data, p)", False),
        ("etree.fromstring(data)", False),
        ("p = etree.XMLParser(resolve_entities=True)\netree.fromstring('<a/>', p)", False),
        ("ET.fromstring(data)", False),
        (
            "p = xml.sax.make_parser()\np.setFeature(feature_external_ges, True)\np.parse(data)",
            True,
        ),
        (
            "p = xml.sax.make_parser()\n"
            "p.setFeature('http://xml.org/sax/features/external-general-entities', True)\n"
            "p.parse(data)",
            True,
        ),
        (
            "p = xml.sax.make_parser()\np.setFeature(feature_external_ges, False)\np.parse(data)",
            False,
        ),
        (
            "p = xml.sax.make_parser()\nif data:\n    p.setFeature(feature_external_ges, True)\n"
            "p.parse(data)",
            True,
        ),
        (
            "p = xml.sax.make_parser()\np.setFeature(feature_external_ges, True)\n"
            "pulldom.parseString(data, parser=p)",
            True,
        ),
        ("pulldom.parseString(data)", False),
    ],
)
def test_xml_is_an_xxe_only_where_the_parser_reads_external_entities(
    lines: str, found: bool
) -> None:
    code = (
        "import xml.sax\nimport xml.etree.ElementTree as ET\nfrom lxml import etree\n"
        "from xml.dom import pulldom\nfrom xml.sax.handler import feature_external_ges\n"
        "from flask import request\n\ndef upload():\n    data = request.get_data()\n"
        + textwrap.indent(lines, "    ")
        + "\n"
    )
    assert bool([f for f in flagged(code) if f[0] == 611]) is found


@pytest.mark.parametrize(
    ("configured", "location"),
    [
        ("{object: caller, made_by: [m], settings: {a: 1}}", "sinks[0].configured.object"),
        (
            "{object: {position: -2}, made_by: [m], settings: {a: 1}}",
            "sinks[0].configured.object.position",
        ),
        ("{object: receiver, settings: {a: 1}}", "sinks[0].configured"),  # made by nothing
        ("{object: receiver, made_by: [m], settings: {a: 1}, when: x}", "sinks[0].configured.when"),
    ],
)
def test_configured_sinks_are_validated(configured: str, location: str) -> None:
    with pytest.raises(CodeRulesError) as error:
        parse_rules(
            "sinks: [{id: k, cwe: 611, message: m, calls: [f], args: [0], "
            f"configured: {configured}}}]",
            "mine.yaml",
        )
    assert error.value.location == f"{location} (line 1)"


def test_progress_counts_every_file_in_every_round(tmp_path: Path) -> None:
    for name in ("a.py", "b.py", "c.py"):
        (tmp_path / name).write_text("x = 1\n")
    calls: list[tuple[int, int]] = []
    scan_paths([tmp_path], RULES, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(n, 9) for n in range(1, 10)]


# -- more of what real applications do --------------------------------------------------------


def test_a_method_of_an_instance_made_inline_carries_its_fields() -> None:
    code = FLASK + textwrap.dedent("""
        class Prefs:
            def __init__(self, raw, mode='x'):
                self.raw = raw or '{}'
                self.mode = mode
            def load(self):
                return eval(self.raw)
            def kind(self):
                return eval(self.mode)

        @app.route('/p')
        def p():
            Prefs(request.cookies.get('prefs')).load()
            Prefs(request.cookies.get('prefs')).kind()
    """)
    assert flagged(code) == [(95, 10)]


def test_keyword_arguments_reach_a_double_star_parameter_and_extra_ones_a_star() -> None:
    code = FLASK + textwrap.dedent("""
        def build(*parts, **terms):
            return ' '.join(parts) + ''.join('%s=%s' % kv for kv in terms.items())

        @app.route('/b')
        def b():
            v = request.args['v']
            os.system(build('ls', mode=v))
            os.system(build('ls', v))
            os.system(build('ls', '-l', mode='x'))
    """)
    assert flagged(code) == [(78, 11), (78, 12)]


def test_a_lookup_in_a_constant_table_with_get_yields_a_constant_or_the_default() -> None:
    code = (
        view("os.system(TABLE.get(name, 'ls'))\nos.system(TABLE.get(name, name))")
        + "\nTABLE = {'a': 'uptime', 'b': 'df'}\n"
    )
    assert flagged(code) == [(78, 9)]


def test_a_pathlib_path_built_from_request_data_is_a_path_sink() -> None:
    code = "from pathlib import Path\n" + view(
        "target = Path('/srv') / name\ntarget.write_bytes(b'x')\nPath('/srv/a').read_text()"
    )
    assert flagged(code) == [(22, 10)]


def test_rows_read_back_from_the_database_are_not_request_data() -> None:
    code = "import sqlite3\n" + view(
        "cur = sqlite3.connect('x').cursor()\ncur.execute('SELECT id FROM u WHERE n = ?', "
        "(name,))\nrow = cur.fetchone()\nos.system('echo %s' % row[0])"
    )
    assert flagged(code) == []


def test_a_validating_function_cleans_its_argument_where_it_said_yes() -> None:
    code = """
        from django.shortcuts import redirect
        from django.utils.http import url_has_allowed_host_and_scheme

        def after_login(request):
            url = request.GET.get('next', '')
            if not url_has_allowed_host_and_scheme(url, allowed_hosts=None):
                url = '/'
            return redirect(url)

        def unchecked(request):
            return redirect(request.GET.get('next', ''))
    """
    assert flagged(code) == [(601, 12)]


def test_a_pattern_compiled_at_module_level_is_an_allow_list() -> None:
    code = (
        FLASK + "import re\nNAME = re.compile(r'[a-z][a-z0-9_.-]{0,31}')\n\n"
        "@app.route('/u')\ndef u():\n    name = request.args['n']\n"
        "    if not NAME.fullmatch(name):\n        abort(400)\n"
        "    os.system('id ' + name)\n    open('/home/' + name)\n"
    )
    assert flagged(code) == [(22, 13)]  # dots are harmless in a command, not in a path


def test_django_url_parameters_are_tainted_in_the_view_the_pattern_routes(tmp_path: Path) -> None:
    result = project(
        tmp_path,
        {
            "site/__init__.py": "",
            "site/views.py": """
            from django.http import HttpResponse

            def card(request, username, page):
                return HttpResponse('<h3>%s</h3><p>%d</p>' % (username, page))

            def helper(request, text):
                return HttpResponse(text)
        """,
            "site/urls.py": """
            from django.urls import path
            from . import views

            urlpatterns = [path('u/<str:username>/<int:page>', views.card)]
        """,
        },
    )
    assert [(Path(f.file).name, f.line, f.cwe) for f in result.findings] == [("views.py", 5, 79)]


def test_a_library_rule_applies_where_a_helper_module_hands_out_its_objects(tmp_path: Path) -> None:
    result = project(
        tmp_path,
        {
            "ldapconn.py": "from ldap3 import Connection\n\ndef connect():\n"
            "    return Connection('ldap://x')\n",
            "views.py": view(
                "from ldapconn import connect\n"
                "connect().search('dc=x', '(uid=%s)' % name)\n"
                "import re\nre.search('(uid=%s)' % name, 'text')"
            ),
            "other.py": "import re\nfrom flask import request\n\ndef f():\n"
            "    re.search('x', request.args['q'])\n",
        },
    )
    assert [(Path(f.file).name, f.cwe) for f in result.findings] == [("views.py", 90)]


def test_a_parser_kept_in_a_field_is_judged_by_how_it_was_built() -> None:
    code = """
        from lxml import etree
        from flask import request

        class Importer:
            def __init__(self, resolve):
                self.parser = etree.XMLParser(resolve_entities=True)
                self.safe = etree.XMLParser(resolve_entities=False)
            def load(self, data):
                return etree.parse(data, self.parser)
            def load_safely(self, data):
                return etree.parse(data, self.safe)

        def upload():
            Importer(1).load(request.files['f'])
            Importer(1).load_safely(request.files['f'])
    """
    assert flagged(code) == [(611, 10)]


@pytest.mark.parametrize(
    ("call", "cwes"),
    [
        ("Markup('<p>%s</p>' % name)", [79]),
        ("render_template_string('<p>' + name + '</p>')", [79, 94]),
        ("render_template_string('<p>{{ n }}</p>', n=name)", []),
    ],
)
def test_markup_and_templates_built_from_request_data(call: str, cwes: list[int]) -> None:
    code = view(f"x = {call}").replace(
        "from flask import",
        "from markupsafe import Markup\nfrom flask import render_template_string,",
    )
    assert sorted(cwe for cwe, _ in flagged(code)) == cwes


def test_starlette_redirects_and_html_responses() -> None:
    code = """
        from fastapi import FastAPI, Request
        from fastapi.responses import HTMLResponse, RedirectResponse
        app = FastAPI()

        @app.get('/go')
        def go(to: str, request: Request):
            RedirectResponse('/home')
            HTMLResponse('<p>%s</p>' % request.query_params.get('q'))
            return RedirectResponse(to)
    """
    assert flagged(code) == [(79, 9), (601, 10)]


# -- more frameworks, and how objects are found -----------------------------------------------


def test_celery_task_arguments_are_message_data() -> None:
    code = (
        "import os\nfrom celery import shared_task\n\n@shared_task\ndef job(message):\n"
        "    os.system('convert ' + message['file'])\n\ndef helper(message):\n"
        "    os.system('convert ' + message['file'])\n"
    )
    assert flagged(code) == [(78, 6)]


def test_tornado_handlers_read_arguments_and_redirect_or_write() -> None:
    code = """
        import tornado.web

        class Handler(tornado.web.RequestHandler):
            def get(self):
                target = self.get_argument('next', '/')
                self.write({'next': target})
                self.write('<p>%s</p>' % target)
                self.redirect(target)
    """
    assert flagged(code) == [(79, 8), (601, 9)]


def test_aiohttp_html_responses_and_session_stores() -> None:
    code = """
        from aiohttp import web
        from aiohttp_session import get_session

        async def view(request):
            data = await request.post()
            session = await get_session(request)
            session['email'] = data.get('email')
            local = {}
            local['email'] = data.get('email')
            web.Response(text='<p>%s</p>' % data['q'])
            return web.Response(text='<p>%s</p>' % data['q'], content_type='text/html')
    """
    assert flagged(code) == [(501, 8), (79, 12)]


@pytest.mark.parametrize(
    ("command", "found"),
    [
        ("['sh', '-c', 'git log ' + name]", True),
        ("['/bin/bash', '-c', name]", True),
        ("['git', 'log', name]", False),
        ("['sh', name]", False),
    ],
)
def test_a_command_list_that_hands_a_script_to_a_shell_is_a_shell_command(
    command: str, found: bool
) -> None:
    assert bool(flagged("import subprocess\n" + view(f"subprocess.run({command})"))) is found


def test_a_method_only_one_class_defines_is_found_on_an_object_of_unknown_type(
    tmp_path: Path,
) -> None:
    result = project(
        tmp_path,
        {
            "repo.py": "class Users:\n    def __init__(self, db):\n        self.db = db\n"
            "    def search_by_name(self, name):\n"
            "        return self.db.execute(\"SELECT * FROM u WHERE n = '%s'\" % name)\n",
            "service.py": "class Service:\n    def __init__(self, repo):\n        self.repo = "
            "repo\n"
            "    def lookup(self, term):\n"
            "        return self.repo.search_by_name(term)\n",
            "views.py": view(
                "from repo import Users\nfrom service import Service\n"
                "Service(Users(None)).lookup(name)"
            ),
        },
    )
    assert [(Path(f.file).name, f.line, f.cwe) for f in result.findings] == [("repo.py", 5, 89)]


def test_a_parameter_annotated_with_a_class_of_the_scan_is_an_instance_of_it() -> None:
    code = """
        import os
        from fastapi import Depends, FastAPI
        app = FastAPI()

        class Runner:
            def launch(self, name):
                os.system('start ' + name)

        @app.get('/r')
        def r(name: str, runner: Runner = Depends(Runner)):
            runner.launch(name)
    """
    assert flagged(code) == [(78, 8)]


def test_allow_lists_and_tables_of_other_modules_and_built_at_load_time(tmp_path: Path) -> None:
    result = project(
        tmp_path,
        {
            "config.py": "SORTABLE = {'name', 'age'}\nDEPTS = {'it': 'IT', 'hr': 'HR'}\n"
            "ZONES = frozenset(sorted(['UTC', 'CET']))\n",
            "views.py": view(
                "import sqlite3\nfrom config import SORTABLE, DEPTS, ZONES\n"
                "db = sqlite3.connect('x')\n"
                "if name not in SORTABLE:\n    name = 'name'\n"
                "db.execute('SELECT * FROM u ORDER BY ' + name)\n"
                "dept = DEPTS.get(request.args['d'])\n"
                "db.execute('SELECT * FROM u WHERE d = \\'%s\\'' % dept)\n"
                "zone = request.args['z']\n"
                "if zone in ZONES:\n    db.execute('SET TIME ZONE ' + zone)\n"
                "db.execute('SET TIME ZONE ' + zone)"
            ),
        },
    )
    assert [(Path(f.file).name, f.line) for f in result.findings] == [("views.py", 19)]


@pytest.mark.parametrize(
    "lines",
    [
        "full = os.path.realpath(os.path.join(BASE, name))\n"
        "if os.path.commonpath([BASE, full]) != BASE:\n    abort(403)\nopen(full)",
        "full = (Path(BASE) / name).resolve()\nif not full.is_relative_to(BASE):\n    abort(403)\n"
        "full.read_text()",
    ],
)
def test_commonpath_and_is_relative_to_are_prefix_checks(lines: str) -> None:
    code = "from pathlib import Path\n" + view(lines) + "\nBASE = '/srv/files'\n"
    assert flagged(code) == []
    unchecked = "\n".join(
        line for line in lines.splitlines() if not line.startswith(("if ", "    abort"))
    )
    assert [
        cwe
        for cwe, _ in flagged(
            "from pathlib import Path\n" + view(unchecked) + "\nBASE = '/srv/files'\n"
        )
    ] == [22]


def test_a_validator_the_application_names_as_such_cleans_what_it_accepts() -> None:
    code = FLASK.replace("import os", "import os\nfrom flask import redirect") + textwrap.dedent("""
        def is_safe_redirect(url):
            return url.startswith('/') and not url.startswith('//')

        @app.route('/next')
        def nxt():
            target = request.args.get('next', '')
            if not is_safe_redirect(target):
                target = '/'
            redirect(target)
            return redirect(request.args['other'])
    """)
    assert [cwe for cwe, _ in flagged(code)] == [601]


def test_the_user_django_authenticates_is_server_data() -> None:
    code = """
        from django.contrib.auth import authenticate
        from django.http import HttpResponse

        def login_view(request):
            user = authenticate(request, username=request.POST['u'], password=request.POST['p'])
            request.session['name'] = user.get_full_name()
            request.session['raw'] = request.POST['u']
            return HttpResponse('ok')
    """
    assert flagged(code) == [(501, 8)]


def test_request_data_kept_on_flask_g_is_tainted_where_a_view_reads_it(tmp_path: Path) -> None:
    result = project(
        tmp_path,
        {
            "hooks.py": "from flask import g, request\n\ndef before():\n"
            "    g.term = request.args.get('q', '')\n    g.page = 1\n",
            "views.py": "import os\nfrom flask import g\n\ndef search():\n"
            "    os.system('grep ' + g.term)\n    os.system('echo %d' % g.page)\n",
        },
    )
    assert [(Path(f.file).name, f.line) for f in result.findings] == [("views.py", 5)]
    assert Path(result.findings[0].path[0].file).name == "hooks.py"


@pytest.mark.parametrize(
    ("header", "line", "cwe"),
    [
        ("from django.utils.safestring import mark_safe", "mark_safe('<b>%s</b>' % name)", 79),
        ("from django.db import models", "models.User.objects.raw('SELECT * WHERE n=' + name)", 89),
        ("from fastapi.responses import FileResponse", "FileResponse('/srv/' + name)", 22),
        ("import asyncio", "asyncio.create_subprocess_shell('ls ' + name)", 78),
        ("import jsonpickle", "jsonpickle.decode(name)", 502),
    ],
)
def test_more_sinks_of_the_frameworks(header: str, line: str, cwe: int) -> None:
    code = f"{header}\nimport sys\n\ndef main():\n    name = sys.argv[1]\n    {line}\n"
    assert flagged(code) == [(cwe, 6)]


def test_psycopg_identifiers_are_quoted_by_the_driver() -> None:
    code = view(
        "from psycopg import sql\nimport psycopg\n"
        "q = sql.SQL('SELECT * FROM {}').format(sql.Identifier(name))\n"
        "psycopg.connect('').execute(q)\n"
        "psycopg.connect('').execute('SELECT * FROM ' + name)"
    )
    assert flagged(code) == [(89, 12)]


def test_class_based_django_views_read_the_request_and_url_values_on_self() -> None:
    code = """
        import os
        from django.views import View
        from django.http import HttpResponse

        class Export(View):
            def get(self, request, *args, **kwargs):
                os.system('export ' + self.kwargs['name'])
                os.system('export ' + self.request.GET['fmt'])
                return HttpResponse('ok')
    """
    assert flagged(code) == [(78, 8), (78, 9)]


# -- what suite C's first run showed (after it was measured) ----------------------------------


def test_each_input_of_a_helper_keeps_its_own_sanitising() -> None:
    code = FLASK + textwrap.dedent("""
        def clean_int(value, default=0):
            try:
                return int(value)
            except ValueError:
                return default

        def label(kind, value):
            return kind + ': ' + str(int(value))

        @app.route('/c')
        def c():
            n = clean_int(request.args['n'], default=3)
            os.system('sleep %d' % n)
            os.system(label('count', request.args['n']))
            os.system(label(request.args['k'], 1))
    """)
    assert flagged(code) == [(78, 19)]


def test_a_parser_made_at_module_level_is_judged_by_how_it_was_built() -> None:
    code = """
        from flask import request
        from lxml import etree
        PARSER = etree.XMLParser(resolve_entities=True)
        SAFE = etree.XMLParser(resolve_entities=False)

        def upload():
            etree.parse(request.files['f'], PARSER)
            etree.parse(request.files['f'], SAFE)
    """
    assert flagged(code) == [(611, 8)]


@pytest.mark.parametrize(
    ("definition", "found"),
    [
        ("class Form(forms.Form):\n    rule = forms.CharField()", True),
        ("@dataclass\nclass Form:\n    rule: str", True),
        ("class Form:\n    def __init__(self, data):\n        self.other = 'x'", False),
        ("class Form(enum.Enum):\n    A = 'a'", False),
    ],
)
def test_what_an_instance_keeps_of_its_arguments(definition: str, found: bool) -> None:
    code = (
        "import enum\nfrom dataclasses import dataclass\nfrom django import forms\n"
        f"{definition}\n\ndef view(request):\n    form = Form(request.POST['r'])\n"
        "    eval(form.rule if hasattr(form, 'rule') else form.value)\n"
    )
    assert bool(flagged(code)) is found


def test_rows_an_execute_returns_and_bytes_pickle_dumps_made_are_not_request_data() -> None:
    code = view(
        "import sqlite3, pickle\n"
        "rows = sqlite3.connect('x').execute('SELECT * FROM t WHERE n = ?', (name,))\n"
        "os.system('echo ' + str(list(rows)))\n"
        "pickle.loads(pickle.dumps({'n': name}))\npickle.loads(name.encode())"
    )
    assert flagged(code) == [(502, 12)]


def test_an_error_handler_returns_a_page() -> None:
    code = (
        FLASK + "\n@app.errorhandler(404)\ndef missing(error):\n"
        "    return '<p>' + request.path + '</p>', 404\n"
    )
    assert flagged(code) == [(79, 7)]


def test_fastapi_routes_that_answer_html_return_pages() -> None:
    code = """
        from fastapi import FastAPI
        from fastapi.responses import HTMLResponse
        app = FastAPI()

        @app.get('/card', response_class=HTMLResponse)
        def card(title: str):
            return '<h3>%s</h3>' % title

        @app.get('/json')
        def data(title: str):
            return '<h3>%s</h3>' % title
    """
    assert flagged(code) == [(79, 8)]


def test_a_nested_function_reads_the_tainted_names_of_the_function_around_it() -> None:
    code = view("""
        def run():
            os.system('grep ' + name)
        def other(name):
            os.system('echo ' + name.strip())
        run()
        other('x')
    """)
    assert flagged(code) == [(78, 10)]
