from flask import Blueprint, abort, jsonify, make_response, session

from app.auth import new_token
from app.storage import db

remember = Blueprint("remember", __name__)


@remember.route("/remember-me", methods=["POST"])
def enable_remember_me():
    user_id = session.get("user_id")
    if user_id is None:
        abort(401)
    token = new_token()
    db.execute("INSERT INTO remember_tokens (user_id, token) VALUES (?, ?)", (user_id, token))
    resp = make_response(jsonify(ok=True))
    resp.set_cookie("remember_token", token, max_age=30 * 24 * 3600, httponly=True, samesite="Lax")
    return resp
