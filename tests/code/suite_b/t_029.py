import os

from flask import Flask, abort, request, send_file

from lib.config import settings

app = Flask(__name__)


@app.get("/files/download")
def download():
    name = request.args.get("name")
    if not name:
        abort(400)
    full_path = os.path.join(settings.upload_root, name)
    if not os.path.isfile(full_path):
        abort(404)
    return send_file(full_path, as_attachment=True)
