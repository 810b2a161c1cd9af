"""Clinic: the reverse proxy is supposed to send the signed-in user in a header."""
from flask import Flask, abort, jsonify, request, session

app = Flask(__name__)
app.secret_key = "clinic-key"

RECORDS = {"drsmith": ["p-100", "p-101"], "nurse_kim": ["p-102"]}


@app.before_request
def remember_user():
    proxied = request.headers.get("X-Remote-User")
    if proxied:
        session["username"] = proxied


@app.route("/charts")
def charts():
    user = session.get("username")
    if user is None:
        abort(401)
    return jsonify({"user": user, "charts": RECORDS.get(user, [])})
