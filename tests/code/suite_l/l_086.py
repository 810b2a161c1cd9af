import random
import time

from flask import Flask, jsonify, make_response, request

from arcade.players import check_credentials

app = Flask(__name__)


class SessionStore:
    def __init__(self, ttl=3600):
        self.ttl = ttl
        self.sessions = {}

    def new_id(self):
        return "%032x" % random.getrandbits(128)

    def open(self, player):
        sid = self.new_id()
        self.sessions[sid] = (player, time.time() + self.ttl)
        return sid

    def player_for(self, sid):
        entry = self.sessions.get(sid)
        if entry and entry[1] > time.time():
            return entry[0]
        return None


store = SessionStore()


@app.route("/arcade/login", methods=["POST"])
def login():
    player = request.form.get("player", "")
    if not check_credentials(player, request.form.get("password", "")):
        return jsonify({"ok": False}), 401
    resp = make_response(jsonify({"ok": True}))
    resp.set_cookie("arcade_sid", store.open(player), secure=True, httponly=True)
    return resp


@app.route("/arcade/me")
def me():
    player = store.player_for(request.cookies.get("arcade_sid", ""))
    return jsonify({"player": player}), (200 if player else 401)
