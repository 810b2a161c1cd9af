"""County court public access: download an exhibit attached to a docket."""
import os

from flask import Flask, abort, request, send_file

from common.cleaning import is_docket
from common.pathtools import normalise
from common.settings import setting

app = Flask(__name__)


class ExhibitStore:
    def __init__(self, root):
        self.root = root

    def path_for(self, docket, exhibit):
        return os.path.join(self.root, docket, "exhibits", normalise(exhibit))


store = ExhibitStore(setting("paths", "records_root"))


@app.get("/dockets/<docket>/exhibits")
def download_exhibit(docket):
    if not is_docket(docket):
        abort(404)
    path = store.path_for(docket, request.args.get("file", ""))
    if not os.path.isfile(path):
        abort(404)
    return send_file(path, as_attachment=True)
