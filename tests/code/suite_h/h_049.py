"""Outbound link tracker for the newsletter."""
from urllib.parse import urlparse

from flask import Flask, request, redirect, abort

app = Flask(__name__)

PARTNER_HOSTS = {"www.example.com", "shop.example.com", "docs.example.com"}
clicks = {}


def is_partner(url):
    parts = urlparse(url)
    return parts.scheme in ("http", "https") and parts.hostname in PARTNER_HOSTS


@app.route("/out")
def outbound():
    target = request.args.get("u", "")
    campaign = request.args.get("c", "none")
    if not is_partner(target):
        abort(400)
    clicks[campaign] = clicks.get(campaign, 0) + 1
    return redirect(target, code=302)


@app.after_request
def no_store(response):
    response.headers.setdefault("Cache-Control", "no-store")
    return response
