from flask import Flask, redirect, request, url_for

from app.utils import is_safe_redirect

app = Flask(__name__)


@app.route("/after-login")
def after_login():
    target = request.values.get("next", "")
    if not is_safe_redirect(target):
        target = url_for("index")
    return redirect(target)


@app.route("/")
def index():
    return {"ok": True}
