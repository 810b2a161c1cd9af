"""Patterns of real code learnt from suite F's misses (issue 16 item 2): one behaviour per
test, each with its safe or dangerous twin, in one module or across a small project."""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

from aicc.code import analyse_source, builtin_rules, fold_constant
from aicc.code.fold import NOT_CONSTANT
from aicc.code.project import scan_paths

RULES = builtin_rules()


def flagged(code: str) -> list[tuple[int, int]]:
    """(cwe, line) of every finding in ``code``."""
    scan = analyse_source(textwrap.dedent(code), "app.py", RULES)
    return [(f.cwe, f.line) for f in scan.findings]


def project(root: Path, files: dict[str, str]) -> list[tuple[int, str, int]]:
    """(cwe, file, line) of every finding in a project of ``files``."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    scan = scan_paths([root], RULES)
    return sorted((f.cwe, Path(f.file).relative_to(root).as_posix(), f.line) for f in scan.findings)


HELPERS = """
import shlex
import subprocess

def shell_arg(value):
    return shlex.quote(value)

def run_line(command_line):
    return subprocess.run(command_line, shell=True, capture_output=True).stdout
"""


def test_a_sanitised_input_that_meets_another_before_a_helpers_sink_stays_sanitised(
    tmp_path: Path,
) -> None:
    app = """
    from fastapi import FastAPI
    from helpers import run_line, shell_arg

    app = FastAPI()

    def read_log(container: str, limit: int):
        pipeline = f"grep -F -- {QUOTE} /var/log/scans.log | tail -n {int(limit)}"
        return run_line(pipeline)

    @app.get("/containers/{container}")
    def scans(container: str, limit: int = 50):
        return read_log(container, limit)
    """
    files = {"helpers.py": HELPERS, "common/__init__.py": ""}
    safe = project(
        tmp_path / "safe", {**files, "app.py": app.replace("QUOTE", "shell_arg(container)")}
    )
    assert safe == []
    bad = project(tmp_path / "bad", {**files, "app.py": app.replace("QUOTE", "container")})
    assert bad == [(78, "helpers.py", 9)]


def test_a_list_passed_to_a_helper_that_runs_its_argument_without_a_shell_is_safe(
    tmp_path: Path,
) -> None:
    helpers = """
    import subprocess

    def run_argv(argv, timeout=60):
        return subprocess.run(argv, capture_output=True, timeout=timeout).stdout
    """
    app = """
    from flask import Flask, request
    from helpers import run_argv

    app = Flask(__name__)

    @app.post("/text")
    def text():
        page = request.form.get("first", "1")
        return run_argv(ARGV)
    """
    safe = project(
        tmp_path / "safe",
        {"helpers.py": helpers, "app.py": app.replace("ARGV", '["pdftotext", "-f", page]')},
    )
    assert safe == []
    bad = project(
        tmp_path / "bad",
        {"helpers.py": helpers, "app.py": app.replace("ARGV", '"pdftotext -f " + page')},
    )
    assert bad == [(78, "helpers.py", 5)]


def test_a_constant_looked_up_in_a_module_table_of_constants_names_the_hash() -> None:
    code = """
    import hashlib
    SCHEMES = {"v1": "md5", "v2": "sha3_256"}
    PASSWORD_SCHEME = "v1"
    def hash_password(payload, salt):
        algorithm = SCHEMES[PASSWORD_SCHEME]
        return hashlib.new(algorithm, salt + payload.encode()).hexdigest()
    """
    assert flagged(code) == [(328, 7)]
    assert flagged(code.replace('PASSWORD_SCHEME = "v1"', 'PASSWORD_SCHEME = "v2"')) == []
    # a table changed after it is made is not a table of constants
    assert flagged(code + 'SCHEMES = {"v1": "sha3_256"}\n') == []


def test_a_weak_hash_inside_a_lambda_is_reported_where_it_is_written() -> None:
    code = """
    import hashlib
    ENCODERS = {
        "kiosk": lambda code: hashlib.md5(code.encode("ascii")).hexdigest(),
        "display": lambda code: "*" * len(code),
    }
    """
    assert flagged(code) == [(328, 4)]
    assert flagged(code.replace("hashlib.md5", "hashlib.sha256")) == []


def test_a_function_kept_as_a_class_attribute_is_called_through_self() -> None:
    code = """
    import random
    import string

    class AccountCreator:
        alphabet = string.ascii_lowercase + string.digits
        pick = staticmethod(random.choices)

        def temporary_password(self):
            return "".join(self.pick(self.alphabet, k=10))
    """
    assert flagged(code) == [(330, 10)]
    assert flagged(code.replace("staticmethod(random.choices)", "staticmethod(sorted)")) == []
    assert flagged(code.replace("staticmethod(random.choices)", "random.choices")) == [(330, 10)]


def test_pickle_of_data_whose_hmac_was_checked_is_safe() -> None:
    code = """
    import base64, hashlib, hmac, pickle
    from flask import Flask, request
    app = Flask(__name__)
    KEY = b"server secret"

    def sign(payload):
        return hmac.new(KEY, payload, hashlib.sha256).hexdigest()

    @app.route("/draft")
    def draft():
        encoded, _, signature = request.args["d"].rpartition(".")
        payload = base64.urlsafe_b64decode(encoded)
        if not hmac.compare_digest(sign(payload), signature):
            raise ValueError("bad signature")
        return {"keys": sorted(pickle.loads(payload))}
    """
    assert flagged(code) == []
    # a digest compared but the branch goes on: nothing is checked
    assert flagged(code.replace('raise ValueError("bad signature")', "print('bad')")) == [(502, 16)]
    # the signature alone compared with itself: the payload is not authenticated
    assert flagged(code.replace("sign(payload), signature", "signature, KEY.hex()")) == [(502, 16)]


def test_a_loader_picked_from_a_table_of_safe_loaders_is_safe() -> None:
    code = """
    import yaml
    from flask import Flask, abort, request
    app = Flask(__name__)
    LOADERS = {"default": yaml.SafeLoader, "strict": yaml.SafeLoader}

    @app.post("/prefs")
    def prefs():
        loader = LOADERS.get(request.args.get("profile", "default"))
        if loader is None:
            abort(400)
        return yaml.load(request.get_data(as_text=True), Loader=loader)
    """
    assert flagged(code) == []
    assert flagged(code.replace('"strict": yaml.SafeLoader', '"strict": yaml.Loader')) == [
        (502, 12)
    ]
    assert flagged(code.replace("Loader=loader", 'Loader=LOADERS["strict"]')) == []


def test_a_branch_decided_by_a_power_is_walked_on_its_live_side_only() -> None:
    code = """
    from flask import Flask, request, session
    app = Flask(__name__)

    @app.get("/help")
    def help_page():
        if 2 ** 3 == 9:
            session["preview"] = request.args.get("preview")
        return "ok"
    """
    assert flagged(code) == []
    assert flagged(code.replace("== 9", "== 8")) == [(501, 8)]
    assert fold_constant(ast.parse("9 ** 9 ** 9", mode="eval").body) is NOT_CONSTANT


def test_a_redirect_to_an_f_string_starting_with_a_constant_path_keeps_its_host() -> None:
    code = """
    from urllib.parse import urlencode
    from fastapi import FastAPI
    from fastapi.responses import RedirectResponse
    app = FastAPI()
    RECEIPT_PATH = "/payments/receipt"

    @app.post("/payments/{reference}/complete")
    async def complete(reference: str, return_to: str = "/account"):
        query = urlencode({"ref": reference, "back": return_to})
        return RedirectResponse(url=f"{RECEIPT_PATH}?{query}", status_code=303)
    """
    assert flagged(code) == []
    assert flagged(code.replace("{RECEIPT_PATH}?", "{return_to}?")) == [(601, 11)]


AUTO = 'select_autoescape(["html", "xml"])'


def test_a_page_rendered_by_an_autoescaping_template_environment_is_escaped() -> None:
    code = """
    from fastapi import FastAPI, Form
    from fastapi.responses import HTMLResponse
    from jinja2 import DictLoader, Environment, select_autoescape
    app = FastAPI()
    templates = Environment(
        loader=DictLoader({"pass.html": "<p>{{ visitor }}</p>"}),
        autoescape=select_autoescape(["html", "xml"]),
    )

    @app.post("/pass", response_class=HTMLResponse)
    async def visitor_pass(visitor: str = Form(...)):
        page = templates.get_template("pass.html").render(visitor=visitor)
        return HTMLResponse(page)
    """
    assert flagged(code) == []
    assert flagged(code.replace(AUTO, "True")) == []
    assert flagged(code.replace(AUTO, "False")) == [(79, 14)]


def test_a_function_of_the_scanned_code_that_returns_a_check_is_a_validator(
    tmp_path: Path,
) -> None:
    checks = """
    import re
    from urllib.parse import urlparse
    METER_RE = re.compile(r"[A-Z]{2}\\d{8}")
    ALLOWED_HOSTS = frozenset({"pay.example"})

    def is_meter(value):
        return bool(METER_RE.fullmatch(value or ""))

    def host_allowed(url):
        parsed = urlparse(url)
        return parsed.scheme == "https" and parsed.netloc in ALLOWED_HOSTS

    def loose(value):
        if not value:
            return False
        return METER_RE.search(value) is not None
    """
    app = """
    from flask import Flask, abort, redirect, request
    from lxml import etree
    from checks import CHECK

    app = Flask(__name__)

    @app.get("/meter")
    def meter():
        meter = request.args.get("meter", "")
        if not CHECK(meter):
            abort(400)
        return str(etree.parse("x.xml").xpath("//install[meter='%s']" % meter))

    @app.get("/pay")
    def pay():
        target = request.args.get("gateway", "")
        if host_allowed(target):
            return redirect(target)
        return "no"
    """

    def found(check: str, allowed: str) -> list[tuple[int, str, int]]:
        root = tmp_path / f"{check}-{allowed}"
        code = app.replace("CHECK", check).replace("host_allowed(", f"{allowed}(")
        code = code.replace(f"import {check}", f"import {check}, {allowed}")
        return project(root, {"checks.py": checks, "app.py": code})

    assert found("is_meter", "host_allowed") == []
    assert found("loose", "loose") == [(601, "app.py", 19), (643, "app.py", 13)]


def test_a_url_built_for_one_of_the_applications_routes_keeps_its_host() -> None:
    code = """
    from flask import Flask, redirect, url_for
    app = Flask(__name__)

    @app.get("/invoices/<invoice>/pay")
    def pay_invoice(invoice):
        return redirect(url_for("invoice_detail", invoice=invoice))
    """
    assert flagged(code) == []
    assert flagged(code.replace('url_for("invoice_detail", invoice=invoice)', "invoice")) == [
        (601, 7)
    ]


def test_data_parked_in_a_module_level_list_is_read_by_the_other_functions() -> None:
    code = """
    import base64
    import io
    import pickle
    from flask import Flask, request

    app = Flask(__name__)
    PENDING = []

    def enqueue():
        PENDING.append(base64.b64decode(request.get_data()))

    def process_pending():
        results = []
        while PENDING:
            data = PENDING.pop(0)
            results.append(pickle.Unpickler(io.BytesIO(data)).load())
        return results
    """
    assert flagged(code) == [(502, 17)]
    assert flagged(code.replace("request.get_data()", "b'gAN9cQAu'")) == []


def test_data_a_helper_keeps_in_module_state_is_what_another_helper_gives_back(
    tmp_path: Path,
) -> None:
    settings = """
    import configparser
    CONFIG = configparser.ConfigParser(interpolation=None)
    CONFIG.read_string("[filter]\\\\nwhere = customers > 100\\\\n")
    PENDING = []

    def remember(section, key, value):
        if not CONFIG.has_section(section):
            CONFIG.add_section(section)
        CONFIG.set(section, key, value)

    def setting(section, key):
        return CONFIG.get(section, key)

    def park(item):
        PENDING.append(item)

    def run_parked():
        while PENDING:
            eval(PENDING.pop(0))
    """
    app = """
    import sys
    from settings import park, remember, run_parked, setting

    def main():
        remember("filter", "where", VALUE)
        predicate = compile(setting("filter", "where"), "<where>", "eval")
        park(VALUE)
        run_parked()
        return eval(predicate, {"__builtins__": {}}, {})
    """
    bad = project(
        tmp_path / "bad", {"settings.py": settings, "app.py": app.replace("VALUE", "sys.argv[1]")}
    )
    assert bad == [(94, "app.py", 7), (95, "app.py", 10), (95, "settings.py", 20)]
    safe = project(
        tmp_path / "safe", {"settings.py": settings, "app.py": app.replace("VALUE", '"x > 1"')}
    )
    assert safe == []


REPO = """
import sqlite3

