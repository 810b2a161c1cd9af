from flask import Blueprint, request

from app.utils import normalize

greet = Blueprint("greet", __name__)

PAGE = """<!doctype html>
<html><body>
<h2>Welcome back, {name}</h2>
<p>You have {count} unread notices.</p>
</body></html>"""


@greet.route("/welcome")
def welcome():
    name = normalize(request.args.get("name"), default="guest")
    count = request.args.get("count", "0")
    count = count if count.isdigit() else "0"
    return PAGE.format(name=name, count=count)
