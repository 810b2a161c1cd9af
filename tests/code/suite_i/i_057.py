"""Home-grown session handling for the booking widget."""
import secrets

from flask import Flask, request, jsonify, make_response

app = Flask(__name__)
SESSIONS = {}


def start_session(user):
    sid = secrets.token_urlsafe(32)
    SESSIONS[sid] = {"user": user}
    return sid


@app.route("/widget/login", methods=["POST"])
def login():
    user = request.form.get("user", "guest")
    sid = start_session(user)
    resp = make_response(jsonify(user=user))
    resp.set_cookie("widget_sid", sid, max_age=8 * 3600, samesite="Lax")
    return resp


@app.route("/widget/me")
def me():
    data = SESSIONS.get(request.cookies.get("widget_sid", ""))
    return jsonify(data or {"user": None})


@app.route("/healthz")
def healthz():
    return {"status": "ok", "service": __name__}


if __name__ == "__main__":
    app.run(port=5000)
