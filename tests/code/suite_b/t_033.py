import os

from flask import Flask, jsonify, request, session

app = Flask(__name__)
app.secret_key = os.environ["FLASK_SECRET_KEY"]
app.config.update(SESSION_COOKIE_SECURE=True, SESSION_COOKIE_HTTPONLY=True)


@app.post("/onboarding/profile")
def save_profile():
    display_name = request.form.get("display_name", "").strip()
    if not display_name:
        return jsonify(error="display_name required"), 400
    session["display_name"] = display_name[:64]
    session["account_tier"] = request.form.get("tier", "free")
    return jsonify(saved=True)


@app.get("/api/limits")
def limits():
    tier = session.get("account_tier", "free")
    return jsonify(max_projects=100 if tier == "enterprise" else 3)
