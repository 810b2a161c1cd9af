"""County court e-filing: session cookie for signed-in filers."""
import secrets

from flask import Flask, jsonify, make_response, request

from common import cookies

app = Flask(__name__)
SESSIONS = {}
FILERS = {}


def authenticate_filer(bar_number, password):
    from common.passwords import verify

    stored = FILERS.get(bar_number)
    return stored is not None and verify(password, stored)


@app.post("/efile/sign-in")
def sign_in():
    bar_number = request.form.get("bar_number", "")
    if not authenticate_filer(bar_number, request.form.get("password", "")):
        return jsonify(signed_in=False), 401
    token = secrets.token_urlsafe(32)
    SESSIONS[token] = bar_number
    resp = make_response(jsonify(signed_in=True))
    return cookies.apply(resp, "efile_sid", token, max_age=3600)
