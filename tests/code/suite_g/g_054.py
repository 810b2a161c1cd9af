"""School portal: remember where a parent was before the login page."""
import base64

from flask import Flask, make_response, redirect, request, session

app = Flask(__name__)
app.secret_key = "dev-only"


@app.route("/login", methods=["POST"])
def login():
    session["parent"] = request.form["email"]
    encoded = request.cookies.get("return_to", "")
    destination = base64.urlsafe_b64decode(encoded).decode() if encoded else "/home"
    resp = make_response(redirect(destination))
    resp.delete_cookie("return_to")
    return resp
