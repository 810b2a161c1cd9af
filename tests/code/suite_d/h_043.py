"""Patient portal: leave the bill-pay site and go back."""
import os

from flask import Flask, redirect, request

app = Flask(__name__)
app.secret_key = os.environ["PORTAL_SECRET_KEY"]


@app.route("/billing/done")
def billing_done():
    back = request.args.get("back", "/")
    if not back.startswith("/"):
        back = "/"
    return redirect(back, code=302)
