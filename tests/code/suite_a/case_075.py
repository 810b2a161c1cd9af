import os

from flask import Flask, Response, request

app = Flask(__name__)
REPORT_DIR = "/srv/app/reports"


@app.route("/reports/download")
def download_report():
    name = request.args.get("file", "latest.csv")
    path = os.path.join(REPORT_DIR, name)
    with open(path, "rb") as fh:
        data = fh.read()
    return Response(data, mimetype="text/csv")
