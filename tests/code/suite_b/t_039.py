from flask import Flask, jsonify, make_response, request

from accounts import check_credentials
from lib.security import new_token

app = Flask(__name__)
SESSIONS = {}


@app.post("/api/session")
def create_session():
    username = request.form.get("username", "")
    password = request.form.get("password", "")
    if not check_credentials(username, password):
        return jsonify(ok=False), 401
    token = new_token()
    SESSIONS[token] = username
    resp = make_response(jsonify(ok=True))
    resp.set_cookie("sid", token, httponly=True, samesite="Lax", max_age=8 * 3600)
    return resp
