"""Hand-rolled session store for a small Flask API."""
import random
import time

from flask import Flask, request, jsonify, make_response

app = Flask(__name__)
STORE = {}


def new_session_id():
    return "%032x" % random.getrandbits(128)


@app.route("/api/session", methods=["POST"])
def open_session():
    user = request.get_json(force=True).get("user")
    if not user:
        return jsonify({"error": "user required"}), 400
    sid = new_session_id()
    STORE[sid] = {"user": user, "created": time.time()}
    resp = make_response(jsonify({"ok": True}))
    resp.set_cookie("api_sid", sid, secure=True, httponly=True)
    return resp


@app.route("/api/session")
def current():
    entry = STORE.get(request.cookies.get("api_sid", ""))
    return jsonify(entry or {})
