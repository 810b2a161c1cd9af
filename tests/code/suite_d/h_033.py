"""Patient portal: proxy (guardian) access - choose which dependant to act for."""
import os

from flask import Flask, jsonify, request, session

app = Flask(__name__)
app.secret_key = os.environ["PORTAL_SECRET_KEY"]
app.config.update(SESSION_COOKIE_SECURE=True, SESSION_COOKIE_HTTPONLY=True)


@app.route("/proxy/select")
def select_dependant():
    if "uid" not in session:
        return jsonify({"error": "login required"}), 401
    mrn = request.args.get("mrn", "")
    session["acting_for_mrn"] = mrn
    session.modified = True
    return jsonify({"acting_for": mrn})
