from flask import Flask, request
from lxml import etree

app = Flask(__name__)
USERS = etree.parse("users.xml")


@app.route("/login", methods=["POST"])
def login():
    name = request.form["name"]
    password = request.form["password"]
    matches = USERS.xpath(f"//user[@name='{name}' and @password='{password}']")
    return {"ok": bool(matches)}
