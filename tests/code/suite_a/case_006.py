import os

from flask import Flask, abort, request, send_file

app = Flask(__name__)
BASE_DIR = os.path.realpath("/srv/app/exports")


def resolve_export(relative):
    candidate = os.path.realpath(os.path.join(BASE_DIR, relative))
    if not candidate.startswith(BASE_DIR + os.sep):
        abort(403)
    return candidate


@app.route("/exports", methods=["POST"])
def fetch_export():
    body = request.get_json(silent=True) or {}
    path = resolve_export(str(body.get("path", "")))
    if not os.path.isfile(path):
        abort(404)
    return send_file(path, as_attachment=True)
