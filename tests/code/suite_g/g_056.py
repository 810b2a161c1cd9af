"""Credit union: single sign-on hand-off to our own sub-sites."""
from urllib.parse import urlparse

from flask import Flask, redirect, request

app = Flask(__name__)
ALLOWED_HOSTS = {"loans.cu.example", "cards.cu.example", "www.cu.example"}


def safe_target(url):
    parsed = urlparse(url)
    if parsed.scheme != "https" or parsed.netloc not in ALLOWED_HOSTS:
        return "https://www.cu.example/"
    return url


@app.route("/sso/continue")
def sso_continue():
    return redirect(safe_target(request.args.get("to", "")))
