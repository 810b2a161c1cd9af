"""Logout handler; only local paths are honoured for the post-logout page."""
from urllib.parse import urlparse

from flask import Flask, redirect, request, session, url_for

app = Flask(__name__)
app.secret_key = "dev"


def local_target(target):
    if not target:
        return None
    target = target.replace("\\", "/")
    if any(ord(c) < 33 or ord(c) == 127 for c in target):
        return None
    parts = urlparse(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


@app.route("/")
def index():
    return "home"


@app.route("/logout")
def logout():
    session.clear()
    dest = local_target(request.args.get("then"))
    return redirect(dest or url_for("index"))


@app.after_request
def no_store(resp):
    resp.headers.setdefault("Cache-Control", "no-store")
    resp.headers.setdefault("X-Content-Type-Options", "nosniff")
    return resp


@app.route("/version")
def version():
    return {"version": "1.4.2"}
