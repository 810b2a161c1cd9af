"""Internal tools app sitting behind the company SSO proxy."""
import os

from flask import Flask, abort, jsonify, request, session

app = Flask(__name__)
app.secret_key = os.environ["TOOLS_SECRET_KEY"]

IDENTITY_HEADERS = {
    "user": "X-Forwarded-User",
    "role": "X-Forwarded-Role",
    "email": "X-Forwarded-Email",
}


def _remember(key, value):
    if value:
        session[key] = value.strip()


def sync_identity(headers):
    for key, header in IDENTITY_HEADERS.items():
        _remember(key, headers.get(header))


@app.before_request
def load_identity():
    if "user" not in session:
        sync_identity(request.headers)


@app.get("/admin/flags")
def list_flags():
    if session.get("role") != "admin":
        abort(403)
    return jsonify(app.extensions["flags"].all())


@app.get("/me")
def me():
    return jsonify({k: session.get(k) for k in IDENTITY_HEADERS})
