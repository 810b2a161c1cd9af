"""Patient portal: issue and check the form token for message sending."""
import hmac
import os

from flask import Flask, abort, jsonify, request, session

from common.tokens import session_token

app = Flask(__name__)
app.secret_key = os.environ["PORTAL_SECRET_KEY"]
app.config.update(SESSION_COOKIE_SECURE=True, SESSION_COOKIE_HTTPONLY=True)


@app.route("/messages/form-token")
def form_token():
    session["form_token"] = session_token()
    return jsonify({"token": session["form_token"]})


@app.route("/messages/send", methods=["POST"])
def send_message():
    sent = request.form.get("token", "")
    if not hmac.compare_digest(sent, session.get("form_token", "")):
        abort(403)
    return jsonify({"queued": True})
