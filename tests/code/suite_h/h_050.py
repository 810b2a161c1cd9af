"""Login page for the reporting portal."""
from flask import Flask, request, redirect, session, render_template_string, url_for
from werkzeug.security import check_password_hash

app = Flask(__name__)
app.secret_key = "dev"

USERS = {"analyst": "scrypt:32768:8:1$abc$0123"}

LOGIN_FORM = """
<form method="post">
  <input name="user"><input name="password" type="password">
  <input type="hidden" name="next" value="{{ next }}">
  <button>Sign in</button>
</form>
"""


@app.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "GET":
        return render_template_string(LOGIN_FORM, next=request.args.get("next", ""))
    user = request.form.get("user", "")
    pw_hash = USERS.get(user)
    if pw_hash is None or not check_password_hash(pw_hash, request.form.get("password", "")):
        return render_template_string(LOGIN_FORM, next=request.form.get("next", "")), 401
    session["user"] = user
    next_url = request.args.get("next") or request.form.get("next")
    return redirect(next_url or url_for("home"))


@app.route("/")
def home():
    return "reports"
