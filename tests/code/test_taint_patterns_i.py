"""Patterns of real code learnt from suite I's misses (issue 16): one behaviour per test, each
with its safe or dangerous twin."""

from __future__ import annotations

import ast
import textwrap

from aicc.code import analyse_source, builtin_rules
from aicc.code.fold import leading_text

RULES = builtin_rules()


def flagged(code: str) -> list[tuple[int, int]]:
    """(cwe, line) of every finding in ``code``."""
    scan = analyse_source(textwrap.dedent(code), "app.py", RULES)
    return [(f.cwe, f.line) for f in scan.findings]


def test_a_template_starting_with_a_placeholder_starts_with_what_fills_it() -> None:
    def head(text: str) -> str | None:
        return leading_text(ast.parse(text, mode="eval").body, {"HOME": "/home"})

    assert head('"%s?tab=%s" % (HOME, tab)') == "/home"
    assert head('"%s/x" % HOME') == "/home"
    assert head('"{}?tab={}".format(HOME, tab)') == "/home"
    assert head('"{0}#{1}".format(HOME, tab)') == "/home"
    assert head('"%s?tab=%s" % (base, tab)') == ""
    assert head('"{}/x".format(base)') == ""
    assert head('"/a?b=%s" % tab') == "/a?b="


FORWARD = """
from urllib.parse import quote

from flask import Flask, redirect, request

app = Flask(__name__)
DOCS = {base!r}


def docs_url(topic):
    return {built}


@app.route("/help")
def help_page():
    return redirect(docs_url(request.args.get("topic", "")))
"""


def test_a_url_a_helper_builds_on_a_fixed_local_path_is_no_open_redirect() -> None:
    safe = [
        '"%s?topic=%s" % (DOCS, quote(topic))',
        '"{}?topic={}".format(DOCS, quote(topic))',
        'f"{DOCS}?topic={quote(topic)}"',
        'DOCS + "?topic=" + quote(topic)',
    ]
    # the same templates with the data first: it chooses the host
    dangerous = [
        '"%s?from=%s" % (topic, DOCS)',
        '"{}?from={}".format(topic, DOCS)',
        'f"{topic}?from={DOCS}"',
        'topic + "?from=" + DOCS',
    ]
    for built in safe:
        assert flagged(FORWARD.format(base="/docs/search", built=built)) == [], built
        # "//" followed by data names any host
        assert flagged(FORWARD.format(base="/", built=built.replace("?", "/"))) == [(601, 16)], (
            built
        )
    for built in dangerous:
        assert flagged(FORWARD.format(base="/docs/search", built=built)) == [(601, 16)], built


SESSION = """
from flask import Flask, redirect, request, session, url_for

app = Flask(__name__)


@app.route("/cart/add")
def add():
    session["back"] = {saved}
    return "added"


@app.route("/cart/done")
def done():
    back = session.get("back") or "/"
    session["visited"] = back
    return redirect(back)
"""


def test_what_one_view_saves_in_the_session_another_reads_back() -> None:
    # the request's URL, saved by one request, is where a later one sends the user; saving
    # it back in the session (line 16) crosses no new trust boundary
    assert flagged(SESSION.format(saved='request.args.get("from", "/")')) == [
        (501, 9),
        (601, 17),
    ]
    assert flagged(SESSION.format(saved='url_for("add")')) == []


NAMED = """
import re
import subprocess

from flask import Flask, abort, request
from lxml import etree

app = Flask(__name__)
TREE = etree.parse("staff.xml")
NAME = re.compile(r"{pattern}")


def checked_name(raw):
    if not NAME.fullmatch(raw or ""):
        abort(400)
    return raw


@app.route("/staff")
def staff():
    name = checked_name(request.args.get("name"))
    found = TREE.xpath("//person[@name='%s']" % name)
    subprocess.run("finger " + name, shell=True)
    return {{"found": len(found)}}
"""


def test_a_name_of_letters_dots_and_spaces_stays_inside_a_quoted_literal() -> None:
    # a space cannot leave the XPath's quotes, but it does split the shell's arguments
    assert flagged(NAMED.format(pattern="[A-Za-z .]{1,40}")) == [(78, 23)]
    assert flagged(NAMED.format(pattern="[A-Za-z .']{1,40}")) == [(643, 22), (78, 23)]
    # \s admits tabs and newlines too
    assert flagged(NAMED.format(pattern=r"[A-Za-z\s]{1,40}")) == [(643, 22), (78, 23)]


TWO_SAVES = """
from flask import Flask, redirect, request, session

app = Flask(__name__)


@app.route("/a")
def save_raw():
    session["back"] = request.args.get("from", "/")
    return "saved"


@app.route("/b")
def save_local():
    session["back"] = f"/items?id={request.args.get('id', '')}"
    return "saved"


@app.route("/done")
def done():
    return redirect(session.get("back", "/"))
"""


def test_a_store_two_views_fill_holds_what_either_put_in() -> None:
    # the local path the second view saves does not hide the URL the first one saves
    assert [f for f in flagged(TWO_SAVES) if f[0] == 601] == [(601, 21)]
    local_only = TWO_SAVES.replace('request.args.get("from", "/")', '"/"')
    assert [f for f in flagged(local_only) if f[0] == 601] == []


UNPACKED = """
from flask import Flask, render_template_string, request

app = Flask(__name__)
PAGE = "<h1>{{{{ title }}}}</h1><p>{{{{ body{filter} }}}}</p>"


def page_values(form):
    return {{"title": "Preview", "body": form.get("text", "")}}


@app.route("/preview", methods=["POST"])
def preview():
    return render_template_string(PAGE, **{passed})
"""


def test_a_mapping_unpacked_into_a_template_fills_its_unescaped_names() -> None:
    assert flagged(UNPACKED.format(filter="|safe", passed="page_values(request.form)")) == [
        (79, 14)
    ]
    # escaped, or only names the template escapes
    assert flagged(UNPACKED.format(filter="", passed="page_values(request.form)")) == []
    assert (
        flagged(UNPACKED.format(filter="|safe", passed='{"title": request.form["t"], "body": ""}'))
        == []
    )
