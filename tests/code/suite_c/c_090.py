from flask import Flask, jsonify, make_response

from app.auth import new_token

app = Flask(__name__)

COOKIE_OPTS = dict(secure=True, httponly=True, samesite="Lax", domain=".example.com", path="/")


def cookie_opts(**overrides):
    opts = dict(COOKIE_OPTS)
    opts.update(overrides)
    return opts


@app.route("/v2/sso/issue", methods=["POST"])
def issue_sso():
    resp = make_response(jsonify(issued=True))
    resp.set_cookie("sso_token", new_token(), **cookie_opts(max_age=8 * 3600))
    return resp
