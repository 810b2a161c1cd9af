"""Session cookie helper shared by the admin app."""
import configparser
import secrets

from flask import Flask, request, jsonify, make_response

app = Flask(__name__)

config = configparser.ConfigParser()
config.read_string(
    """
[cookies]
name = admin_sid
secure = yes
httponly = yes
samesite = Strict
"""
)


def cookie_kwargs():
    section = config["cookies"]
    return {
        "secure": section.getboolean("secure"),
        "httponly": section.getboolean("httponly"),
        "samesite": section.get("samesite"),
    }


sessions = {}


@app.route("/admin/login", methods=["POST"])
def admin_login():
    sid = secrets.token_urlsafe(32)
    sessions[sid] = request.form.get("user", "")
    resp = make_response(jsonify({"ok": True}))
    resp.set_cookie(config["cookies"]["name"], sid, **cookie_kwargs())
    return resp
