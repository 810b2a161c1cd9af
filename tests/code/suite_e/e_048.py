"""Water utility: download a standard form (service application, backflow test...)."""
import os

from flask import Flask, abort, request, send_file

app = Flask(__name__)

FORMS_DIR = "/srv/riverbend/forms"
FORMS = {
    "service": "new-service-application.pdf",
    "backflow": "backflow-test-report.pdf",
    "leak": "leak-adjustment-request.pdf",
}


@app.get("/forms")
def standard_form():
    key = request.args.get("form", "").strip().lower()
    filename = FORMS.get(key)
    if filename is None:
        abort(404)
    return send_file(os.path.join(FORMS_DIR, filename), as_attachment=True)
