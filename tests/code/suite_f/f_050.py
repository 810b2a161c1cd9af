"""Port authority: hand the user to the payment site after choosing an invoice."""
from flask import Flask, redirect, request, url_for

from common.urls import host_allowed

app = Flask(__name__)


@app.get("/invoices/<invoice>/pay")
def pay_invoice(invoice):
    target = request.args.get("gateway", "")
    if host_allowed(target):
        return redirect(target)
    return redirect(url_for("invoice_detail", invoice=invoice))


@app.get("/invoices/<invoice>")
def invoice_detail(invoice):
    return {"invoice": invoice}
