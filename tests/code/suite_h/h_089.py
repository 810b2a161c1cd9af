"""Staff directory served from an XML export of the HR system."""
import os
import time

from flask import Flask, request, jsonify
from lxml import etree

app = Flask(__name__)

DIRECTORY_XML = b"""<staff>
  <user><name>alice</name><email>alice@example.com</email><salary>81000</salary></user>
  <user><name>bob</name><email>bob@example.com</email><salary>64000</salary></user>
</staff>"""
tree = etree.fromstring(DIRECTORY_XML)


@app.route("/staff/email")
def email():
    name = request.args.get("name", "")
    nodes = tree.xpath(f"//user[name='{name}']/email/text()")
    return jsonify({"name": name, "emails": [str(n) for n in nodes]})


@app.errorhandler(404)
def handle_not_found(_err):
    return {"error": "not found"}, 404


@app.errorhandler(500)
def handle_server_error(_err):
    app.logger.exception("unhandled error")
    return {"error": "internal error"}, 500


STARTED_AT = time.time()
APP_VERSION = os.environ.get("APP_VERSION", "dev")


@app.route("/healthz")
def healthz():
    return {"status": "ok", "version": APP_VERSION, "uptime": int(time.time() - STARTED_AT)}
