"""School district: staff portal with an admin page for grade changes."""
from flask import Flask, abort, request, session

app = Flask(__name__)
app.secret_key = "portal-secret"


@app.route("/login", methods=["POST"])
def login():
    session["user"] = request.form["user"]
    session["role"] = request.form.get("role", "teacher")
    return "logged in"


@app.route("/admin/grades", methods=["POST"])
def change_grade():
    if session.get("role") != "admin":
        abort(403)
    student = request.form["student"]
    grade = request.form["grade"]
    return f"grade for {int(student)} set to {grade[:2]!r}"
