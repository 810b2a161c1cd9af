from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)
USERS = etree.parse("/etc/app/users.xml")


@app.get("/api/users/roles")
def user_roles():
    name = request.args.get("name", "")
    if not name:
        return jsonify(error="name required"), 400
    nodes = USERS.xpath("//user[@name=$name]/role/text()", name=name)
    return jsonify(name=name, roles=[str(n) for n in nodes])
