"""Login flow for the customer portal."""
from flask import Flask, redirect, render_template, request, url_for
from flask_login import LoginManager, login_user

from .accounts import AccountService

app = Flask(__name__)
app.config.from_prefixed_env()
login_manager = LoginManager(app)
accounts = AccountService()


def landing_page(args):
    target = args.get("next") or args.get("return_to")
    return target or url_for("dashboard")


@app.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "GET":
        return render_template("login.html")
    user = accounts.authenticate(request.form.get("email", ""), request.form.get("password", ""))
    if user is None:
        return render_template("login.html", error="Invalid credentials"), 401
    login_user(user)
    return redirect(landing_page(request.args))


@app.route("/dashboard")
def dashboard():
    return render_template("dashboard.html")
