"""SAML-like metadata upload for the SSO configuration screen."""
from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException
from flask import Flask, abort, jsonify, request

app = Flask(__name__)

MD_NS = {"md": "urn:oasis:names:tc:SAML:2.0:metadata"}


class MetadataReader:
    def __init__(self, max_bytes=512 * 1024):
        self.max_bytes = max_bytes

    def read(self, stream):
        data = stream.read(self.max_bytes + 1)
        if len(data) > self.max_bytes:
            raise ValueError("metadata too large")
        root = SafeET.fromstring(data)
        sso = root.find(".//md:SingleSignOnService", MD_NS)
        return {
            "entity_id": root.get("entityID"),
            "sso_url": sso.get("Location") if sso is not None else None,
        }


reader = MetadataReader()


@app.post("/sso/metadata")
def upload_metadata():
    upload = request.files.get("metadata")
    if upload is None:
        abort(400)
    try:
        info = reader.read(upload.stream)
    except (ValueError, DefusedXmlException, SafeET.ParseError):
        abort(422)
    return jsonify(info)
