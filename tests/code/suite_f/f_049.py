"""Port authority tenant portal: login form that round-trips the page to return to."""
from flask import Flask, redirect, render_template_string, request, session

from common.urls import clean_next

app = Flask(__name__)
app.secret_key = b"replaced-at-deploy"

LOGIN_FORM = """
<form method="post">
  <input type="hidden" name="next" value="{{ next_url }}">
  <input name="username"> <input name="password" type="password">
  <button>Sign in</button>
</form>
"""


def check_credentials(username, password):
    return bool(username) and bool(password)


@app.route("/login", methods=["GET", "POST"])
def login():
    next_url = clean_next(request.values.get("next", "/tenant/home"))
    if request.method == "POST" and check_credentials(request.form.get("username"), request.form.get("password")):
        session["tenant_user"] = "authenticated"
        return redirect(next_url)
    return render_template_string(LOGIN_FORM, next_url=next_url)
