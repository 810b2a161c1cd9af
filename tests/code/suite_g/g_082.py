"""School district: one-time sign-up codes for parent accounts."""
import secrets
import sqlite3

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/parents/invite", methods=["POST"])
def invite_parent():
    student_id = int(request.form["student_id"])
    code = secrets.token_urlsafe(16)
    with sqlite3.connect("school.db") as conn:
        conn.execute("INSERT INTO invites (student_id, code) VALUES (?, ?)", (student_id, code))
    return jsonify({"invite_code": code})


@app.route("/parents/invite/<code>")
def check_invite(code):
    with sqlite3.connect("school.db") as conn:
        row = conn.execute("SELECT student_id FROM invites WHERE code = ?", (code,)).fetchone()
    return jsonify({"valid": row is not None})
