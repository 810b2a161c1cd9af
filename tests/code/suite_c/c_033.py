from flask import Blueprint, jsonify, request, session

prefs = Blueprint("prefs", __name__)


@prefs.route("/workspace/switch", methods=["POST"])
def switch_workspace():
    workspace = request.form.get("workspace", "")
    role = request.form.get("role", "viewer")
    if not workspace:
        return jsonify(error="workspace required"), 400
    session["workspace"] = workspace.strip()
    session["role"] = role
    return jsonify(ok=True)
