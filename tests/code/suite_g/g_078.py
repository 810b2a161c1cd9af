"""Library system: patrons pick how many results to show per page."""
from flask import Flask, jsonify, request, session

app = Flask(__name__)
app.secret_key = "library-key"

BOOKS = [f"Book {n}" for n in range(1, 501)]


@app.route("/settings/page-size", methods=["POST"])
def page_size():
    try:
        size = int(request.form.get("size", "20"))
    except ValueError:
        size = 20
    session["page_size"] = max(10, min(size, 100))
    return jsonify({"page_size": session["page_size"]})


@app.route("/browse")
def browse():
    size = session.get("page_size", 20)
    return jsonify(BOOKS[:size])
