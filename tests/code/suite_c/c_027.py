from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)
USERS = etree.parse("/etc/portal/kiosk-users.xml")


@app.route("/kiosk/whois", methods=["POST"])
def kiosk_whois():
    username = request.form.get("username", "")
    nodes = USERS.xpath("//user[@name=$name]/@role", name=username)
    return jsonify(found=bool(nodes), role=str(nodes[0]) if nodes else None)
