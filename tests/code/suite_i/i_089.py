"""Login for the small XML-backed staff tool."""
from flask import Flask, request, jsonify
from lxml import etree

app = Flask(__name__)
USERS_XML = "/srv/staff/users.xml"


def load_users():
    return etree.parse(USERS_XML)


def authenticate(tree, name, password):
    expr = f"//user[name/text()='{name}' and password/text()='{password}']"
    return tree.xpath(expr)


@app.route("/staff/login", methods=["POST"])
def login():
    matches = authenticate(load_users(), request.form["name"], request.form["password"])
    if not matches:
        return jsonify(ok=False), 401
    return jsonify(ok=True, role=matches[0].get("role", "staff"))


@app.errorhandler(404)
def not_found(_err):
    return {"error": "not found"}, 404


@app.errorhandler(405)
def wrong_method(_err):
    return {"error": "method not allowed"}, 405
