import os

from flask import Flask, abort, jsonify, send_from_directory

app = Flask(__name__)
app.config["MANUALS_DIR"] = os.environ.get("MANUALS_DIR", "/srv/panel/manuals")

DEVICE_MANUALS = {
    "thermostat": "thermostat-v2.pdf",
    "doorbell": "doorbell.pdf",
}


@app.route("/manuals/<path:filename>")
def manual(filename):
    return send_from_directory(app.config["MANUALS_DIR"], filename, as_attachment=False)


@app.route("/devices/<device>/manual")
def device_manual(device):
    name = DEVICE_MANUALS.get(device)
    if name is None:
        abort(404)
    return send_from_directory(app.config["MANUALS_DIR"], name)


@app.route("/manuals")
def list_manuals():
    try:
        names = sorted(os.listdir(app.config["MANUALS_DIR"]))
    except FileNotFoundError:
        names = []
    return jsonify([n for n in names if n.endswith(".pdf")])
