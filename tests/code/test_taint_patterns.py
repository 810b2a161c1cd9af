"""Patterns of code written by others (issue 16 item 2): one behaviour per test, each a class
of code the engine reads, with its safe twin."""

from __future__ import annotations

import ast
import textwrap

import pytest

from aicc.code import analyse_source, builtin_rules, fold_constant
from aicc.code.fold import NOT_CONSTANT, fixes_host

RULES = builtin_rules()


def flagged(code: str) -> list[tuple[int, int]]:
    """(cwe, line) of every finding in ``code``."""
    scan = analyse_source(textwrap.dedent(code), "app.py", RULES)
    return [(f.cwe, f.line) for f in scan.findings]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ('len("cups") > 5', False),
        ('"md" + str(2 + 3)', "md5"),
        ('"variables".startswith("string")', False),
        ('"Prod".lower() == "prod"', True),
        ("max(2, 7) - min(4, 1)", 6),
        ('int("12") * 2', 24),
    ],
)
def test_pure_builtins_and_text_methods_fold_over_constants(text: str, value: object) -> None:
    assert fold_constant(ast.parse(text, mode="eval").body) == value


@pytest.mark.parametrize("text", ["len(items)", 'open("x")', 'int("x")', 'x.startswith("a")'])
def test_calls_over_data_or_with_effects_do_not_fold(text: str) -> None:
    assert fold_constant(ast.parse(text, mode="eval").body) is NOT_CONSTANT


def test_a_branch_decided_by_a_folded_builtin_is_walked_on_its_live_side_only() -> None:
    code = """
    import os, sys
    LEGACY = len("cups") > 5
    def main():
        if LEGACY:
            os.system("lpstat " + sys.argv[1])
    """
    assert flagged(code) == []
    assert flagged(code.replace("> 5", "< 5")) == [(78, 6)]


def test_a_weak_hash_named_by_a_folded_constant_is_reported() -> None:
    code = """
    import hashlib
    NAME = "md" + str(2 + 3)
    def digest(payload):
        return hashlib.new(NAME, payload.encode()).hexdigest()
    """
    assert flagged(code) == [(328, 5)]
    assert flagged(code.replace("2 + 3", "2 + 254")) == []  # "md256" is no weak name


def test_an_argument_vector_made_by_list_or_shlex_split_runs_no_shell() -> None:
    code = """
    import shlex, subprocess, sys
    def run(argv):
        return subprocess.run(list(argv), capture_output=True)
    def main():
        run(["ping", sys.argv[1]])
        subprocess.run(shlex.split("ls " + sys.argv[1]))
        words = tuple(sys.argv[1:])
        subprocess.call(words)
    """
    assert flagged(code) == []
    assert flagged(code.replace("list(argv)", "argv[0]")) == [(78, 4)]


def test_argparse_arguments_are_what_the_command_line_typed() -> None:
    code = """
    import argparse, os
    def main(argv=None):
        parser = argparse.ArgumentParser()
        parser.add_argument("--label")
        args = parser.parse_args(argv)
        os.system("tar czf %s.tgz ." % args.label)
    """
    assert flagged(code) == [(78, 7)]
    assert flagged(code.replace("args.label", "'nightly'")) == []


def test_format_html_escapes_what_it_inserts() -> None:
    code = """
    from django.http import HttpResponse
    from django.utils.html import format_html
    def view(request):
        return HttpResponse(format_html("<p>{}</p>", request.GET["q"]))
    """
    assert flagged(code) == []
    assert flagged(code.replace('format_html("<p>{}</p>", ', "(")) == [(79, 5)]


@pytest.mark.parametrize(
    ("target", "reported"),
    [
        ('"/billing?tab=" + quote(tab)', False),
        ('f"/billing/{tab}"', False),
        ('"/billing/{}".format(tab)', False),
        ('"https://pay.example/return?tab=%s" % tab', False),
        ("tab", True),
        ('"/" + tab', True),  # "//evil.example" names another host
        ('"https://pay.example" + tab', True),  # ".evil.example" extends the host
        ('f"{tab}/billing"', True),
    ],
)
def test_a_redirect_to_a_path_or_host_the_code_fixed_is_not_open(
    target: str, reported: bool
) -> None:
    code = f"""
    from urllib.parse import quote
    from flask import Flask, redirect, request
    app = Flask(__name__)
    @app.post("/pay")
    def pay():
        tab = request.form["tab"]
        return redirect({target})
    """
    assert flagged(code) == ([(601, 8)] if reported else [])


def test_fixes_host_reads_the_prefix() -> None:
    assert [fixes_host(p) for p in ["/a", "/", "//a", "/\\a", "https://h/", "https://h", None]] == [
        True,
        False,
        False,
        False,
        True,
        False,
        False,
    ]


def test_a_match_case_capture_carries_what_the_subject_carries() -> None:
    code = """
    import json, os, sys
    def target(token):
        match json.loads(token):
            case {"return": str(where)} if where:
                return where
            case [first, *rest]:
                return first
            case _:
                return "/"
    def main():
        os.system("open " + target(sys.argv[1]))
    """
    assert flagged(code) == [(78, 12)]
    assert flagged(code.replace("return where", 'return "/a"').replace("first\n", '"/b"\n')) == []


