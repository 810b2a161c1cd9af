"""Download endpoint for generated invoices."""
import os

from flask import Flask, abort, send_from_directory
from flask_login import current_user, login_required

app = Flask(__name__)

INVOICE_ROOT = os.environ.get("INVOICE_ROOT", "/srv/invoices")


class InvoiceStore:
    def __init__(self, root):
        self.root = root

    def directory_for(self, customer_id: int) -> str:
        return os.path.join(self.root, str(int(customer_id)))

    def send(self, customer_id, filename):
        return send_from_directory(
            self.directory_for(customer_id),
            filename,
            as_attachment=True,
            mimetype="application/pdf",
        )


store = InvoiceStore(INVOICE_ROOT)


@app.route("/invoices/<path:filename>")
@login_required
def download_invoice(filename):
    if not filename.endswith(".pdf"):
        abort(404)
    return store.send(current_user.customer_id, filename)
