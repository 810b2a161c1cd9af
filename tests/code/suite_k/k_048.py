"""Invoice PDFs for the booking site."""
import os

from flask import Blueprint, abort, request, send_file

invoices = Blueprint("invoices", __name__)

INVOICE_ROOT = "/srv/bookings/invoices"


def within_root(path):
    return path.startswith(INVOICE_ROOT)


@invoices.route("/invoices/download")
def download_invoice():
    ref = request.args.get("ref", "").strip()
    path = os.path.join(INVOICE_ROOT, ref)
    if not within_root(path):
        abort(403)
    if not os.path.exists(path):
        abort(404)
    return send_file(path, mimetype="application/pdf", as_attachment=True,
                     download_name="invoice.pdf")


@invoices.route("/bookings/<int:booking_id>/invoice")
def booking_invoice(booking_id):
    path = os.path.join(INVOICE_ROOT, "booking-%d.pdf" % booking_id)
    if not os.path.exists(path):
        abort(404)
    return send_file(path, mimetype="application/pdf")
