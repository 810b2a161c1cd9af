"""User preferences kept in the session."""
from flask import Flask, request, session, jsonify

app = Flask(__name__)
app.secret_key = "prefs"


def set_pref(key, value):
    session[key] = value
    session.modified = True


@app.route("/prefs", methods=["POST"])
def save_prefs():
    for key in ("theme", "timezone", "account_tier"):
        if key in request.form:
            set_pref(key, request.form[key])
    return jsonify(saved=True)


@app.route("/reports/export")
def export():
    if session.get("account_tier") != "enterprise":
        return jsonify(error="upgrade required"), 402
    return jsonify(url="/exports/latest.csv")


@app.errorhandler(404)
def not_found(_err):
    return {"error": "not found"}, 404


@app.errorhandler(405)
def wrong_method(_err):
    return {"error": "method not allowed"}, 405
