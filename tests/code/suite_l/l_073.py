import os

from flask import Flask, jsonify, redirect, request, session, url_for

app = Flask(__name__)
app.secret_key = os.environ["LIBRARY_SECRET"]

SUPPORTED = {"en", "de", "fr", "pt"}


@app.route("/preferences/language", methods=["POST"])
def set_language():
    lang = request.form.get("lang", "").lower()
    if lang not in SUPPORTED:
        return jsonify({"error": "unsupported language"}), 400
    session["lang"] = lang
    return redirect(url_for("preferences"))


@app.route("/preferences")
def preferences():
    return jsonify({
        "lang": session.get("lang", "en"),
        "available": sorted(SUPPORTED),
    })


@app.route("/preferences/reset", methods=["POST"])
def reset():
    session.pop("lang", None)
    return jsonify({"lang": "en"})
