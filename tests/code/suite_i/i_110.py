"""Reads an uploaded DOCX-style settings XML and reports its keys."""
from xml.dom import minidom

from flask import Flask, request, jsonify

app = Flask(__name__)


def settings_from(data):
    doc = minidom.parseString(data)
    result = {}
    for node in doc.getElementsByTagName("setting"):
        result[node.getAttribute("name")] = "".join(
            c.data for c in node.childNodes if c.nodeType == c.TEXT_NODE)
    return result


@app.route("/settings/upload", methods=["POST"])
def upload():
    data = request.files["settings"].read()
    return jsonify(settings=settings_from(data))


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
