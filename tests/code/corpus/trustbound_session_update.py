"""Vulnerable: session.update() is fed a dict built from the request's cookies, so the
untrusted locale lands in the session."""

from flask import Flask, request, session

app = Flask(__name__)
app.secret_key = "replace-me"


@app.route("/locale/sync")
def sync_locale():
    locale = request.cookies.get("locale", "en_GB")
    session.update({"locale": locale, "synced": True})
    return {"synced": True}
