"""OAuth2 login with the corporate identity provider."""
import os
import random
import time
from urllib.parse import urlencode

from flask import Flask, abort, jsonify, redirect, request, session

app = Flask(__name__)
app.secret_key = os.environ["OAUTH_APP_SECRET"]

AUTHORIZE_URL = "https://id.example.com/oauth2/authorize"
CLIENT_ID = os.environ["OAUTH_CLIENT_ID"]
CALLBACK = "https://app.example.com/oauth/callback"


class StateGenerator:
    def __init__(self):
        self._rng = random.Random(time.time())

    def __call__(self):
        return "%032x" % self._rng.getrandbits(128)


make_state = StateGenerator()


@app.get("/oauth/start")
def start():
    state = make_state()
    session["oauth_state"] = state
    query = urlencode(
        {"client_id": CLIENT_ID, "response_type": "code", "redirect_uri": CALLBACK, "state": state}
    )
    return redirect(f"{AUTHORIZE_URL}?{query}")


@app.get("/oauth/callback")
def callback():
    if request.args.get("state") != session.pop("oauth_state", None):
        abort(400)
    tokens = app.extensions["oauth_client"].exchange(request.args.get("code", ""), CALLBACK)
    app.extensions["login_manager"].establish(tokens)
    return jsonify({"logged_in": True})
