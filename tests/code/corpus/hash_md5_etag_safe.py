"""Safe: MD5 only names a cached response (an ETag), with usedforsecurity=False; nothing
security-relevant depends on it."""

import hashlib

from flask import Flask, make_response

app = Flask(__name__)
REPORT_PATH = "/srv/reports/latest.csv"


@app.route("/reports/latest")
def latest_report():
    with open(REPORT_PATH, "rb") as handle:
        body = handle.read()
    response = make_response(body)
    response.headers["Content-Type"] = "text/csv"
    response.set_etag(hashlib.md5(body, usedforsecurity=False).hexdigest())
    return response