def test_a_parser_made_by_a_factory_function_is_configured_as_the_factory_made_it() -> None:
    code = """
    from flask import Flask, request
    from lxml import etree
    app = Flask(__name__)
    def feed_parser():
        return etree.XMLParser(load_dtd=True, resolve_entities=True)
    @app.post("/feed")
    def feed():
        parser = feed_parser()
        return str(etree.fromstring(request.data, parser))
    """
    assert flagged(code) == [(611, 10)]
    assert flagged(code.replace("resolve_entities=True", "resolve_entities=False")) == []


def test_a_helper_that_stores_into_the_container_it_is_given_reaches_the_session() -> None:
    code = """
    from flask import Flask, request, session
    app = Flask(__name__)
    KEYS = ("clinic", "role")
    def remember(store, values):
        for key in KEYS:
            store[f"ctx_{key}"] = values[key]
    @app.post("/context")
    def choose():
        remember(session, request.form)
        remember({}, request.form)
        return "ok"
    """
    assert flagged(code) == [(501, 10)]
    assert flagged(code.replace("remember(session, request.form)", "remember(session, {})")) == []


def test_keywords_splatted_from_a_module_level_dict_are_the_calls_own() -> None:
    code = """
    import yaml
    from flask import Flask, make_response, request
    app = Flask(__name__)
    YAML = {"Loader": yaml.SafeLoader}
    COOKIE = {"secure": True, "httponly": True}
    @app.post("/t")
    def template():
        spec = yaml.load(request.data, **YAML)
        response = make_response("ok" if spec else "empty")
        response.set_cookie("sid", "x", **COOKIE)
        return response
    """
    assert flagged(code) == []
    unsafe = code.replace("yaml.SafeLoader", "yaml.UnsafeLoader").replace('True, "h', 'False, "h')
    assert flagged(unsafe) == [(502, 9), (614, 11)]


def test_a_function_picked_from_a_module_level_table_may_be_any_of_its_entries() -> None:
    code = """
    import hashlib
    HASHERS = {"default": hashlib.sha1, "fips": hashlib.sha256}
    def record(payload, scheme="default"):
        hasher = HASHERS[scheme]
        return hasher(payload.encode()).hexdigest()
    def fips(payload):
        return HASHERS["fips"](payload.encode()).hexdigest()
    """
    assert flagged(code) == [(328, 6)]
    assert flagged(code.replace("hashlib.sha1", "hashlib.sha512")) == []


def test_a_variable_a_constant_template_writes_with_the_safe_filter_is_a_sink() -> None:
    code = """
    from flask import Flask, render_template_string, request
    app = Flask(__name__)
    PAGE = "<h1>{{ who }}</h1><div>{{ note_html | safe }}</div>{{ other }}"
    @app.post("/preview")
    def preview():
        note = "<p>" + request.form["note"] + "</p>"
        return render_template_string(PAGE, who=request.form["who"], note_html=note)
    """
    assert flagged(code) == [(79, 8)]
    assert flagged(code.replace("note_html=note", "note_html='<hr>', other=note")) == []
    off = code.replace("{{ note_html | safe }}", "{% autoescape false %}{{ note_html }}")
    assert flagged(off.replace('{{ other }}"', '{% endautoescape %}"')) == [(79, 8)]


def test_a_url_whose_parsed_host_was_checked_against_an_allow_list_may_be_redirected_to() -> None:
    code = """
    from urllib.parse import urlparse
    from flask import Flask, abort, redirect, request
    app = Flask(__name__)
    HOSTS = {"visit.example", "video.example"}
    @app.get("/launch")
    def launch():
        url = request.args["url"]
        parts = urlparse(url)
        if parts.scheme != "https" or parts.hostname not in HOSTS:
            abort(400)
        return redirect(url)
    """
    assert flagged(code) == []
    assert flagged(code.replace(" or parts.hostname not in HOSTS", "")) == [(601, 12)]
    assert flagged(code.replace("parts = urlparse(url)", "parts = urlparse(other)")) != []


def test_a_wsgi_location_header_is_a_redirect_only_for_its_own_value() -> None:
    code = """
    from urllib.parse import parse_qs
    def application(environ, start_response):
        dest = parse_qs(environ["QUERY_STRING"])["next"][0]
        start_response("302 Found", [("Location", dest), ("X-Seen", "1")])
        return [b""]
    """
    assert flagged(code) == [(601, 5)]
    assert flagged(code.replace('("Location", dest)', '("Location", "/home")')) == []
    other_header = code.replace('("Location", dest), ("X-Seen", "1")', '("X-Seen", dest)')
    assert flagged(other_header) == []
    assert flagged(code.replace('("Location", dest)', '("Location", "/a/" + dest)')) == []


def test_a_loop_over_a_small_table_is_walked_entry_by_entry() -> None:
    code = """
    import os, sys
    import xml.sax
    from xml.sax import handler
    FEATURES = {handler.feature_namespaces: 1, handler.feature_external_ges: 1}
    def main():
        parser = xml.sax.make_parser()
        for feature, value in FEATURES.items():
            parser.setFeature(feature, value)
        parser.parse(sys.stdin)
        for name, command in {"a": "ls", "b": sys.argv[1]}.items():
            os.system(command)
    """
    assert flagged(code) == [(611, 10), (78, 12)]
    safe = code.replace("external_ges: 1", "external_ges: 0")
    assert flagged(safe.replace("sys.argv[1]", '"pwd"')) == []
