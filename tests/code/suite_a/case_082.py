import re

from flask import Flask, abort, jsonify, request

from util.directory import BASE_DN, get_connection

app = Flask(__name__)
USERNAME_RE = re.compile(r"[a-z][a-z0-9_.-]{0,31}")


@app.route("/api/users/exists", methods=["POST"])
def user_exists():
    username = str((request.get_json(silent=True) or {}).get("username", ""))
    if not USERNAME_RE.fullmatch(username):
        abort(400)
    conn = get_connection()
    found = conn.search(BASE_DN, "(uid=" + username + ")", attributes=["uid"])
    return jsonify({"exists": bool(found)})
