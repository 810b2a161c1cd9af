"""Profile card fragment loaded by the team page."""
from flask import Flask, request, render_template_string
from markupsafe import Markup

app = Flask(__name__)

CARD = "<div class='card'>{{ heading }}<p>{{ bio }}</p></div>"


def heading_for(display_name, role):
    return Markup(f"<strong>{display_name}</strong> <em>{role}</em>")


@app.route("/team/card")
def card():
    name = request.args.get("name", "")
    role = request.args.get("role", "member")
    return render_template_string(CARD, heading=heading_for(name, role),
                                  bio=request.args.get("bio", ""))


@app.errorhandler(404)
def not_found(_err):
    return {"error": "not found"}, 404


@app.errorhandler(405)
def wrong_method(_err):
    return {"error": "method not allowed"}, 405


@app.after_request
def no_store(resp):
    resp.headers.setdefault("Cache-Control", "no-store")
    resp.headers.setdefault("X-Content-Type-Options", "nosniff")
    return resp


@app.route("/version")
def version():
    return {"version": "1.4.2"}
