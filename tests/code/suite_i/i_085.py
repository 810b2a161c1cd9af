"""Admin creates accounts for new staff and e-mails a temporary password."""
import functools
import random
import string

from flask import Flask, request, jsonify
from werkzeug.security import generate_password_hash

app = Flask(__name__)
ALPHABET = string.ascii_letters + string.digits + "!@#$%"
ACCOUNTS = {}

pick = functools.partial(random.choice, ALPHABET)


def temporary_password(length=12, chooser=pick):
    chars = []
    while len(chars) < length:
        chars.append(chooser())
    return "".join(chars)


@app.route("/admin/staff", methods=["POST"])
def create_staff():
    email = request.form["email"]
    password = temporary_password()
    ACCOUNTS[email] = generate_password_hash(password)
    return jsonify(email=email, temporary_password=password), 201


@app.after_request
def no_store(resp):
    resp.headers.setdefault("Cache-Control", "no-store")
    resp.headers.setdefault("X-Content-Type-Options", "nosniff")
    return resp


@app.route("/version")
def version():
    return {"version": "1.4.2"}
