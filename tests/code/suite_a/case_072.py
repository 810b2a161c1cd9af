import hashlib
import json

from flask import Flask, Response, request

app = Flask(__name__)
CATALOG = {"items": [{"sku": "A-1", "price": 10}, {"sku": "B-7", "price": 25}]}


@app.route("/api/catalog")
def catalog():
    payload = json.dumps(CATALOG, sort_keys=True).encode()
    etag = hashlib.md5(payload, usedforsecurity=False).hexdigest()
    if request.if_none_match.contains(etag):
        return Response(status=304)
    resp = Response(payload, mimetype="application/json")
    resp.set_etag(etag)
    return resp
