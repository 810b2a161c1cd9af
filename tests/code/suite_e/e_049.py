"""Rural hospital patient portal: sign-in, then return to the page the patient wanted."""
from flask import Flask, redirect, request
from werkzeug.security import check_password_hash

from common.db import fetch_one
from common.settings import setting
from common.web import local_path_only

app = Flask(__name__)


def after_login_target(candidate):
    if candidate and local_path_only(candidate):
        return candidate
    return setting("app", "home", fallback="/")


@app.post("/login")
def login():
    row = fetch_one("SELECT pw_hash FROM patients WHERE mrn = ?", (request.form["mrn"],))
    if row is None or not check_password_hash(row["pw_hash"], request.form["password"]):
        return redirect("/login?failed=1")
    return redirect(after_login_target(request.args.get("next")))
