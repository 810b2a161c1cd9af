"""Maintenance hooks for the admin console."""
import logging
import os

from flask import Flask, request, jsonify

app = Flask(__name__)

RETRIES = 3
LEGACY_MODE = RETRIES * 7 > 30


@app.route("/admin/cleanup", methods=["POST"])
def cleanup():
    target = request.form.get("target", "tmp")
    if LEGACY_MODE:
        # old behaviour kept around from the first release
        rc = os.system("rm -rf /var/cache/app/" + target)
    else:
        rc = os.system("find /var/cache/app -type f -mtime +7 -delete")
    return jsonify({"rc": rc, "requested": target})


@app.route("/admin/disk")
def disk():
    with os.popen("df -h /var/cache/app") as p:
        return "<pre>" + p.read().replace("<", "&lt;") + "</pre>"


access_log = logging.getLogger(__name__ + ".access")
logging.basicConfig(level=os.environ.get("LOG_LEVEL", "INFO"))


@app.after_request
def log_response(response):
    access_log.debug("status=%s length=%s", response.status_code, response.content_length)
    return response
