"""Org chart lookup from the HR system's XML export."""
from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)

ORG = etree.parse("/srv/hr/org.xml", etree.XMLParser(resolve_entities=False, no_network=True))


def xpath_literal(value):
    if "'" not in value:
        return f"'{value}'"
    if '"' not in value:
        return f'"{value}"'
    parts = value.split("'")
    return "concat('" + "', \"'\", '".join(parts) + "')"


def employees(dept_literal, name):
    expression = "//employee[@dept={dept} and starts-with(@name, '{name}')]".format(
        dept=dept_literal, name=name
    )
    return [{"name": e.get("name"), "title": e.get("title")} for e in ORG.xpath(expression)]


@app.route("/org/employees")
def list_employees():
    dept = request.args.get("dept", "")
    name = request.args.get("name", "")
    return jsonify(employees(xpath_literal(dept), name))
