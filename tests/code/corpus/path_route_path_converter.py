"""Vulnerable: a <path:...> route parameter may contain slashes and "..", and it is handed to
send_file under the assets folder."""

from flask import Flask, send_file

app = Flask(__name__)
ASSETS = "/srv/app/assets/"


@app.route("/assets/<path:asset>")
def serve_asset(asset):
    location = ASSETS + asset
    return send_file(location)
