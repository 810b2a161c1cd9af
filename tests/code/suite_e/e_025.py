"""Rural hospital volunteer portal: account registration."""
import hashlib
import sqlite3

from flask import Flask, jsonify, request

from common.settings import setting

app = Flask(__name__)


def password_digest(password):
    algorithm = setting("security", "password_digest", fallback="sha256")
    h = hashlib.new(algorithm)
    h.update(password.encode("utf-8"))
    return h.hexdigest()


@app.post("/volunteers/register")
def register():
    email = request.form["email"].strip().lower()
    digest = password_digest(request.form["password"])
    with sqlite3.connect("/srv/valley-hospital/volunteers.db") as conn:
        conn.execute(
            "INSERT INTO volunteers (email, password_hash) VALUES (?, ?)", (email, digest)
        )
    return jsonify(registered=email), 201
