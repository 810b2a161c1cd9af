"""Integration console: preview a custom HL7 field mapping."""
import os

from flask import Flask, jsonify, request

app = Flask(__name__)
app.secret_key = os.environ["PORTAL_SECRET_KEY"]


@app.route("/integration/mapping/preview", methods=["POST"])
def preview_mapping():
    mapping_expr = request.form.get("mapping", "segments['PID'][5]")
    sample = request.form.get("sample", "")
    segments = {}
    for line in sample.split("\r"):
        fields = line.split("|")
        if fields and fields[0]:
            segments[fields[0]] = fields
    source = "def mapper(segments):\n    return " + mapping_expr + "\n"
    namespace = {}
    exec(source, namespace)
    try:
        value = namespace["mapper"](segments)
    except (KeyError, IndexError):
        value = None
    return jsonify({"value": value})
