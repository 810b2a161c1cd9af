"""County clerk: marriage-licence index search from the public kiosk."""
import sqlite3

from flask import Flask, jsonify, request

app = Flask(__name__)

QUERY = "SELECT license_no, party_a, party_b, issued FROM licenses WHERE party_a = '{}' OR party_b = '{}'"


@app.route("/licenses/search", methods=["POST"])
def license_search():
    payload = request.get_json(silent=True) or {}
    name = payload.get("name", "").strip()
    conn = sqlite3.connect("clerk.db")
    cur = conn.cursor()
    cur.execute(QUERY.format(name, name))
    return jsonify(cur.fetchall())
