"""Clinic: staff accounts created by the practice manager."""
import sqlite3

from flask import Flask, redirect, request, url_for
from werkzeug.security import check_password_hash, generate_password_hash

app = Flask(__name__)


@app.route("/staff/new", methods=["POST"])
def new_staff():
    username = request.form["username"]
    pw_hash = generate_password_hash(request.form["password"], method="scrypt")
    with sqlite3.connect("clinic.db") as conn:
        conn.execute("INSERT INTO staff (username, pw) VALUES (?, ?)", (username, pw_hash))
    return redirect(url_for("staff_list"))


@app.route("/staff/check", methods=["POST"])
def check_staff():
    with sqlite3.connect("clinic.db") as conn:
        row = conn.execute(
            "SELECT pw FROM staff WHERE username = ?", (request.form["username"],)
        ).fetchone()
    ok = row is not None and check_password_hash(row[0], request.form["password"])
    return {"ok": ok}


@app.route("/staff")
def staff_list():
    return "staff"
