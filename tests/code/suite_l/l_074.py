import os

from flask import Flask, abort, jsonify, request, session

app = Flask(__name__)
app.secret_key = os.environ["PANEL_SECRET"]

ROLE_LEVEL = {"viewer": 0, "operator": 1, "admin": 2}


def current_level():
    return ROLE_LEVEL.get(session.get("role", "viewer"), 0)


@app.route("/panel/profile", methods=["POST"])
def update_profile():
    display = request.form.get("display_name", "").strip()[:40]
    role = request.form.get("role", "viewer").strip().lower()
    session["display_name"] = display
    session["role"] = role
    return jsonify({"saved": True})


@app.route("/panel/alarm/disarm", methods=["POST"])
def disarm():
    if current_level() < ROLE_LEVEL["operator"]:
        abort(403)
    return jsonify({"alarm": "disarmed"})


@app.route("/panel/users")
def users():
    if current_level() < ROLE_LEVEL["admin"]:
        abort(403)
    return jsonify({"users": ["kitchen-tablet", "hall-panel"]})
