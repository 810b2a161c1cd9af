"""Transit agency: timetable files for each route."""
import os

from flask import Flask, Response, request

app = Flask(__name__)
TIMETABLES = "/srv/transit/timetables"


def sanitize(name):
    return name.replace("../", "")


@app.route("/timetables")
def timetable():
    route = sanitize(request.args.get("route", "1.txt"))
    with open(os.path.join(TIMETABLES, route), encoding="utf-8") as handle:
        return Response(handle.read(), mimetype="text/plain")
