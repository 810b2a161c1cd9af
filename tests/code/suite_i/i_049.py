"""Login flow for the customer portal."""
from flask import Flask, redirect, request, session, render_template_string

app = Flask(__name__)
app.secret_key = "portal-dev"
USERS = {"demo": "demo-password"}

LOGIN_FORM = """
<form method=post>
  <input name=user><input name=password type=password>
  <input type=hidden name=next value="{{ next }}">
  <button>Sign in</button>
</form>"""


def landing_page():
    return request.values.get("next") or "/account"


@app.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "GET":
        return render_template_string(LOGIN_FORM, next=request.args.get("next", ""))
    user = request.form.get("user")
    if USERS.get(user) != request.form.get("password"):
        return render_template_string(LOGIN_FORM, next=request.form.get("next", "")), 401
    session["user"] = user
    return redirect(landing_page())


@app.route("/healthz")
def healthz():
    return {"status": "ok", "service": __name__}


if __name__ == "__main__":
    app.run(port=5000)
