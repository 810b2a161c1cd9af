"""Remember-me login for the partner extranet."""
import secrets

from flask import Flask, abort, jsonify, make_response, request

from .auth import authenticate, remember_tokens

app = Flask(__name__)

COOKIE_OPTS = {
    "max_age": 30 * 24 * 3600,
    "samesite": "Lax",
    "path": "/",
}


class RememberMe:
    cookie_name = "auth"

    def __init__(self, options):
        self.options = dict(options)

    def issue(self, response, user_id):
        token = secrets.token_urlsafe(32)
        remember_tokens.save(token, user_id)
        response.set_cookie(self.cookie_name, token, **self.options)
        return response


remember = RememberMe(COOKIE_OPTS)


@app.post("/extranet/login")
def login():
    user = authenticate(request.form.get("login", ""), request.form.get("password", ""))
    if user is None:
        abort(401)
    resp = make_response(jsonify({"user": user.id}))
    if request.form.get("remember") == "on":
        remember.issue(resp, user.id)
    return resp
