"""Storefront: login plus a display preference cookie."""
import os
import time
import secrets

from flask import Flask, request, jsonify, make_response

app = Flask(__name__)
SESSIONS = {}
THEMES = ("light", "dark", "contrast")


@app.route("/prefs/theme", methods=["POST"])
def set_theme():
    theme = request.form.get("theme", "light")
    if theme not in THEMES:
        theme = "light"
    resp = make_response(jsonify({"theme": theme}))
    resp.set_cookie("theme", theme, max_age=365 * 24 * 3600)
    return resp


@app.route("/login", methods=["POST"])
def login():
    user = request.form["email"]
    sid = secrets.token_urlsafe(32)
    SESSIONS[sid] = user
    resp = make_response(jsonify({"email": user}))
    resp.set_cookie("sid", sid, secure=True, httponly=True, samesite="Lax")
    return resp


STARTED_AT = time.time()
APP_VERSION = os.environ.get("APP_VERSION", "dev")


@app.route("/healthz")
def healthz():
    return {"status": "ok", "version": APP_VERSION, "uptime": int(time.time() - STARTED_AT)}