class Repository:
    def __init__(self, conn):
        self.conn = conn

    def fetch(self, sql, params=()):
        cur = self.conn.cursor()
        cur.execute(sql, params)
        return cur.fetchall()
"""


def test_a_method_inherited_from_a_base_class_in_another_module_is_followed(
    tmp_path: Path,
) -> None:
    app = """
    import sqlite3
    from flask import Flask, jsonify, request
    from repo import Repository

    app = Flask(__name__)

    class DocketRepository(Repository):
        def by_party(self, party):
            sql = f"SELECT docket FROM dockets WHERE caption LIKE '%{party}%'"
            return self.fetch(SQL)

    class SearchService:
        def __init__(self, repo):
            self.repo = repo

        def search(self, criteria):
            return [dict(r) for r in self.repo.by_party(criteria.get("party", ""))]

    @app.get("/dockets")
    def dockets():
        repo = DocketRepository(sqlite3.connect("d.db"))
        return jsonify(results=SearchService(repo).search(request.args))
    """
    bad = project(tmp_path / "bad", {"repo.py": REPO, "app.py": app.replace("SQL", "sql")})
    assert bad == [(89, "repo.py", 10)]
    safe = app.replace("SQL", '"SELECT docket FROM dockets WHERE caption LIKE ?", (party,)')
    assert project(tmp_path / "safe", {"repo.py": REPO, "app.py": safe}) == []


def test_an_instance_made_by_a_classmethod_carries_its_fields_to_its_methods() -> None:
    code = """
    import base64
    from flask import Flask, jsonify, request
    app = Flask(__name__)

    class NoticeTemplate:
        def __init__(self, body):
            self.body = body

        @classmethod
        def from_request(cls, form):
            return cls(base64.b64decode(form["template_b64"]).decode("utf-8"))

        def render(self, **fields):
            return eval("f" + repr(self.body), {}, fields)

    @app.post("/notices/preview")
    def preview_notice():
        template = NoticeTemplate.from_request(FORM)
        return jsonify(preview=template.render(guardian="Jordan"))
    """
    assert flagged(code.replace("FORM", "request.form")) == [(95, 15)]
    assert flagged(code.replace("FORM", '{"template_b64": "e2d1YXJkaWFufQ=="}')) == []
