import os

from flask import Flask, jsonify, request, session

app = Flask(__name__)
app.secret_key = os.environ["GRADEBOOK_SECRET"]

MIN_PAGE, MAX_PAGE = 10, 100
DEFAULT_PAGE = 25


def parse_page_size(raw):
    try:
        value = int(raw)
    except (TypeError, ValueError):
        return None
    if MIN_PAGE <= value <= MAX_PAGE:
        return value
    return None


@app.route("/settings/page-size", methods=["POST"])
def page_size():
    size = parse_page_size(request.values.get("size"))
    if size is None:
        return jsonify({"error": "size must be between 10 and 100"}), 400
    session["page_size"] = size
    return jsonify({"page_size": size})


@app.route("/grades")
def grades():
    size = session.get("page_size", DEFAULT_PAGE)
    return jsonify({"page_size": size, "rows": []})
