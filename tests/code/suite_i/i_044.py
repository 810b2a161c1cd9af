"""Export files produced by the reporting job."""
import os

from flask import Flask, abort, request, send_file

app = Flask(__name__)
EXPORT_ROOT = os.path.realpath("/var/exports")


class ExportStore:
    def __init__(self, root):
        self.root = root

    def locate(self, relative):
        candidate = os.path.realpath(os.path.join(self.root, relative))
        if os.path.commonpath([candidate, self.root]) != self.root:
            raise PermissionError(relative)
        return candidate


store = ExportStore(EXPORT_ROOT)


@app.route("/exports")
def download():
    rel = request.args.get("path", "")
    try:
        full = store.locate(rel)
    except PermissionError:
        abort(403)
    if not os.path.isfile(full):
        abort(404)
    return send_file(full, as_attachment=True)
