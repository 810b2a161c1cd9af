import os

from flask import Flask, abort, jsonify, request

app = Flask(__name__)
BASE = "/srv/portal/templates/email/"


@app.route("/admin/email-templates", methods=["GET"])
def read_template():
    name = request.values.get("template", "welcome.txt")
    full = os.path.join(BASE, name)
    if not full.startswith(BASE):
        abort(403)
    try:
        with open(full, encoding="utf-8") as fh:
            body = fh.read()
    except FileNotFoundError:
        abort(404)
    return jsonify(template=os.path.basename(full), body=body)
