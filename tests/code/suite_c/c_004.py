import os
import uuid

from flask import Flask, abort, request, send_file

app = Flask(__name__)
EXPORT_DIR = "/srv/portal/exports"


@app.route("/exports/<export_id>")
def get_export(export_id):
    try:
        ident = uuid.UUID(request.view_args["export_id"])
    except ValueError:
        abort(404)
    path = os.path.join(EXPORT_DIR, f"{ident}.zip")
    if not os.path.exists(path):
        abort(404)
    return send_file(path, mimetype="application/zip", download_name="export.zip")
