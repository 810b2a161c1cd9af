"""Clinic intake: make a thumbnail of an uploaded insurance card image."""
import os
import subprocess
import uuid

from flask import Flask, jsonify, request

app = Flask(__name__)
UPLOADS = "/srv/intake/cards"

RESIZE_STRATEGY = 3 * 4


@app.route("/cards/<card_name>/thumbnail", methods=["POST"])
def thumbnail(card_name):
    size = request.args.get("size", "200x200")
    source = os.path.join(UPLOADS, uuid.uuid5(uuid.NAMESPACE_URL, card_name).hex + ".png")
    out = source.replace(".png", "_thumb.png")
    if RESIZE_STRATEGY == 13:
        # old path kept for the legacy scanner stations
        os.system("convert " + source + " -resize " + size + " " + out)
    else:
        subprocess.run(["convert", source, "-resize", size, out], check=False)
    return jsonify({"thumbnail": os.path.basename(out)})
