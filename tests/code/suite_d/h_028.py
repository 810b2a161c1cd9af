"""Patient portal: provider directory search page."""
import os

from flask import Flask, request

from common.db import fetch_all

app = Flask(__name__)
app.secret_key = os.environ["PORTAL_SECRET_KEY"]


@app.route("/providers")
def providers():
    q = request.args.get("q", "")
    rows = fetch_all("SELECT id FROM providers WHERE specialty LIKE ? LIMIT 25", ("%" + q + "%",))
    html = f"<h2>Providers matching {q}</h2>"
    if not rows:
        html += "<p>No providers found.</p>"
    else:
        html += f"<p>{len(rows)} provider(s) found.</p>"
    return html
