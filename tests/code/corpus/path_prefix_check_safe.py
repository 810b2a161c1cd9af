"""Safe: the path is resolved with realpath and refused with 403 unless it stays under the
reports folder, before it is opened."""

import os

from flask import Flask, abort, request

app = Flask(__name__)
BASE = "/srv/reports"


@app.route("/reports/view")
def view_report():
    name = request.args.get("name", "")
    full = os.path.realpath(os.path.join(BASE, name))
    if not full.startswith(BASE + os.sep):
        abort(403)
    with open(full, encoding="utf-8") as handle:
        return {"characters": len(handle.read())}
