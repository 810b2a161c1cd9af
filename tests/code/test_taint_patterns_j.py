"""Patterns of real code learnt from suite J's misses (issue 16): one behaviour per test, each
with its safe or dangerous twin."""

from __future__ import annotations

import textwrap

import pytest

from aicc.code import analyse_source, builtin_rules
from aicc.code.numeric_formats import format_text, percent_text

RULES = builtin_rules()


def flagged(code: str) -> list[tuple[int, int]]:
    """(cwe, line) of every finding in ``code``."""
    scan = analyse_source(textwrap.dedent(code), "app.py", RULES)
    return [(f.cwe, f.line) for f in scan.findings]


ENVIRONMENT = """
import os


def run():
    os.system("ls " + {read})
"""


@pytest.mark.parametrize(
    "read",
    [
        'os.environ["UPLOAD_DIR"]',
        'os.environ.get("UPLOAD_DIR", "/srv")',
        'os.getenv("UPLOAD_DIR")',
        'os.getenv("UPLOAD_DIR", default="/srv")',
    ],
)
def test_an_environment_variable_named_by_a_constant_is_the_operators_setting(read: str) -> None:
    assert flagged(ENVIRONMENT.format(read=read)) == []


@pytest.mark.parametrize(
    "read",
    [
        'os.environ["QUERY_STRING"]',  # a CGI script's request
        'os.environ.get("HTTP_USER_AGENT", "")',
        'os.getenv("REQUEST_URI")',
        "os.environ[name]",  # which variable is not known
        'os.environ.get("UPLOAD_DIR", os.environ["HTTP_X_DIR"])',  # the default is untrusted
    ],
)
def test_a_cgi_request_variable_or_an_unknown_one_stays_untrusted(read: str) -> None:
    code = ENVIRONMENT.format(read=read).replace("def run():", "def run(name):")
    assert flagged(code) == [(78, 6)]


NUMBERS = """
import os
import random

from flask import Flask, request

app = Flask(__name__)


@app.route("/x")
def x():
    n = request.args["n"]
    os.system({command})
"""


@pytest.mark.parametrize(
    "command",
    [
        'f"ls {n:08d}"',
        'f"ls {n:x}"',
        '"ls %d" % n',
        '"ls %05.1f/%s" % (n, "fixed")',
        '"ls {:d}".format(n)',
        '"ls {0:d} {1}".format(n, "fixed")',
        '"ls {n:d}".format(n=n)',
    ],
)
def test_a_value_formatted_as_a_number_writes_only_digits(command: str) -> None:
    assert flagged(NUMBERS.format(command=command)) == []


@pytest.mark.parametrize(
    "command",
    [
        'f"ls {n:>8}"',  # text, padded
        'f"ls {n!r:d}"',  # converted to text first
        '"ls %s" % n',
        '"ls %d/%s" % (1, n)',
        '"ls %(n)d" % {"n": n}',  # a mapping: not read
        '"ls {}".format(n)',
        '"ls {0:d} {0}".format(n)',  # once as a number, once as text
        '"ls {0.name:d}".format(n)',  # an attribute of it
    ],
)
def test_a_value_formatted_as_text_stays_tainted(command: str) -> None:
    assert flagged(NUMBERS.format(command=command)) == [(78, 13)]


def test_a_weak_random_number_formatted_as_digits_is_still_weak() -> None:
    code = """
    import random

    from flask import session


    def issue_code():
        session["reset_code"] = "%06d" % random.randint(0, 999999)
        session["pin"] = f"{random.randrange(10000):04d}"
    """
    assert [cwe for cwe, _ in flagged(code)] == [330, 330]


def test_the_format_readers() -> None:
    assert percent_text("%s and %d and %%") == [True, False]
    assert percent_text("%(name)s") is None
    assert percent_text("%*d") is None
    assert format_text("{} {:d} {2!s:d} {k:x} {m}") == ({0, 2}, {"m"})
    assert format_text("{0:{width}d}") is None
    assert format_text("{") is None


CONVERTED = """
import os

from flask import Flask, request, session

app = Flask(__name__)


@app.route("/x")
def x():
    n = {read}
    os.system(f"ls {{n}}")
    session["n"] = n
"""


@pytest.mark.parametrize(
    "read",
    [
        'request.args.get("n", type=int)',
        'request.form.get("n", 0, int)',
        'request.values.get("n", default=1.0, type=float)',
        'request.args.getlist("n", type=int)',
    ],
)
def test_a_request_value_werkzeug_converts_to_a_number_is_clean(read: str) -> None:
    assert flagged(CONVERTED.format(read=read)) == []


@pytest.mark.parametrize(
    "read",
    [
        'request.args.get("n", type=str)',
        'request.args.get("n", type=lambda v: v.strip())',
        'request.args.get("n", "0")',
    ],
)
def test_a_request_value_converted_to_text_stays_untrusted(read: str) -> None:
    assert flagged(CONVERTED.format(read=read)) == [(78, 12), (501, 13)]


