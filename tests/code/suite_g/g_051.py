"""Water district: the outage map links out to the partner utility's page."""
from flask import Flask, abort, redirect, request

app = Flask(__name__)
TRUSTED = "waterpartners.org"


@app.route("/outages/partner")
def partner_link():
    url = request.args.get("url", "")
    if TRUSTED not in url:
        abort(400, "only partner links")
    return redirect(url, code=302)


OUTAGES = [
    {"area": "Hillcrest", "until": "18:00"},
    {"area": "Lower Mill Rd", "until": "21:30"},
]


@app.route("/outages")
def outages():
    return {"outages": OUTAGES}


@app.errorhandler(400)
def bad_request(err):
    return {"error": str(err.description)}, 400
