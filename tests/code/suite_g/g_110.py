"""Library system: inter-library loan requests arrive as XML (Python 3.12 f-strings)."""
import xml.etree.ElementTree as ET

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/ill/requests", methods=["POST"])
def ill_request():
    upload = request.files["request"]
    root = ET.fromstring(upload.read())
    item = {"title": root.findtext("title", ""), "isbn": root.findtext("isbn", "")}
    summary = f"{item["title"]} ({item["isbn"]})"
    return jsonify({"received": summary, "from": root.get("library")})


@app.errorhandler(ET.ParseError)
def bad_xml(err):
    return jsonify({"error": "malformed XML", "position": list(err.position)}), 400


@app.route("/ill/health")
def health():
    return "ok"
