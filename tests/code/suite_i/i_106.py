"""SAML-ish assertion intake for the partner SSO bridge."""
import base64

from defusedxml import ElementTree as DET
from flask import Flask, request, jsonify

app = Flask(__name__)
NS = {"saml": "urn:oasis:names:tc:SAML:2.0:assertion"}


def read_assertion(encoded):
    xml_bytes = base64.b64decode(encoded)
    root = DET.fromstring(xml_bytes)
    subject = root.find(".//saml:Subject/saml:NameID", NS)
    return subject.text if subject is not None else None


@app.route("/sso/acs", methods=["POST"])
def acs():
    name_id = read_assertion(request.form.get("SAMLResponse", ""))
    if not name_id:
        return jsonify(error="no subject"), 400
    return jsonify(user=name_id)


@app.route("/healthz")
def healthz():
    return {"status": "ok", "service": __name__}


if __name__ == "__main__":
    app.run(port=5000)
