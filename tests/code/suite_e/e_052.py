"""Water utility portal: after paying a bill, go back to the billing tab the user was on."""
from urllib.parse import quote

from flask import Flask, redirect, request

app = Flask(__name__)


@app.post("/billing/pay")
def pay_bill():
    tab = request.form.get("tab", "summary")
    # payment processing elided
    return redirect("/portal/billing?tab=" + quote(tab, safe=""), code=303)
