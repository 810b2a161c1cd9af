"""Patterns of real code learnt from suite H's misses (issue 16): one behaviour per test, each
with its safe or dangerous twin."""

from __future__ import annotations

import ast
import textwrap

from aicc.code import analyse_source, builtin_rules, fold_constant
from aicc.code.fold import NOT_CONSTANT, fold_truth
from aicc.code.guards import regex_safety

RULES = builtin_rules()


def flagged(code: str) -> list[tuple[int, int]]:
    """(cwe, line) of every finding in ``code``."""
    scan = analyse_source(textwrap.dedent(code), "app.py", RULES)
    return [(f.cwe, f.line) for f in scan.findings]


def test_a_text_repeated_a_constant_number_of_times_folds_within_the_text_limit() -> None:
    assert fold_constant(ast.parse('"ab" * 3 == "ababab"', mode="eval").body) is True
    assert fold_constant(ast.parse('2 * "-"', mode="eval").body) == "--"
    assert fold_constant(ast.parse('"a" * 10 ** 9', mode="eval").body) is NOT_CONSTANT
    assert fold_constant(ast.parse('"a" * True', mode="eval").body) is NOT_CONSTANT


def test_one_known_operand_decides_the_truth_of_a_boolean_test() -> None:
    def truth(text: str) -> object:
        return fold_truth(ast.parse(text, mode="eval").body, {"OFF": 0, "ON": "yes"})

    assert truth("user and OFF") is False
    assert truth("not (OFF and user)") is True
    assert truth("user or ON") is True
    assert truth("user and ON") is NOT_CONSTANT
    assert truth("ON and OFF or user") is NOT_CONSTANT
    assert truth("ON and not OFF") is True


REDIRECT = """
from flask import Flask, redirect, request

app = Flask(__name__)
FOLLOW = {switch}


@app.route("/go")
def go():
    target = request.args.get("next", "")
    if len(target) > 0 and FOLLOW:
        return redirect(target)
    return redirect("/")
"""


def test_a_branch_whose_and_has_a_false_constant_operand_never_runs() -> None:
    assert flagged(REDIRECT.format(switch='"on" * 2 == "onon"')) == [(601, 12)]
    assert flagged(REDIRECT.format(switch='"on" * 2 == "on"')) == []
    assert flagged(REDIRECT.format(switch="0")) == []


LOOKUP = """
from flask import Flask, Response, request

app = Flask(__name__)


@app.route("/label")
def label():
    tone = {lookup}
    return Response(f"<b class='{{tone}}'>ok</b>", mimetype="text/html")
"""


def test_a_value_picked_from_a_dict_literal_of_constants_is_a_constant() -> None:
    tables = [
        '{"info": "blue", "warn": "amber"}.get(request.args.get("level"), "grey")',
        '{"info": "blue", "warn": "amber"}[request.args["level"]]',
    ]
    for lookup in tables:
        assert flagged(LOOKUP.format(lookup=lookup)) == [], lookup
    # the default is the request's own value, or the table holds it: still dangerous
    dangerous = [
        '{"info": "blue"}.get(request.args["level"], request.args["level"])',
        '{"info": request.args["level"]}["info"]',
    ]
    for lookup in dangerous:
        assert flagged(LOOKUP.format(lookup=lookup)) == [(79, 10)], lookup


def test_a_pattern_with_groups_and_alternatives_of_word_characters_is_a_guard() -> None:
    def safety(pattern: str) -> str | None:
        return regex_safety(pattern, anchored_start=False, anchored_end=False)

    assert safety(r"^[a-z]{2}(-[A-Z]{2})?$") == "word"
    assert safety(r"\A(?:en|de|fr)_\w+\Z") == "word"
    assert safety(r"^v\d+(\.\d+)*$") == "dotted"
    assert safety(r"^en|[a-z;]+$") is None  # `;` admitted
    assert safety(r"^en|de$") is None  # each alternative anchored at one end only
    assert safety(r"^([a-z]+|[^/]+)$") is None
    assert safety(r"^(\w+)-\1$") is None
    code = """
    import re
    from flask import Flask, jsonify, request, session

    app = Flask(__name__)
    app.secret_key = "k"
    TAG = re.compile(r"{pattern}")


    @app.route("/tag", methods=["POST"])
    def tag():
        wanted = request.form.get("tag", "")
        if not TAG.fullmatch(wanted):
            return jsonify(error="bad tag"), 400
        session["tag"] = wanted
        return jsonify(ok=True)
    """
    assert flagged(code.format(pattern=r"[a-z]{2,8}(_[0-9]{1,3})?")) == []
    assert flagged(code.format(pattern=r"[a-z]{2,8}(_.+)?")) == [(501, 15)]


