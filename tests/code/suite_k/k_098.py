from flask import Blueprint, request
from markupsafe import Markup, escape

greet = Blueprint("greet", __name__)

TEMPLATE = Markup("<p class='welcome'>Welcome back, {name}! You have {n} open tickets.</p>")


def welcome_banner(name, count):
    return TEMPLATE.format(name=name, n=count)


@greet.get("/banner")
def banner():
    """Ticketing tool: HTML fragment injected into the dashboard header."""
    name = request.args.get("name", "agent")
    try:
        count = int(request.args.get("open", "0"))
    except ValueError:
        count = 0
    return str(welcome_banner(escape(name), count))


@greet.get("/queues/menu")
def queue_menu():
    names = [n for n in request.args.getlist("queue") if n][:20]
    items = Markup("").join(Markup("<li>{}</li>").format(n) for n in names)
    return str(Markup("<ul class='queues'>{}</ul>").format(items))
