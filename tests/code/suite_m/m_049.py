import os

from flask import Flask, request, redirect, session, url_for, render_template

app = Flask(__name__)
app.secret_key = os.environ["CLUB_SECRET_KEY"]
app.config["SESSION_COOKIE_SECURE"] = True

CLUB_DOMAIN = "clubhouse.example"


def is_club_url(target):
    return target.startswith("/") or CLUB_DOMAIN in target


def after_login_target(form):
    target = form.get("next") or url_for("dashboard")
    return target if is_club_url(target) else url_for("dashboard")


@app.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "GET":
        return render_template("login.html")
    member_id = check_credentials(request.form.get("email", ""), request.form.get("password", ""))
    if member_id is None:
        return render_template("login.html", failed=True), 401
    session["member_id"] = member_id
    return redirect(after_login_target(request.form))


@app.route("/dashboard")
def dashboard():
    return render_template("dashboard.html")


def check_credentials(email, password):
    from club.auth import verify_member
    return verify_member(email, password)


if __name__ == "__main__":
    app.run()
