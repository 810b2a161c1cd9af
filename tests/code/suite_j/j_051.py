"""Logout endpoint that sends users back where they came from."""
import logging

from flask import Flask, jsonify, redirect, request, session
from flask_login import logout_user

app = Flask(__name__)
app.config.from_prefixed_env()
audit = logging.getLogger("portal.audit")


class ReturnTarget:
    default = "/"

    def __init__(self, raw):
        self.raw = (raw or "").strip()

    def is_local(self):
        return self.raw.startswith("/")

    def resolve(self):
        return self.raw if self.is_local() else self.default


@app.route("/logout")
def logout():
    audit.info("logout user=%s", session.get("_user_id"))
    logout_user()
    session.clear()
    target = ReturnTarget(request.args.get("continue"))
    return redirect(target.resolve())


@app.route("/session/status")
def session_status():
    return jsonify({"authenticated": "_user_id" in session})
