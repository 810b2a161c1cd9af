"""Vulnerable: the session key comes from the query string, so a client can set any session
entry (for example "is_admin") by naming it."""

from flask import Flask, request, session

app = Flask(__name__)
app.secret_key = "replace-me"


@app.route("/preferences/enable")
def enable_preference():
    feature = request.args["feature"]
    session[feature] = True
    return {"enabled": True}
