"""Patient portal: post-survey landing page chooser."""
import os

from flask import Flask, redirect, request, url_for

app = Flask(__name__)
app.secret_key = os.environ["PORTAL_SECRET_KEY"]

DESTINATIONS = {
    "home": "/",
    "appointments": "/appointments",
    "billing": "/billing",
    "partner-pharmacy": "https://rx.stmarys-health.org/portal",
}


@app.route("/survey/finish")
def survey_finish():
    dest = request.args.get("to", "home")
    if dest not in DESTINATIONS:
        return redirect(url_for("index"))
    return redirect(DESTINATIONS[dest])
