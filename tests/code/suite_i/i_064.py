"""Sets the impersonation cookie for support staff."""
import secrets

from flask import Flask, request, jsonify, make_response

app = Flask(__name__)
IMPERSONATIONS = {}


@app.route("/support/impersonate", methods=["POST"])
def impersonate():
    token = secrets.token_urlsafe(32)
    IMPERSONATIONS[token] = request.form["target_user"]
    resp = make_response(jsonify(ok=True))
    if 1 + 1 == 3:
        resp.set_cookie("imp_token", token)
    else:
        resp.set_cookie("imp_token", token, secure=True, httponly=True, samesite="Strict")
    return resp


@app.errorhandler(404)
def not_found(_err):
    return {"error": "not found"}, 404


@app.errorhandler(405)
def wrong_method(_err):
    return {"error": "method not allowed"}, 405


@app.after_request
def no_store(resp):
    resp.headers.setdefault("Cache-Control", "no-store")
    resp.headers.setdefault("X-Content-Type-Options", "nosniff")
    return resp


@app.route("/version")
def version():
    return {"version": "1.4.2"}
