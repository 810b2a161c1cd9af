import base64
import binascii
import json

from flask import Flask, request, jsonify

app = Flask(__name__)

DRAFT_COOKIE = "appt_draft"
FIELDS = ("pet_name", "species", "reason", "preferred_day")


def decode_draft(value):
    try:
        data = json.loads(base64.urlsafe_b64decode(value.encode()).decode("utf-8"))
    except (binascii.Error, UnicodeDecodeError, json.JSONDecodeError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: str(data[k])[:200] for k in FIELDS if k in data}


@app.route("/appointments/draft")
def restore_draft():
    raw = request.cookies.get(DRAFT_COOKIE, "")
    draft = decode_draft(raw) if raw else {}
    return jsonify(draft=draft, complete=all(f in draft for f in FIELDS))


@app.route("/appointments/draft/preview", methods=["POST"])
def preview_draft():
    draft = decode_draft(request.form.get("blob", ""))
    return jsonify(draft=draft)


if __name__ == "__main__":
    app.run()
