"""Session cookie issued by the reporting app."""
import secrets

from flask import Flask, request, jsonify, make_response

app = Flask(__name__)
COOKIE_OPTS = {"secure": True, "httponly": True, "samesite": "Lax", "path": "/"}
SESSIONS = {}


def set_session_cookie(resp, sid, **extra):
    opts = dict(COOKIE_OPTS)
    opts.update(extra)
    resp.set_cookie("report_session", sid, **opts)
    return resp


@app.route("/reports/login", methods=["POST"])
def login():
    sid = secrets.token_urlsafe(32)
    SESSIONS[sid] = request.form["user"]
    return set_session_cookie(make_response(jsonify(ok=True)), sid, max_age=3600)


@app.errorhandler(404)
def not_found(_err):
    return {"error": "not found"}, 404


@app.errorhandler(405)
def wrong_method(_err):
    return {"error": "method not allowed"}, 405
