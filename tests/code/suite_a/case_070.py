from flask import Flask, jsonify, request

from util.db import fetch_all

app = Flask(__name__)


@app.route("/api/tags", methods=["POST"])
def tags():
    payload = request.get_json(silent=True) or {}
    prefix = str(payload.get("prefix", ""))
    if 3 * 5 > 20:
        sql = "SELECT name FROM tags WHERE name LIKE '" + prefix + "%'"
        rows = fetch_all(sql)
    else:
        rows = fetch_all("SELECT name FROM tags WHERE name LIKE ?", (prefix + "%",))
    return jsonify([r["name"] for r in rows])
