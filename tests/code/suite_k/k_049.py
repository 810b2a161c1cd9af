"""Login flow for the inventory admin console."""
from flask import Blueprint, redirect, render_template, request, url_for
from flask_login import login_user

from .models import User

bp = Blueprint("auth", __name__)


def landing_page(args):
    target = args.get("next")
    return target or url_for("dashboard.index")


@bp.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "GET":
        return render_template("auth/login.html")
    user = User.query.filter_by(email=request.form.get("email", "").lower()).first()
    if user is None or not user.check_password(request.form.get("password", "")):
        return render_template("auth/login.html", error=True), 401
    login_user(user, remember=bool(request.form.get("remember")))
    return redirect(landing_page(request.args))


@bp.route("/logout")
def logout():
    from flask_login import logout_user

    logout_user()
    return redirect(url_for("auth.login"))
