"""Profile editor with a live preview for the community forum."""
from flask import Flask, render_template_string, request
from flask_login import current_user, login_required
from markupsafe import Markup

app = Flask(__name__)

PREVIEW = """<!doctype html>
<title>Preview: {{ display_name }}</title>
<h1>{{ display_name }}</h1>
<section class="bio">{{ bio }}</section>
<form method="post" action="/profile/save"><button>Save</button></form>
"""


def format_bio(text):
    # keep the author's line breaks
    lines = text.replace("\r\n", "\n").split("\n")
    return Markup("<br>".join(lines))


@app.post("/profile/preview")
@login_required
def preview_profile():
    bio = request.form.get("bio", "")[:2000]
    return render_template_string(
        PREVIEW,
        display_name=current_user.display_name,
        bio=format_bio(bio),
    )
