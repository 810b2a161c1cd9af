"""Patterns of real code learnt from suites K and L's misses (issue 16), after L was scored
held out: one behaviour per test, each with its safe or dangerous twin."""

from __future__ import annotations

import textwrap

import pytest

from aicc.code import analyse_source, builtin_rules

RULES = builtin_rules()


def flagged(code: str) -> list[tuple[int, int]]:
    """(cwe, line) of every finding in ``code``."""
    scan = analyse_source(textwrap.dedent(code), "app.py", RULES)
    return [(f.cwe, f.line) for f in scan.findings]


UPLOAD = """
import os
from flask import request
from werkzeug.utils import secure_filename

def store(storage, folder):
    storage.save(os.path.join(folder, {name}))

def upload():
    letter = request.files["letter"]
    ext = os.path.splitext(letter.filename)[1]
    if ext not in {{".pdf"}}:
        return "no", 415
    store(letter, "/srv/uploads")
"""


def test_an_upload_saved_under_its_own_file_name_is_path_traversal() -> None:
    assert flagged(UPLOAD.format(name="storage.filename")) == [(22, 7)]
    assert flagged(UPLOAD.format(name="secure_filename(storage.filename)")) == []


def test_another_objects_save_is_its_own_codes_business() -> None:
    code = """
    from flask import request
    from storage import firmware_store

    def stage():
        f = request.files["bundle"]
        firmware_store.save(f.filename, f.read())
    """
    assert flagged(code) == []


FIELD_FUNCTION = """
import pickle, json, base64
from aiohttp import web

class Codec:
    def __init__(self, level=6):
        self.level = level
        self._loads = {loads}

    def unpack(self, data):
        return self._loads(base64.b64decode(data))

codec = Codec()

async def handler(request):
    return codec.unpack(await request.read())
"""


def test_a_function_init_keeps_in_a_field_is_what_the_field_calls() -> None:
    assert flagged(FIELD_FUNCTION.format(loads="pickle.loads")) == [(502, 11)]
    assert flagged(FIELD_FUNCTION.format(loads="json.loads")) == []


RUNNER = """
import subprocess
from flask import request

def run_shell(command):
    return subprocess.run(command, shell=True)

def run_argv(command):
    return subprocess.run(command.split())

class Printer:
    def __init__(self, queue, runner=run_shell):
        self.queue = queue
        self._runner = runner

    def submit(self, title):
        return self._runner("lp -t " + title)

printer = Printer({made})

def view():
    return printer.submit(request.json["title"])
"""


def test_a_parameter_default_kept_in_a_field_is_called_unless_a_caller_passes_another() -> None:
    assert flagged(RUNNER.format(made='"dock"')) == [(78, 6)]
    assert flagged(RUNNER.format(made='"dock", runner=run_argv')) == []


BACKEND = """
import base64, json, pickle
import tornado.web

class StateCodec:
    def __init__(self, backend={backend}):
        self.backend = backend

    def loads(self, token):
        return self.backend.loads(base64.b64decode(token))

class Resume(tornado.web.RequestHandler):
    def initialize(self, codec):
        self.codec = codec

    def get(self):
        state = self.codec.loads(self.request.headers.get("X-State"))
        self.finish({{"step": state.get("step")}})

def make_app():
    codec = StateCodec()
    return tornado.web.Application([(r"/resume", Resume, {{"codec": codec}})])
"""


def test_a_module_a_field_holds_by_default_and_tornado_route_arguments_are_followed() -> None:
    assert flagged(BACKEND.format(backend="pickle")) == [(502, 10)]
    assert flagged(BACKEND.format(backend="json")) == []


def test_a_field_set_up_with_a_class_of_the_module_is_an_instance_of_it() -> None:
    code = """
    import os
    from flask import request

    class Runner:
        def run(self, cmd):
            os.system(cmd)

    class Service:
        def __init__(self):
            self.runner = Runner()

        def go(self, x):
            self.runner.run("ls " + x)

    service = Service()

    def view():
        service.go(request.args["x"])
    """
    assert flagged(code) == [(78, 7)]
    assert flagged(code.replace('"ls " + x', '"ls"')) == []


def test_a_local_annotated_with_a_class_of_the_module_is_an_instance_of_it() -> None:
    code = """
    from aiohttp import web

    class ReadingStore:
        def __init__(self, pool):
            self.pool = pool

        async def latest(self, device):
            query = "SELECT * FROM readings WHERE device = '%s'" % device
            return await self.pool.fetch(query)

    async def readings(request):
        store: ReadingStore = request.app["readings"]
        return await store.latest(request.match_info["device"])
    """
    assert flagged(code) == [(89, 10)]


@pytest.mark.parametrize(("module", "found"), [("aiohttp", True), ("tornado.httpclient", False)])
def test_asyncpg_fetch_is_sql_in_async_web_code_not_an_http_clients_fetch(
    module: str, found: bool
) -> None:
    code = f"""
    import {module}
    from flask import request

    async def read(conn, device):
        return await conn.fetch("SELECT * FROM r WHERE d = '" + device + "'")

    async def view():
        return await read(None, request.args["d"])
    """
    assert bool(flagged(code)) is found
    assert flagged(code.replace('conn.fetch("', 'conn.fetchrow("')) == [(89, 6)]


