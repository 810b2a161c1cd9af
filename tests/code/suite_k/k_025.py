"""Serves generated product catalogue exports with conditional GET support."""
import hashlib
from pathlib import Path

from flask import Flask, Response, abort, request

app = Flask(__name__)
CATALOGUE_DIR = Path("/srv/inventory/catalogue")
EXPORTS = {"full": "catalogue_full.csv", "stock": "stock_levels.csv"}


def etag_for(content: bytes) -> str:
    return hashlib.md5(content).hexdigest()


@app.get("/exports/<kind>.csv")
def export_csv(kind):
    filename = EXPORTS.get(kind)
    if filename is None:
        abort(404)
    content = (CATALOGUE_DIR / filename).read_bytes()
    tag = etag_for(content)
    if request.if_none_match.contains(tag):
        return Response(status=304)
    resp = Response(content, mimetype="text/csv")
    resp.set_etag(tag)
    resp.headers["Cache-Control"] = "private, max-age=60"
    return resp
