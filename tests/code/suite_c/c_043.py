from urllib.parse import urljoin

from flask import Flask, redirect, request

app = Flask(__name__)
PORTAL_BASE = "https://portal.example.com/"


@app.route("/go")
def go():
    path = request.args.get("to", "dashboard")
    campaign = request.args.get("utm_campaign")
    destination = urljoin(PORTAL_BASE, path)
    if campaign:
        sep = "&" if "?" in destination else "?"
        destination += f"{sep}utm_campaign=newsletter"
    return redirect(destination, code=302)
