import hashlib
import json

from flask import Flask, Response, request

app = Flask(__name__)

CATALOGUE = [
    {"isbn": "9780441013593", "title": "Dune", "shelf": "SF-12"},
    {"isbn": "9780553283686", "title": "Hyperion", "shelf": "SF-14"},
    {"isbn": "9780441569595", "title": "Neuromancer", "shelf": "SF-13"},
]


def catalogue_body(shelf=None):
    rows = [b for b in CATALOGUE if shelf is None or b["shelf"] == shelf]
    return json.dumps(rows, sort_keys=True).encode("utf-8")


def etag_for(body):
    return '"%s"' % hashlib.md5(body).hexdigest()


@app.route("/catalogue")
def catalogue():
    body = catalogue_body(request.args.get("shelf"))
    tag = etag_for(body)
    if request.headers.get("If-None-Match") == tag:
        return Response(status=304, headers={"ETag": tag})
    resp = Response(body, mimetype="application/json")
    resp.headers["ETag"] = tag
    resp.headers["Cache-Control"] = "public, max-age=60"
    return resp
