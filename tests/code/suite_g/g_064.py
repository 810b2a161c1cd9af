"""School district: staff intranet sign-in writes its own Set-Cookie header."""
import secrets

from flask import Flask, make_response, request

app = Flask(__name__)
SESSIONS = {}


def new_session(user):
    sid = secrets.token_urlsafe(32)
    SESSIONS[sid] = user
    return sid


@app.route("/intranet/login", methods=["POST"])
def intranet_login():
    sid = new_session(request.form["user"])
    resp = make_response("ok")
    resp.headers["Set-Cookie"] = f"sid={sid}; HttpOnly; Path=/; SameSite=Lax"
    return resp
