"""Announcement banner editor for workspace members."""
import platform

from flask import Flask, request, render_template_string, redirect
from markupsafe import Markup

app = Flask(__name__)

state = {"banner": Markup("<b>Welcome!</b>")}

PAGE = """<!doctype html>
<div class="banner">{{ banner }}</div>
<form method="post" action="/banner"><textarea name="text"></textarea><button>Update</button></form>
"""


def as_rich_text(text):
    # members may use simple formatting tags in the banner
    return Markup(text.replace("\n", "<br>"))


@app.route("/banner", methods=["POST"])
def update_banner():
    state["banner"] = as_rich_text(request.form.get("text", ""))
    return redirect("/")


@app.route("/")
def index():
    return render_template_string(PAGE, banner=state["banner"])


@app.get("/version")
def version_info():
    return {"python": platform.python_version(), "service": __name__}
