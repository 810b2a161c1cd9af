"""Community bank: customers download their tax forms (1099-INT etc.)."""
import os

from flask import Flask, abort, request, send_file

app = Flask(__name__)

FORMS_ROOT = "/srv/bank/tax-forms"
ALLOWED_EXTENSIONS = {"pdf", "csv"}


@app.get("/tax-forms/download")
def download_tax_form():
    name = request.args.get("name", "")
    ext = name.rsplit(".", 1)[-1].lower()
    if ext not in ALLOWED_EXTENSIONS:
        abort(400)
    year = request.args.get("year", "2024")
    path = os.path.join(FORMS_ROOT, year[:4], name)
    return send_file(path, as_attachment=True)
