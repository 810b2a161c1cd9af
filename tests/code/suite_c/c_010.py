import hashlib
import json

from flask import Flask, Response, request

from app.storage import db

app = Flask(__name__)


@app.route("/api/catalog")
def catalog():
    rows = db.query("SELECT sku, name, price FROM products WHERE public = 1 ORDER BY sku")
    body = json.dumps(rows, sort_keys=True)
    etag = hashlib.md5(body.encode(), usedforsecurity=False).hexdigest()
    if request.if_none_match.contains(etag):
        return Response(status=304)
    resp = Response(body, mimetype="application/json")
    resp.set_etag(etag)
    return resp
