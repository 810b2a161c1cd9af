"""Log viewer for the deployment tool."""
import os

from flask import Flask, request, abort, Response

app = Flask(__name__)
LOG_DIR = os.path.realpath("/var/log/deployer")


def resolve(relative):
    candidate = os.path.realpath(os.path.join(LOG_DIR, relative))
    if not candidate.startswith(LOG_DIR + os.sep):
        return None
    return candidate


@app.route("/logs/view", methods=["POST"])
def view_log():
    relative = request.form.get("path", "")
    full = resolve(relative)
    if full is None or not os.path.isfile(full):
        abort(404)
    lines = int(request.form.get("tail", 200))
    with open(full, encoding="utf-8", errors="replace") as fh:
        tail = fh.readlines()[-lines:]
    return Response("".join(tail), mimetype="text/plain")


@app.after_request
def no_store(response):
    response.headers.setdefault("Cache-Control", "no-store")
    return response
