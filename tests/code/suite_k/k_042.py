import mimetypes
import os

from flask import Flask, Response, abort, request

app = Flask(__name__)

MANUALS_ROOT = os.environ.get("MANUALS_ROOT", "/srv/iot/manuals")


class ManualStore:
    def __init__(self, root):
        self.root = root

    def path_for(self, model, document):
        return os.path.join(self.root, model.lower(), document)

    def read(self, model, document):
        with open(self.path_for(model, document), "rb") as fh:
            return fh.read()


store = ManualStore(MANUALS_ROOT)


@app.route("/devices/<model>/manual")
def device_manual(model):
    document = request.args.get("doc", "quickstart.pdf")
    if not model.isalnum():
        abort(404)
    try:
        data = store.read(model, document)
    except FileNotFoundError:
        abort(404)
    mime = mimetypes.guess_type(document)[0] or "application/octet-stream"
    return Response(data, mimetype=mime)
