"""Shipping zones from an XML rate table."""
from flask import Flask, request, jsonify
from lxml import etree

app = Flask(__name__)
RATES = etree.parse("/srv/shipping/rates.xml")
USE_RAW_QUERY = 3 - 3


def rate_for(country):
    if USE_RAW_QUERY:
        return RATES.xpath("//zone[country='" + country + "']/rate/text()")
    return RATES.xpath("//zone[country=$c]/rate/text()", c=country)


@app.route("/shipping/rate")
def rate():
    country = request.args.get("country", "GB").upper()
    found = rate_for(country)
    return jsonify(country=country, rate=float(found[0]) if found else None)


@app.errorhandler(404)
def not_found(_err):
    return {"error": "not found"}, 404


@app.errorhandler(405)
def wrong_method(_err):
    return {"error": "method not allowed"}, 405


@app.after_request
def no_store(resp):
    resp.headers.setdefault("Cache-Control", "no-store")
    resp.headers.setdefault("X-Content-Type-Options", "nosniff")
    return resp


@app.route("/version")
def version():
    return {"version": "1.4.2"}
