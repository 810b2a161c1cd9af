"""Service control buttons on the internal dashboard."""
import subprocess

from flask import Flask, request, jsonify

app = Flask(__name__)

ACTIONS = {
    "status": ["systemctl", "status", "--no-pager", "nginx"],
    "reload": ["sudo", "systemctl", "reload", "nginx"],
    "test": ["sudo", "nginx", "-t"],
}


def execute(argv):
    out = subprocess.check_output(argv, stderr=subprocess.STDOUT, timeout=20)
    return out.decode(errors="replace")


@app.route("/svc/<action>", methods=["POST"])
def service(action):
    note = request.get_json(silent=True) or {}
    argv = ACTIONS.get(action)
    if argv is None:
        return jsonify({"error": f"unknown action {action!r}"}), 404
    try:
        output = execute(argv)
    except subprocess.CalledProcessError as exc:
        return jsonify({"ok": False, "output": exc.output.decode(errors="replace")}), 500
    return jsonify({"ok": True, "output": output, "note": note.get("comment", "")})
