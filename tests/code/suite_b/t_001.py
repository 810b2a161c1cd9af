import os
from zoneinfo import available_timezones

from flask import Flask, jsonify, request, session

app = Flask(__name__)
app.secret_key = os.environ["FLASK_SECRET_KEY"]
app.config.update(SESSION_COOKIE_SECURE=True, SESSION_COOKIE_HTTPONLY=True)
VALID_TIMEZONES = frozenset(available_timezones())


@app.post("/settings/timezone")
def save_timezone():
    tz = request.form.get("timezone", "")
    if tz not in VALID_TIMEZONES:
        return jsonify(error="unknown timezone"), 400
    session["timezone"] = tz
    return jsonify(saved=tz)
