"""County clerk: scanned deed images under the archive folder."""
import os

from flask import Flask, abort, request, send_file

app = Flask(__name__)
ARCHIVE = os.path.realpath("/srv/clerk/deeds")


def resolve_inside(base, relative):
    candidate = os.path.realpath(os.path.join(base, relative))
    if os.path.commonpath([base, candidate]) != base:
        return None
    return candidate


@app.route("/deeds/image")
def deed_image():
    rel = request.args.get("path", "")
    target = resolve_inside(ARCHIVE, rel)
    if target is None or not os.path.isfile(target):
        abort(404)
    return send_file(target)
