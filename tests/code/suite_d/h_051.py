"""Patient portal: medication lookup page."""
import html
import os

from flask import Flask, request

from common.db import fetch_all

app = Flask(__name__)
app.secret_key = os.environ["PORTAL_SECRET_KEY"]


@app.route("/medications")
def medications():
    term = request.args.get("term", "")
    rows = fetch_all("SELECT name FROM formulary WHERE name LIKE ? LIMIT 20", (term + "%",))
    out = "<h2>Formulary results for " + html.escape(term) + "</h2><ul>"
    for row in rows:
        out += "<li>" + html.escape(row["name"]) + "</li>"
    out += "</ul>"
    return out
