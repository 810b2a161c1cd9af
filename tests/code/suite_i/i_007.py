"""Log tail endpoint used by the support tooling."""
import os
import re

from flask import Flask, request, Response

app = Flask(__name__)
LOG_DIR = "/var/log/apps"
NAME_RE = re.compile(r"^[a-z0-9_-]+$")


def is_valid_service(name):
    return bool(NAME_RE.match(name))


def tail(service, lines=100):
    path = f"{LOG_DIR}/{service}.log"
    return os.popen(f"tail -n {lines} {path}").read()


@app.route("/support/logs")
def logs():
    service = request.headers.get("X-Service", "web")
    if not service:
        return Response("missing service", status=400)
    is_valid_service(service)
    return Response(tail(service), mimetype="text/plain")


@app.after_request
def no_store(resp):
    resp.headers.setdefault("Cache-Control", "no-store")
    resp.headers.setdefault("X-Content-Type-Options", "nosniff")
    return resp


@app.route("/version")
def version():
    return {"version": "1.4.2"}
