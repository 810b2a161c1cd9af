"""User preferences synced from the single-page app."""
import platform

from flask import Flask, request, session, jsonify

app = Flask(__name__)
app.secret_key = "prefs"


@app.route("/api/prefs", methods=["PUT"])
def put_prefs():
    payload = request.get_json(force=True) or {}
    prefs = payload.get("prefs", {})
    session.update(prefs)
    return jsonify({"stored": sorted(prefs)})


@app.route("/api/prefs")
def get_prefs():
    return jsonify(dict(session))


@app.route("/api/billing")
def billing():
    if not session.get("plan_paid"):
        return jsonify({"error": "upgrade required"}), 402
    return jsonify({"invoices": []})


@app.get("/version")
def version_info():
    return {"python": platform.python_version(), "service": __name__}
