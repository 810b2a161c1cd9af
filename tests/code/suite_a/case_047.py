from defusedxml import ElementTree as SafeET
from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/api/contacts/import", methods=["POST"])
def import_contacts():
    root = SafeET.fromstring(request.get_data())
    contacts = [
        {"name": c.findtext("name", ""), "phone": c.findtext("phone", "")}
        for c in root.iter("contact")
    ]
    return jsonify({"imported": len(contacts), "contacts": contacts})
