"""Credit union: member self-registration."""
import hashlib
import sqlite3

from flask import Flask, jsonify, request

app = Flask(__name__)
DB = "members.db"


@app.route("/members/register", methods=["POST"])
def register():
    member_no = request.form["member_no"]
    password = request.form["password"]
    digest = hashlib.md5(password.encode("utf-8")).hexdigest()
    with sqlite3.connect(DB) as conn:
        conn.execute(
            "INSERT INTO members (member_no, password_hash) VALUES (?, ?)",
            (member_no, digest),
        )
    return jsonify({"registered": member_no}), 201
