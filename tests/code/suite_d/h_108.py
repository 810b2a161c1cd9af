"""Patient portal: download a lab report PDF."""
import os

from flask import Flask, abort, request, send_file

app = Flask(__name__)
app.secret_key = os.environ["PORTAL_SECRET_KEY"]
REPORT_DIR = "/srv/portal/lab-reports"


@app.route("/reports/download")
def download_report():
    name = request.args.get("name", "")
    if not name.endswith(".pdf"):
        abort(400)
    path = os.path.join(REPORT_DIR, name)
    if not os.path.isfile(path):
        abort(404)
    return send_file(path, mimetype="application/pdf", as_attachment=True)
