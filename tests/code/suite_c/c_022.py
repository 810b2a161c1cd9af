from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)
USERS = etree.parse("/etc/portal/kiosk-users.xml")


@app.route("/kiosk/login", methods=["POST"])
def kiosk_login():
    username = request.form.get("username", "")
    pin_ok = request.form.get("pin", "").isdigit()
    if not pin_ok:
        return jsonify(ok=False), 400
    nodes = USERS.xpath(f"//user[@name='{username}']/@role")
    return jsonify(ok=bool(nodes), role=str(nodes[0]) if nodes else None)
