import os

from flask import Flask, request, session, jsonify

app = Flask(__name__)
app.config.update(
    SECRET_KEY=os.environ["NEWSLETTER_SECRET"],
    SESSION_COOKIE_NAME="nl_session",
    SESSION_COOKIE_SECURE=True,
    SESSION_COOKIE_HTTPONLY=True,
    SESSION_COOKIE_SAMESITE="Lax",
    PERMANENT_SESSION_LIFETIME=60 * 60 * 12,
)


def lookup_editor(email, password):
    from newsletter.accounts import authenticate
    return authenticate(email, password)


@app.route("/editor/login", methods=["POST"])
def editor_login():
    editor = lookup_editor(request.form.get("email", ""), request.form.get("password", ""))
    if editor is None:
        return jsonify(ok=False), 401
    session.clear()
    session["editor_id"] = editor.id
    session.permanent = True
    return jsonify(ok=True, editor=editor.id)


@app.route("/editor/logout", methods=["POST"])
def editor_logout():
    session.clear()
    return jsonify(ok=True)


if __name__ == "__main__":
    app.run()
