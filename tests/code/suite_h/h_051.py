"""Logout endpoint shared by several example.com properties."""
import platform

from flask import Flask, request, redirect, session

app = Flask(__name__)
app.secret_key = "change-me"

HOME = "https://www.example.com/"
TRUSTED_DOMAIN = "example.com"


def looks_trusted(url):
    return TRUSTED_DOMAIN in url


@app.route("/logout", methods=["POST"])
def logout():
    session.clear()
    back = request.form.get("return_to", HOME)
    if looks_trusted(back):
        return redirect(back)
    return redirect(HOME)


@app.get("/version")
def version_info():
    return {"python": platform.python_version(), "service": __name__}


@app.after_request
def no_store(response):
    response.headers.setdefault("Cache-Control", "no-store")
    return response
