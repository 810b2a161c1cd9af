"""Login check for the legacy XML-backed admin console."""
import base64

from flask import Flask, request, jsonify
from lxml import etree

app = Flask(__name__)

USERS = etree.XML(
    b"<users>"
    b"<user role='admin'><login>root</login><password>s3cr3t</password></user>"
    b"<user role='staff'><login>jane</login><password>pa55</password></user>"
    b"</users>"
)


def credentials_from_header(header):
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "basic":
        return "", ""
    login, _, password = base64.b64decode(value).decode().partition(":")
    return login, password


@app.route("/console/login", methods=["POST"])
def console_login():
    login, password = credentials_from_header(request.headers.get("Authorization", ""))
    expression = "//user[login='" + login + "' and password='" + password + "']/@role"
    find_role = etree.XPath(expression)
    roles = find_role(USERS)
    if not roles:
        return jsonify({"error": "denied"}), 401
    return jsonify({"role": str(roles[0])})
