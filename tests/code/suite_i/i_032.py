"""Search API with a response cache; account passwords use scrypt."""
import hashlib
import hmac
import os

from flask import Flask, request, jsonify

app = Flask(__name__)
CACHE = {}
USERS = {}


def cache_key(args):
    canonical = "&".join(f"{k}={v}" for k, v in sorted(args.items()))
    return hashlib.sha1(canonical.encode()).hexdigest()


def kdf(password, salt):
    return hashlib.scrypt(password.encode(), salt=salt, n=2**15, r=8, p=1, maxmem=64 * 1024 * 1024)


@app.route("/search")
def search():
    key = cache_key(request.args)
    if key not in CACHE:
        CACHE[key] = {"q": request.args.get("q", ""), "hits": []}
    return jsonify(CACHE[key])


@app.route("/account", methods=["POST"])
def account():
    salt = os.urandom(16)
    USERS[request.form["user"]] = (salt, kdf(request.form["password"], salt))
    return jsonify(ok=True), 201


@app.route("/account/login", methods=["POST"])
def account_login():
    salt, key = USERS.get(request.form["user"], (b"", b""))
    ok = bool(salt) and hmac.compare_digest(kdf(request.form["password"], salt), key)
    return jsonify(ok=ok)
