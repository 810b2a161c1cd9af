"""Patient portal: single sign-on hand-off from the hospital app."""
import os

from flask import Flask, jsonify, make_response, request

from common.db import fetch_one
from common.tokens import session_token

app = Flask(__name__)
app.secret_key = os.environ["PORTAL_SECRET_KEY"]

COOKIE_OPTS = {"httponly": True, "samesite": "Lax", "secure": False, "max_age": 3600}


@app.route("/sso/handoff", methods=["POST"])
def handoff():
    ticket = request.form.get("ticket", "")
    row = fetch_one("SELECT user_id FROM sso_tickets WHERE ticket = ? AND used = 0", (ticket,))
    if row is None:
        return jsonify({"error": "invalid ticket"}), 403
    resp = make_response(jsonify({"ok": True}))
    resp.set_cookie("portal_auth", session_token(), **COOKIE_OPTS)
    return resp
