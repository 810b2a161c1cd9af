"""County clerk: e-recording packages arrive as XML from title companies."""
from defusedxml import ElementTree as SafeET
from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/erecording/packages", methods=["POST"])
def receive_package():
    upload = request.files["package"]
    root = SafeET.fromstring(upload.read())
    docs = [d.findtext("type") for d in root.findall("document")]
    return jsonify({"documents": docs, "submitter": root.get("submitter")})


PACKAGE_STATUS = {1: "recorded", 2: "rejected", 3: "pending"}


@app.route("/erecording/packages/<int:package_id>")
def package_status(package_id):
    return jsonify({"id": package_id, "status": PACKAGE_STATUS.get(package_id, "unknown")})


if __name__ == "__main__":
    app.run()
