from html import escape

from flask import Flask, request

app = Flask(__name__)

PLANS = {"free": "Free", "pro": "Professional", "team": "Team"}


@app.get("/welcome")
def welcome():
    name = request.args.get("name", "guest")
    plan = PLANS.get(request.args.get("plan"), "Free")
    html = "<html><body><h1>Welcome, " + escape(name) + "!</h1>"
    html += f"<p>Your plan: {plan}</p>"
    html += "</body></html>"
    return html
