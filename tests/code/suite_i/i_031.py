"""Member accounts; hashing scheme selectable for compatibility with the old PHP site."""
import hashlib

from flask import Flask, request, jsonify

app = Flask(__name__)

HASHERS = {
    "legacy": lambda pw: hashlib.md5(pw.encode()).hexdigest(),
    "modern": lambda pw: hashlib.scrypt(pw.encode(), salt=b"members", n=2**14, r=8, p=1).hex(),
}
DEFAULT_SCHEME = "legacy"
MEMBERS = {}


def hash_password(pw, scheme=DEFAULT_SCHEME):
    return scheme + ":" + HASHERS[scheme](pw)


@app.route("/members", methods=["POST"])
def add_member():
    form = request.form
    MEMBERS[form["login"]] = hash_password(form["password"])
    return jsonify(login=form["login"]), 201


@app.route("/members/login", methods=["POST"])
def member_login():
    form = request.form
    stored = MEMBERS.get(form["login"], "")
    scheme = stored.split(":", 1)[0] or DEFAULT_SCHEME
    ok = stored == hash_password(form["password"], scheme)
    return jsonify(ok=ok)
