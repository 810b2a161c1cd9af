"""School district: teachers fetch their shared lesson plans."""
import os

from flask import Flask, abort, send_file

app = Flask(__name__)
PLANS = "/srv/district/lesson_plans"


@app.route("/plans/<path:name>")
def lesson_plan(name):
    full = os.path.join(PLANS, name)
    if not full.startswith(PLANS):
        abort(403)
    if not os.path.isfile(full):
        abort(404)
    return send_file(full)
