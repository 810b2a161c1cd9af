"""Rural hospital: leave the portal for an affiliated telehealth provider."""
from urllib.parse import urlparse

from flask import Flask, abort, redirect, request

app = Flask(__name__)

TELEHEALTH_HOSTS = {"visit.mountaincare.example", "video.valleyhospital.org"}


@app.get("/telehealth/launch")
def launch():
    url = request.args.get("url", "")
    parts = urlparse(url)
    if parts.scheme != "https" or parts.hostname not in TELEHEALTH_HOSTS:
        abort(400)
    return redirect(url)