def test_calling_an_instance_runs_its_classs_call_method() -> None:
    code = """
    import random
    import secrets
    import time

    from flask import Flask, session

    app = Flask(__name__)


    class StateGenerator:
        def __init__(self):
            self._rng = random.Random(time.time())

        def __call__(self):
            return "%032x" % self._rng.getrandbits(128)


    class NonceGenerator:
        def __init__(self):
            self._rng = secrets.SystemRandom()

        def __call__(self):
            return "%032x" % self._rng.getrandbits(128)


    make_state = StateGenerator()
    make_nonce = NonceGenerator()


    @app.get("/start")
    def start():
        session["oauth_state"] = make_state()
        session["nonce"] = make_nonce()
    """
    assert flagged(code) == [(330, 33)]


PARSER_DEFAULT = """
from flask import Flask, request
from lxml import etree

app = Flask(__name__)


class EnvelopeReader:
    def __init__(self, strict={strict}):
        self.parser = etree.XMLParser(no_network=strict, resolve_entities=not strict)

    def body(self, data):
        return etree.fromstring(data, self.parser)


reader = EnvelopeReader()


@app.post("/soap")
def soap():
    reader.body(request.get_data())
    return "ok"
"""


def test_a_parser_set_up_from_a_parameters_default_is_set_up_so() -> None:
    assert flagged(PARSER_DEFAULT.format(strict="False")) == [(611, 13)]
    assert flagged(PARSER_DEFAULT.format(strict="True")) == []


ITERPARSE = """
from flask import Flask, request
from lxml import etree

app = Flask(__name__)
OPTIONS = dict(events=("end",), load_dtd=True, resolve_entities={resolve})


def contacts(stream, options=OPTIONS):
    return [e.tag for _event, e in etree.iterparse(stream, **options)]


@app.post("/import")
def import_contacts():
    return str(contacts(request.files["book"].stream))
"""


def test_iterparse_given_entities_through_a_default_dict_of_options() -> None:
    assert [cwe for cwe, _ in flagged(ITERPARSE.format(resolve="True"))] == [611]
    assert flagged(ITERPARSE.format(resolve="False")) == []


def test_a_rebound_parameter_loses_its_default() -> None:
    code = """
    from flask import Flask, request
    from lxml import etree

    app = Flask(__name__)


    def parse(data, strict=False):
        strict = True
        return etree.fromstring(data, etree.XMLParser(resolve_entities=not strict))


    @app.post("/x")
    def x():
        parse(request.get_data())
        return "ok"
    """
    assert flagged(code) == []


def test_joblib_load_unpickles() -> None:
    code = """
    import joblib
    from flask import Flask, request

    app = Flask(__name__)


    @app.post("/model")
    def model():
        return str(joblib.load(request.files["model"].stream))
    """
    assert flagged(code) == [(502, 10)]


@pytest.mark.parametrize(
    ("store", "safe"),
    [
        ("session.update({{'u': {value}}})", False),
        ("session.update(u={value})", False),
        ("session.setdefault('u', {value})", False),
        ("session.update({{'u': 'fixed'}})", True),
    ],
)
def test_a_store_by_update_or_setdefault_is_a_store(store: str, safe: bool) -> None:
    code = f"""
    from aiohttp import web
    from aiohttp_session import get_session


    async def handler(request):
        session = await get_session(request)
        {store.format(value='request.query["u"]')}
        return web.json_response({{}})
    """
    assert flagged(code) == ([] if safe else [(501, 8)])


def test_a_dataclasss_method_returns_the_values_it_was_made_with() -> None:
    code = """
    from dataclasses import dataclass

    from fastapi import FastAPI, Request
    from pydantic import BaseModel

    app = FastAPI()


    class CheckIn(BaseModel):
        username: str


    @dataclass
    class Identity:
        username: str
        station: str = "front desk"

        def to_session(self):
            return {"username": self.username.strip()}

        def label(self):
            return {"station": self.station}


    @app.post("/check-in")
    async def check_in(body: CheckIn, request: Request):
        identity = Identity(body.username)
        request.session.update(identity.to_session())
        fixed = Identity("kiosk")
        request.session.update(fixed.to_session())
    """
    assert flagged(code) == [(501, 29)]


HELPER_PAGE = """
import tornado.web
from flask import Flask, jsonify, request

app = Flask(__name__)


def page(title, *paragraphs):
    body = "".join("<p>{{}}</p>".format(p) for p in paragraphs)
    return {built}


class Flash(tornado.web.RequestHandler):
    def get(self):
        self.write(self.render_flash(self.get_argument("msg", "")))

    @staticmethod
    def render_flash(message):
        return {built_flash}


@app.route("/status")
def status():
    return page("Status", request.args.get("file", ""))
"""


