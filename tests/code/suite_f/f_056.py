"""Electric co-op: after enrolling in autopay, go to the section the member picked."""
from flask import Flask, redirect, request

from common.settings import setting

app = Flask(__name__)

DESTINATIONS = {
    "billing": "/members/billing/",
    "outages": "/members/outages/",
    "usage": "/members/usage/",
}


@app.post("/members/autopay")
def enroll_autopay():
    section = request.form.get("then", "")
    return redirect(DESTINATIONS.get(section, setting("web", "portal_home")))
