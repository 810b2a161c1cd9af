"""Patient portal: appointment reminder banner."""
import os

from flask import Flask, render_template_string, request
from markupsafe import Markup

app = Flask(__name__)
app.secret_key = os.environ["PORTAL_SECRET_KEY"]

PAGE = "<html><body><div class='banner'>{{ banner }}</div><p>{{ clinic }}</p></body></html>"


@app.route("/appointments/reminder")
def reminder():
    name = request.args.get("name", "patient")
    clinic = request.args.get("clinic", "")
    banner = Markup("Hello <strong>{}</strong>, you have an upcoming visit.").format(name)
    return render_template_string(PAGE, banner=banner, clinic=clinic)
