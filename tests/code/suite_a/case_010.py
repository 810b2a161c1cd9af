from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)
USERS = etree.parse("/srv/app/data/users.xml")


@app.route("/kiosk/login", methods=["POST"])
def kiosk_login():
    user = request.form.get("user", "")
    pin = request.form.get("pin", "")
    matches = USERS.xpath("//user[name=$name and pin=$pin]", name=user, pin=pin)
    if not matches:
        return jsonify({"authenticated": False}), 401
    return jsonify({"authenticated": True, "role": matches[0].get("role", "staff")})
