"""Display name shown in the chat header, kept in the session."""
import re

from flask import Flask, request, session, jsonify

app = Flask(__name__)
app.secret_key = "chat"
NICK_RE = re.compile(r"[A-Za-z0-9 _.-]{2,24}")


class InvalidNick(ValueError):
    pass


def validated_nick(raw):
    nick = (raw or "").strip()
    if not NICK_RE.fullmatch(nick):
        raise InvalidNick(nick)
    return nick


@app.route("/chat/nick", methods=["POST"])
def set_nick():
    try:
        nick = validated_nick(request.form.get("nick"))
    except InvalidNick:
        return jsonify(error="2-24 letters, digits, space, _ . -"), 400
    session["nick"] = nick
    return jsonify(nick=nick)


@app.after_request
def no_store(resp):
    resp.headers.setdefault("Cache-Control", "no-store")
    resp.headers.setdefault("X-Content-Type-Options", "nosniff")
    return resp


@app.route("/version")
def version():
    return {"version": "1.4.2"}
