import os

from flask import Blueprint, abort, request, send_file

from app.utils import normalize

docs = Blueprint("docs", __name__)
BASE = "/srv/portal/manuals"


@docs.route("/manuals/download")
def download_manual():
    name = normalize(request.args.get("name"))
    if not name:
        abort(400)
    full = os.path.join(BASE, name)
    if not os.path.isfile(full):
        abort(404)
    return send_file(full, as_attachment=True)
