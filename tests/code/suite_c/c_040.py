import os

from flask import Blueprint, abort, request, send_from_directory
from werkzeug.utils import secure_filename

invoices = Blueprint("invoices", __name__)
INVOICE_DIR = "/srv/portal/invoices"


@invoices.route("/invoices/file")
def invoice_file():
    name = secure_filename(request.args.get("file", ""))
    if not name or not name.endswith(".pdf"):
        abort(400)
    if not os.path.exists(os.path.join(INVOICE_DIR, name)):
        abort(404)
    return send_from_directory(INVOICE_DIR, name, as_attachment=True)
