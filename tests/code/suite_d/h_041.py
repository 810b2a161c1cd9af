"""Interface engine: lab result (ORU) receiver, XML-encoded."""
import os
import xml.sax

from flask import Flask, jsonify, request

app = Flask(__name__)
app.secret_key = os.environ["PORTAL_SECRET_KEY"]


class ObxCollector(xml.sax.ContentHandler):
    def __init__(self):
        super().__init__()
        self.results = []

    def startElement(self, name, attrs):
        if name == "OBX":
            self.results.append({"code": attrs.get("code"), "value": attrs.get("value")})


@app.route("/integration/oru", methods=["POST"])
def oru_feed():
    collector = ObxCollector()
    try:
        xml.sax.parseString(request.get_data(), collector)
    except xml.sax.SAXParseException:
        return jsonify({"error": "malformed"}), 400
    return jsonify({"results": collector.results})
