import secrets

from flask import Blueprint, jsonify, make_response, request

from .models import Agent

auth_bp = Blueprint("auth", __name__)

AUTH_COOKIE = "helpdesk_auth"
THIRTY_DAYS = 30 * 24 * 3600


def attach_auth(response, token, remember):
    max_age = THIRTY_DAYS if remember else None
    response.set_cookie(AUTH_COOKIE, token, max_age=max_age, path="/")
    return response


@auth_bp.route("/login", methods=["POST"])
def login():
    """Ticketing tool agent login."""
    agent = Agent.authenticate(request.form.get("email", ""), request.form.get("password", ""))
    if agent is None:
        return jsonify(error="invalid login"), 401
    token = secrets.token_hex(32)
    agent.store_token(token)
    resp = make_response(jsonify(agent=agent.display_name))
    return attach_auth(resp, token, request.form.get("remember") == "on")
