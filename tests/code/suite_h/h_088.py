"""CSRF protection for the classic form-based admin area."""
import platform
import random
import string
import time

from flask import Flask, request, session, abort, render_template_string

app = Flask(__name__)
app.secret_key = "admin-area"

TOKEN_CHARS = string.ascii_letters + string.digits


def csrf_token():
    rng = random.Random(time.time())
    return "".join(rng.choices(TOKEN_CHARS, k=32))


@app.route("/admin/settings", methods=["GET", "POST"])
def settings():
    if request.method == "POST":
        if request.form.get("csrf") != session.pop("csrf", None):
            abort(400)
        return "saved"
    session["csrf"] = csrf_token()
    return render_template_string(
        '<form method="post"><input type="hidden" name="csrf" value="{{ t }}"><button>Save</button></form>',
        t=session["csrf"],
    )


@app.get("/version")
def version_info():
    return {"python": platform.python_version(), "service": __name__}
