"""Invoice download for the billing portal."""
import os

from flask import Flask, request, Response, abort

app = Flask(__name__)
INVOICE_DIR = os.environ.get("INVOICE_DIR", "/srv/billing/invoices")


def invoice_path(customer, name):
    return os.path.join(INVOICE_DIR, customer, name)


@app.route("/billing/<customer>/invoice")
def invoice(customer):
    name = request.args.get("file", "")
    if not name.endswith(".pdf"):
        abort(400)
    path = invoice_path(customer, name)
    if not os.path.isfile(path):
        abort(404)
    with open(path, "rb") as fh:
        return Response(fh.read(), mimetype="application/pdf")


def create_app(config=None):
    if config:
        app.config.update(config)
    return app


if __name__ == "__main__":
    create_app().run(host="127.0.0.1", port=8080)
