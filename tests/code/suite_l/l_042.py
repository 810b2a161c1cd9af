import os
from typing import Optional

from flask import Flask, Response, abort, request

app = Flask(__name__)

LOG_ROOT = os.path.realpath("/var/log/ci/jobs")


def resolve_log(relative: str) -> Optional[str]:
    """Map a user supplied relative path to a file inside LOG_ROOT."""
    candidate = os.path.realpath(os.path.join(LOG_ROOT, relative))
    if os.path.commonpath([LOG_ROOT, candidate]) != LOG_ROOT:
        return None
    if not os.path.isfile(candidate):
        return None
    return candidate


@app.route("/jobs/log")
def job_log():
    relative = request.args.get("path", "")
    path = resolve_log(relative)
    if path is None:
        abort(404)
    tail = int(request.args.get("tail", "200"))
    with open(path, "r", errors="replace") as fh:
        lines = fh.readlines()[-tail:]
    return Response("".join(lines), mimetype="text/plain")


@app.route("/jobs/log/size")
def job_log_size():
    path = resolve_log(request.args.get("path", ""))
    if path is None:
        abort(404)
    return {"bytes": os.path.getsize(path)}