HASH_OBJECT = """
import hashlib

def digest(algorithm, {value}, salt):
    h = hashlib.new(algorithm)
    h.update(salt.encode())
    h.update({value}.encode())
    return h.hexdigest()
"""


def test_a_password_fed_to_a_hash_object_is_a_fast_password_hash() -> None:
    assert flagged(HASH_OBJECT.format(value="password")) == [(328, 7)]
    assert flagged(HASH_OBJECT.format(value="payload")) == []


@pytest.mark.parametrize(
    "setting",
    [
        "app.config.update(SESSION_COOKIE_NAME='s', SESSION_COOKIE_SECURE=False)",
        'app.config["SESSION_COOKIE_HTTPONLY"] = False',
        "app.config.from_mapping(REMEMBER_COOKIE_SECURE=False)",
    ],
)
def test_a_flask_session_cookie_configured_without_its_flags_is_found(setting: str) -> None:
    code = f"""
    from flask import Flask
    app = Flask(__name__)
    {setting}
    """
    assert flagged(code) == [(614, 4)]
    assert flagged(code.replace("False", "True")) == []


REDIRECT = """
from urllib.parse import urlparse
from flask import Flask, redirect, request, url_for

app = Flask(__name__)
app.config["TRUSTED_HOSTS"] = {"clinic.example.org", "portal.example.org"}

def is_trusted(target):
    parsed = urlparse(target)
    return parsed.netloc in app.config["TRUSTED_HOSTS"]

@app.route("/logout")
def logout():
    target = request.args.get("return", "")
    if not is_trusted(target):
        return redirect(url_for("home"))
    return redirect(target)
"""


def test_an_allow_list_stored_once_as_a_setting_is_an_allow_list() -> None:
    assert flagged(REDIRECT) == []
    changed = REDIRECT + 'app.config["TRUSTED_HOSTS"] = load_hosts()\n'
    assert flagged(changed) == [(601, 17)]


SAX = """
import io
import xml.sax
from xml.sax.handler import feature_external_ges, feature_namespaces
from flask import request

FEATURES = [
    (feature_namespaces, False),
    (feature_external_ges, {enabled}),
]

def parse(data):
    parser = xml.sax.make_parser()
    for feature, value in FEATURES:
        parser.setFeature(feature, value)
    parser.parse(io.BytesIO(data))

def upload():
    parse(request.data)
"""


def test_features_set_in_a_loop_over_a_module_list_of_pairs_set_the_parser_up() -> None:
    assert flagged(SAX.format(enabled="True")) == [(611, 16)]
    assert flagged(SAX.format(enabled="False")) == []


FACTORY = """
import xml.sax
from xml.dom import minidom
from xml.sax.handler import feature_external_ges
from flask import request

def plan_parser(allow_external={default}):
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, allow_external)
    return parser

def upload():
    return minidom.parseString(request.data, parser=plan_parser())
"""


def test_a_feature_set_from_a_parameter_no_caller_passes_takes_its_default() -> None:
    assert flagged(FACTORY.format(default="True")) == [(611, 13)]
    assert flagged(FACTORY.format(default="False")) == []


PARTIAL_PARSER = """
import functools
import tornado.web
from lxml import etree

FEED_PARSER = functools.partial(etree.XMLParser, load_dtd=True, resolve_entities={resolve})

class FeedReader:
    def __init__(self, parser_factory=FEED_PARSER):
        self.parser_factory = parser_factory

    def items(self, raw):
        return etree.fromstring(raw, self.parser_factory())

class Import(tornado.web.RequestHandler):
    def initialize(self, feeds):
        self.feeds = feeds

    def post(self):
        self.finish({{"n": len(self.feeds.items(self.request.body))}})

def make_app():
    return tornado.web.Application([(r"/import", Import, {{"feeds": FeedReader()}})])
"""


def test_a_partial_of_a_parser_kept_in_a_field_makes_that_parser() -> None:
    assert flagged(PARTIAL_PARSER.format(resolve="True")) == [(611, 13)]
    assert flagged(PARTIAL_PARSER.format(resolve="False")) == []


MARKUP = """
from flask import Flask, request
from markupsafe import Markup

app = Flask(__name__)
ROW = Markup("<tr><td>{}</td></tr>")

@app.route("/table")
def table():
    caption = request.args.get("caption", "")
    heading = Markup("<h2>{}</h2>").format(caption)
    return heading + ROW.format(request.args.get("note", ""))
"""


def test_a_markups_format_escapes_what_it_fills_in() -> None:
    assert flagged(MARKUP) == []
    unescaped = MARKUP.replace('Markup("<h2>{}</h2>").format(caption)', '"<h2>%s</h2>" % caption')
    assert flagged(unescaped) == [(79, 12)]
