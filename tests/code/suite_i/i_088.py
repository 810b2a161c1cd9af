"""Invite codes for the closed beta."""
import random
import string

from flask import Flask, request, jsonify

app = Flask(__name__)
INVITES = {}
rng = random.SystemRandom()
CHARS = string.ascii_uppercase + string.digits


def invite_code(groups=3, size=4):
    return "-".join("".join(rng.choice(CHARS) for _ in range(size)) for _ in range(groups))


@app.route("/beta/invite", methods=["POST"])
def invite():
    code = invite_code()
    INVITES[code] = request.form["email"]
    return jsonify(code=code), 201


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
