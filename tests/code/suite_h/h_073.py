"""Guest checkout: the customer types a display name that is kept for the visit."""
import os
import time

from flask import Flask, request, session, jsonify

app = Flask(__name__)
app.secret_key = "replace-in-production"


def remember(key, value):
    session[key] = value
    session.modified = True


@app.route("/checkout/guest")
def guest():
    name = request.args.get("user", "guest")
    remember("user", name)
    remember("guest", True)
    return jsonify({"hello": name})


@app.route("/checkout/summary")
def summary():
    return jsonify({"user": session.get("user"), "guest": session.get("guest", False)})


STARTED_AT = time.time()
APP_VERSION = os.environ.get("APP_VERSION", "dev")


@app.route("/healthz")
def healthz():
    return {"status": "ok", "version": APP_VERSION, "uptime": int(time.time() - STARTED_AT)}
