from flask import Flask, request
from lxml import etree

app = Flask(__name__)
USERS = etree.parse("users.xml")
FIND_USER = etree.XPath("//user[@name=$name]")


@app.route("/profile")
def profile():
    name = request.args["name"]
    matches = USERS.xpath("//user[@name=$name]", name=name)
    compiled = FIND_USER(USERS, name=name)
    return {"ok": bool(matches), "same": len(compiled) == len(matches)}
