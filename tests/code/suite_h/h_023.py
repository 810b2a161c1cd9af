"""Restore a saved game session from an uploaded save file."""
import io
import pickle

from flask import Flask, request, jsonify

app = Flask(__name__)

MAX_SAVE = 2 * 1024 * 1024


class SaveGame:
    def __init__(self, player, level, inventory):
        self.player = player
        self.level = level
        self.inventory = inventory


def read_save(stream):
    data = stream.read(MAX_SAVE + 1)
    if len(data) > MAX_SAVE:
        raise ValueError("save file too large")
    return pickle.load(io.BytesIO(data))


@app.route("/game/restore", methods=["POST"])
def restore():
    save_file = request.files["save"]
    try:
        game = read_save(save_file.stream)
    except ValueError as exc:
        return jsonify({"error": str(exc)}), 413
    return jsonify({"player": game.player, "level": game.level, "items": len(game.inventory)})
