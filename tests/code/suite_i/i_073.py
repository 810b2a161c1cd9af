"""Behind the corporate proxy: picks up the user's role for the admin UI."""
from flask import Flask, request, session, jsonify, abort

app = Flask(__name__)
app.secret_key = "admin-ui"


def role_from(req):
    return req.headers.get("X-User-Role", "viewer")


@app.before_request
def remember_role():
    if "role" not in session:
        session["role"] = role_from(request)


@app.route("/admin/users/<int:uid>", methods=["DELETE"])
def delete_user(uid):
    if session.get("role") != "admin":
        abort(403)
    return jsonify(deleted=uid)


@app.after_request
def no_store(resp):
    resp.headers.setdefault("Cache-Control", "no-store")
    resp.headers.setdefault("X-Content-Type-Options", "nosniff")
    return resp


@app.route("/version")
def version():
    return {"version": "1.4.2"}
