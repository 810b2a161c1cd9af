import secrets

from flask import Flask, jsonify, make_response, request

from ci_auth import check_deploy_key

app = Flask(__name__)

COOKIE_OPTS = {
    "secure": True,
    "httponly": True,
    "samesite": "Strict",
    "max_age": 900,
    "path": "/deploy",
}

DEPLOY_SESSIONS = {}


@app.route("/deploy/unlock", methods=["POST"])
def unlock():
    key = request.headers.get("X-Deploy-Key", "")
    project = check_deploy_key(key)
    if project is None:
        return jsonify({"error": "denied"}), 403
    sid = secrets.token_urlsafe(24)
    DEPLOY_SESSIONS[sid] = project
    resp = make_response(jsonify({"project": project, "expires_in": COOKIE_OPTS["max_age"]}))
    resp.set_cookie("deploy_sid", sid, **COOKIE_OPTS)
    return resp


@app.route("/deploy/status")
def deploy_status():
    project = DEPLOY_SESSIONS.get(request.cookies.get("deploy_sid", ""))
    if project is None:
        return jsonify({"unlocked": False}), 401
    return jsonify({"unlocked": True, "project": project})
