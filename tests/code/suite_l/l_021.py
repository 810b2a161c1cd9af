import jsonpickle
from flask import Flask, jsonify, request

app = Flask(__name__)

LEADERBOARD = []


class SaveGame:
    def __init__(self, player, level, score):
        self.player = player
        self.level = level
        self.score = score


def restore_save(payload):
    state = payload.get("state")
    if state is None:
        return SaveGame("guest", 1, 0)
    return jsonpickle.decode(state)


@app.route("/game/load", methods=["POST"])
def load_game():
    save = restore_save(request.get_json(force=True))
    return jsonify({"player": save.player, "level": save.level, "score": save.score})


@app.route("/game/finish", methods=["POST"])
def finish():
    save = restore_save(request.get_json(force=True))
    LEADERBOARD.append((save.score, save.player))
    LEADERBOARD.sort(reverse=True)
    del LEADERBOARD[10:]
    return jsonify({"rank": [p for _, p in LEADERBOARD].index(save.player) + 1})


@app.route("/game/leaderboard")
def leaderboard():
    return jsonify([{"player": p, "score": s} for s, p in LEADERBOARD])
