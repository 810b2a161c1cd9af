"""Address book sync endpoint."""
import json
from dataclasses import dataclass, asdict

from flask import Flask, request, jsonify

app = Flask(__name__)
BOOK = {}


@dataclass
class Contact:
    name: str
    email: str
    phone: str = ""


def to_contact(obj):
    if {"name", "email"} <= obj.keys():
        return Contact(str(obj["name"]), str(obj["email"]), str(obj.get("phone", "")))
    return obj


@app.route("/contacts/sync", methods=["POST"])
def sync():
    payload = request.get_data(as_text=True)
    contacts = json.loads(payload, object_hook=to_contact)
    if not isinstance(contacts, list):
        return jsonify(error="expected a list"), 400
    for c in contacts:
        if isinstance(c, Contact):
            BOOK[c.email] = c
    return jsonify(total=len(BOOK), contacts=[asdict(c) for c in BOOK.values()])
