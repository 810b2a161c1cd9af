"""Student work submission metadata (XML manifest inside the upload)."""
from defusedxml import minidom
from defusedxml.common import DefusedXmlException
from flask import Flask, jsonify, request

app = Flask(__name__)


class Manifest:
    def __init__(self, document):
        self.document = document

    @classmethod
    def from_bytes(cls, data):
        return cls(minidom.parseString(data))

    def field(self, tag, default=""):
        nodes = self.document.getElementsByTagName(tag)
        if not nodes or not nodes[0].firstChild:
            return default
        return nodes[0].firstChild.nodeValue.strip()


@app.route("/submissions/manifest", methods=["POST"])
def submission_manifest():
    raw = request.files["manifest"].read()
    try:
        manifest = Manifest.from_bytes(raw)
    except (DefusedXmlException, Exception):
        return jsonify(error="invalid manifest"), 400
    return jsonify(
        student=manifest.field("student"),
        assignment=manifest.field("assignment"),
        files=int(manifest.field("file-count", "0") or 0),
    )
