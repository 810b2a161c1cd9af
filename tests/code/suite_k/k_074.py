import os

from flask import Flask, jsonify, request, session

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]

FORWARDED_USER = "X-Forwarded-User"
FORWARDED_GROUPS = "X-Forwarded-Groups"


def remember(**values):
    for key, value in values.items():
        session[key] = value


def identity_from(headers):
    user = headers.get(FORWARDED_USER, "").strip()
    groups = [g.strip() for g in headers.get(FORWARDED_GROUPS, "").split(",") if g.strip()]
    return user, groups


@app.before_request
def load_identity():
    """IoT dashboard behind the SSO proxy: copy the proxy identity into the session."""
    if "user" in session:
        return
    user, groups = identity_from(request.headers)
    if user:
        remember(user=user, groups=groups, is_admin="iot-admins" in groups)


@app.get("/api/me")
def whoami():
    return jsonify(user=session.get("user"), admin=session.get("is_admin", False))
