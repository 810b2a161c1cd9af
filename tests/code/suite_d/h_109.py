"""Patient portal: appointment confirmation banner."""
import os

from flask import Flask, render_template_string, request
from markupsafe import Markup

app = Flask(__name__)
app.secret_key = os.environ["PORTAL_SECRET_KEY"]

PAGE = "<html><body><div class='banner'>{{ banner }}</div></body></html>"


@app.route("/appointments/confirmed")
def confirmed():
    name = request.args.get("name", "patient")
    when = request.args.get("when", "")
    banner = Markup(f"Thank you, <strong>{name}</strong>. Your visit is booked.")
    if when:
        banner += " (" + when + ")"
    return render_template_string(PAGE, banner=banner)
