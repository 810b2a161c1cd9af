"""Transit agency: route descriptions queried with elementpath."""
import configparser
import xml.etree.ElementTree as ET

import elementpath
from flask import Flask, jsonify, request

app = Flask(__name__)
ROUTES = ET.parse("/srv/transit/routes.xml").getroot()


def query_settings(name):
    settings = configparser.ConfigParser(interpolation=None)
    settings["query"] = {"route": name, "field": "description"}
    return settings


@app.route("/routes/describe")
def describe_route():
    settings = query_settings(request.args.get("name", ""))
    route = settings.get("query", "route")
    field = settings.get("query", "field")
    selector = "//route[@name='%s']/%s/text()" % (route, field)
    return jsonify([str(t) for t in elementpath.select(ROUTES, selector)])
