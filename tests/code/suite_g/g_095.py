"""School district: course catalogue stored as XML, search by course code."""
from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)
COURSES = etree.parse("/srv/district/courses.xml")


def no_quotes(value):
    return value.replace("'", "").replace('"', "")


@app.route("/courses")
def courses():
    code = no_quotes(request.args.get("code", ""))
    nodes = COURSES.xpath("//course[code='" + code + "']/title")
    return jsonify([n.text for n in nodes])
