"""Backup actions triggered from the admin UI (JSON API)."""
import subprocess

from flask import Flask, jsonify, request

app = Flask(__name__)

ACTIONS = {
    "archive": lambda p: f"tar czf /backups/latest.tgz {p}",
    "size": lambda p: f"du -sh {p}",
    "list": lambda p: "ls -la {}".format(p),
}


def build(action, path):
    maker = ACTIONS.get(action)
    if maker is None:
        raise KeyError(action)
    return maker(path)


@app.route("/admin/backup", methods=["POST"])
def backup():
    body = request.get_json(force=True) or {}
    action = body.get("action", "size")
    path = body.get("path", "/srv/data")
    try:
        cmd = build(action, path)
    except KeyError:
        return jsonify(error="unknown action"), 400
    out = subprocess.check_output(cmd, shell=True, stderr=subprocess.STDOUT)
    return jsonify(output=out.decode(errors="replace"))