SINGLETON = """
import sqlite3
from flask import Flask, jsonify, request

app = Flask(__name__)


class Catalogue:
    def __init__(self, path):
        self.path = path

    def _rows(self, statement, values=()):
        with sqlite3.connect(self.path) as conn:
            return conn.execute(statement, values).fetchall()

    def search(self, term):
        {query}


catalogue = Catalogue("books.db")


@app.route("/books")
def books():
    return jsonify(catalogue.search(request.args.get("q", "")))
"""


def test_a_method_of_a_module_level_instance_is_followed_into_its_own_helpers() -> None:
    # `search` is a name many objects have, so only the instance's class says which it is
    dangerous = "return self._rows(\"SELECT * FROM books WHERE title = '%s'\" % term)"
    safe = 'return self._rows("SELECT * FROM books WHERE title = ?", (term,))'
    assert flagged(SINGLETON.format(query=dangerous)) == [(89, 14)]
    assert flagged(SINGLETON.format(query=safe)) == []


HELPER_STORE = """
from flask import Flask, jsonify, request, session

app = Flask(__name__)
app.secret_key = "k"


def keep(field, value):
    session[field] = value


@app.route("/prefs")
def prefs():
    keep({key}, {value})
    return jsonify(ok=True)
"""


def test_a_helper_storing_its_key_and_value_parameters_in_the_session_is_a_sink_for_both() -> None:
    value = 'request.args.get("theme", "light")'
    assert flagged(HELPER_STORE.format(key='"theme"', value=value)) == [(501, 9)]
    assert flagged(HELPER_STORE.format(key=value, value="True")) == [(501, 9)]
    assert flagged(HELPER_STORE.format(key='"theme"', value='"dark"')) == []


WHOLE_REQUEST = """
from flask import Flask, jsonify, request, session

app = Flask(__name__)
app.secret_key = "k"


class Preferences:
    def pick(self, req):
        {pick}


prefs = Preferences()


@app.before_request
def load():
    session["theme"] = prefs.pick(request)


@app.route("/")
def index():
    return jsonify(theme=session["theme"])
"""


def test_the_request_object_handed_whole_to_a_helper_carries_what_the_helper_reads() -> None:
    read = 'return req.cookies.get("theme", "light").strip()'
    chosen = 'return "dark" if req.cookies.get("theme") == "dark" else "light"'
    assert flagged(WHOLE_REQUEST.format(pick=read)) == [(501, 18)]
    assert flagged(WHOLE_REQUEST.format(pick=chosen)) == []


SAVED = """
from flask import Flask, jsonify, request

app = Flask(__name__)
SAVED = {{"default": "1 + 1"}}


@app.route("/formulas/<name>", methods=["PUT"])
def save(name):
    SAVED[name] = {{"text": {saved}}}
    return jsonify(saved=name)


@app.route("/formulas/<name>")
def compute(name):
    entry = SAVED.get(name) or SAVED["default"]
    return jsonify(value=eval(entry["text"]))
"""


def test_a_module_level_dict_one_view_fills_is_no_table_of_constants_for_another() -> None:
    assert flagged(SAVED.format(saved='request.get_json()["text"]')) == [(95, 17)]
    assert flagged(SAVED.format(saved='"2 * 3"')) == []


def test_what_render_template_string_fills_into_a_constant_template_is_escaped() -> None:
    code = """
    from flask import Flask, request, render_template_string

    app = Flask(__name__)
    PAGE = "<h1>{{ title }}</h1>{{ body|safe }}"


    @app.errorhandler(404)
    def missing(_error):
        page = render_template_string(PAGE, title=request.path, body=BODY)
        return page, 404
    """
    assert flagged(code.replace("BODY", '"<hr>"')) == []
    assert flagged(code.replace("BODY", 'request.args.get("q", "")')) == [(79, 10)]


def test_a_safe_filter_on_a_template_loop_variable_leaves_the_list_it_walks_unescaped() -> None:
    code = """
    from flask import Flask, request, render_template_string

    app = Flask(__name__)
    NOTES = []
    PAGE = '''
    {% for author, note in notes %}<li>{{ author }}: {{ OUTPUT }}</li>{% endfor %}
    {{ footer|safe }}
    '''


    @app.route("/notes", methods=["POST"])
    def notes():
        NOTES.append((request.form["author"], request.form["note"]))
        return render_template_string(PAGE, notes=NOTES, footer="<hr>")
    """
    assert flagged(code.replace("OUTPUT", "note.text|safe")) == [(79, 15)]
    assert flagged(code.replace("OUTPUT", "note.text")) == []


def test_a_url_whose_parsed_host_was_found_empty_stays_on_the_site() -> None:
    code = """
    from urllib.parse import urlparse
    from flask import Flask, redirect, request

    app = Flask(__name__)


    def same_site(url):
        parsed = urlparse(url)
        if parsed.CHECKED:
            return "/"
        return url


    @app.route("/done")
    def done():
        return redirect(same_site(request.args.get("next", "/")))
    """
    assert flagged(code.replace("CHECKED", "netloc")) == []
    assert flagged(code.replace("CHECKED", "fragment")) == [(601, 17)]