def test_a_helper_that_builds_text_makes_a_page_of_what_it_is_given() -> None:
    code = HELPER_PAGE.format(
        built='f"<h1>{title}</h1>{body}"', built_flash='"<div>" + message + "</div>"'
    )
    assert sorted(flagged(code)) == [(79, 15), (79, 24)]


def test_a_helper_that_returns_data_is_no_page() -> None:
    code = HELPER_PAGE.format(
        built='{"title": title, "body": paragraphs}', built_flash='{"message": message}'
    )
    assert flagged(code) == []


def test_a_raised_redirect_reaches_its_sink() -> None:
    code = """
    from aiohttp import web


    async def confirm(request):
        return_to = request.query.get("return_to", "/welcome")
        if await request.app["tokens"].confirm(request.match_info["token"]):
            raise web.HTTPFound(location=return_to)
        raise web.HTTPFound(location="/expired")


    async def done(request):
        raise web.HTTPFound(location="/done")
    """
    assert flagged(code) == [(601, 8)]


PARTIAL = """
import functools
import hashlib
import random
import secrets
import string

digest = functools.partial(hashlib.new, {algorithm!r})
pick = functools.partial({chooser}, string.ascii_letters)


def store_digest(payload):
    return digest(payload.encode()).hexdigest()


def temporary_password(length=12, choose=pick):
    return "".join(choose() for _ in range(length))
"""


def test_a_partial_calls_its_function_with_the_arguments_it_fixed() -> None:
    weak = PARTIAL.format(algorithm="sha1", chooser="random.choice")
    assert sorted(cwe for cwe, _ in flagged(weak)) == [328, 330]
    strong = PARTIAL.format(algorithm="sha256", chooser="secrets.choice")
    assert flagged(strong) == []


@pytest.mark.parametrize(("secure", "found"), [("False", True), ("True", False)])
def test_cookie_options_a_helper_returns_are_the_cookies_options(secure: str, found: bool) -> None:
    code = f"""
    from flask import Flask, make_response

    app = Flask(__name__)
    COOKIE_SECURE = {secure}


    def cookie_options():
        \"\"\"The device cookie's options.\"\"\"
        return {{"max_age": 3600, "secure": COOKIE_SECURE, "httponly": True}}


    @app.post("/device")
    def device():
        response = make_response("ok")
        response.set_cookie("device_token", "x", **cookie_options())
        return response
    """
    assert flagged(code) == ([(614, 16)] if found else [])


@pytest.mark.parametrize(
    ("entry", "found"),
    [
        ('getattr(yaml, "CSafeLoader", yaml.SafeLoader)', False),
        ('getattr(yaml, "CLoader", yaml.Loader)', True),
        ("yaml.UnsafeLoader", True),
    ],
)
def test_a_loader_table_may_name_its_loaders_through_getattr(entry: str, found: bool) -> None:
    code = f"""
    import yaml
    from flask import Flask, request

    app = Flask(__name__)
    LOADERS = {{"safe": yaml.SafeLoader, "fast": {entry}}}


    @app.post("/import")
    def import_document():
        loader = LOADERS[request.args.get("loader", "safe")]
        return str(yaml.load(request.get_data(), Loader=loader))
    """
    assert [cwe for cwe, _ in flagged(code) if cwe == 502] == ([502] if found else [])


INSTANCE = """
from flask import Flask, make_response, request
from lxml import etree

app = Flask(__name__)
FIELDS = {{"code": "@code", "name": "name"}}
COOKIE = {{"max_age": 3600, "httponly": True{secure}}}


class Finder:
    def __init__(self, tree, fields, cookie):
        self.tree = tree
        self.fields = fields
        self.cookie = dict(cookie)

    def find(self, field, value):
        path = self.fields.get(field)
        return self.tree.xpath(f"//station[{{path}} = $value]", value=value)

    def remember(self, response, token):
        response.set_cookie("auth", token, **self.cookie)


finder = Finder(etree.parse("/srv/stations.xml"), {fields}, COOKIE)


@app.get("/stations")
def stations():
    response = make_response(str(len(finder.find(request.args["f"], request.args["v"]))))
    finder.remember(response, "x")
    return response
"""


def test_the_one_instance_of_a_class_keeps_what_it_was_given() -> None:
    # the table and the options the module's one instance was given are the instance's own
    assert flagged(INSTANCE.format(fields="FIELDS", secure=", 'secure': True")) == []
    assert flagged(INSTANCE.format(fields="FIELDS", secure="")) == [(614, 21)]
    # given something else than a table of constants, the field is data
    found = flagged(INSTANCE.format(fields="dict(request.args)", secure=", 'secure': True"))
    assert (643, 18) in found
