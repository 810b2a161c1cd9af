from flask import Blueprint, request
from markupsafe import escape

greet = Blueprint("greet_v2", __name__)


@greet.route("/hello")
def hello():
    name = request.args.get("name", "guest")
    team = request.args.get("team", "")
    parts = ["<h2>Hello, %s</h2>" % escape(name)]
    if team:
        parts.append("<p>Team: {}</p>".format(escape(team)))
    return "\n".join(parts)
