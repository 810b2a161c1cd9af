from flask import Flask, redirect, render_template, request, url_for
from flask_login import LoginManager, login_user
from werkzeug.security import check_password_hash

from models import User

app = Flask(__name__)
app.config.from_envvar("LIBRARY_SETTINGS")
login_manager = LoginManager(app)


@login_manager.user_loader
def load_user(user_id):
    return User.query.get(int(user_id))


def next_target(default):
    target = request.args.get("next", "").strip()
    if target and target.startswith("/"):
        return target
    return default


@app.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "GET":
        return render_template("login.html")
    user = User.query.filter_by(email=request.form["email"].lower()).first()
    if user is None or not check_password_hash(user.pw_hash, request.form["password"]):
        return render_template("login.html", failed=True), 401
    login_user(user)
    return redirect(next_target(url_for("loans")))


@app.route("/loans")
def loans():
    return render_template("loans.html")
