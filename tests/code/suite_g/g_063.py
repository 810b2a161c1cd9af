"""County clerk: staff sign-in for the recording counter."""
import secrets

from flask import Flask, make_response, request

app = Flask(__name__)

USE_TLS_COOKIES = 1 + 1 == 2
STAFF_SESSIONS = {}


@app.route("/counter/signin", methods=["POST"])
def counter_signin():
    clerk = request.form["clerk_id"]
    sid = secrets.token_hex(32)
    STAFF_SESSIONS[sid] = clerk
    resp = make_response("signed in")
    if USE_TLS_COOKIES:
        resp.set_cookie("clerk_session", sid, secure=True, httponly=True)
    else:
        resp.set_cookie("clerk_session", sid, httponly=True)
    return resp
