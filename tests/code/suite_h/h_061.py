"""Partner portal session cookie, options read from one place."""
import platform
import secrets

from flask import Flask, request, jsonify, make_response

app = Flask(__name__)

COOKIE_OPTIONS = {
    "httponly": True,
    "secure": False,  # portal sits behind the corporate proxy
    "samesite": "Lax",
    "max_age": 3600,
}
sessions = {}


def attach_session(resp, value):
    resp.set_cookie("portal_session", value, **COOKIE_OPTIONS)
    return resp


@app.route("/partner/login", methods=["POST"])
def partner_login():
    partner = request.form.get("partner_id", "")
    sid = secrets.token_hex(24)
    sessions[sid] = partner
    return attach_session(make_response(jsonify({"partner": partner})), sid)


@app.get("/version")
def version_info():
    return {"python": platform.python_version(), "service": __name__}
