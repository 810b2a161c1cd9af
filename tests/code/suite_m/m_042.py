import mimetypes
import os

from flask import Flask, request, Response, abort

app = Flask(__name__)

RECORDS_ROOT = "/srv/vetclinic/records"


def normalise(name):
    name = name.strip()
    return name.replace("../", "")


def read_record(name):
    path = os.path.join(RECORDS_ROOT, normalise(name))
    if not os.path.isfile(path):
        return None, None
    with open(path, "rb") as fh:
        return fh.read(), mimetypes.guess_type(path)[0] or "application/octet-stream"


@app.route("/records/attachment")
def attachment():
    name = request.args.get("file", "")
    if not name:
        abort(400)
    data, mime = read_record(name)
    if data is None:
        abort(404)
    return Response(data, mimetype=mime,
                    headers={"Content-Disposition": "attachment"})


if __name__ == "__main__":
    app.run()
