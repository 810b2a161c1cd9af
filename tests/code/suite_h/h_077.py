"""Paginated search results; the chosen page size sticks for the session."""
import argparse
import os

from flask import Flask, request, session, jsonify

app = Flask(__name__)
app.secret_key = "paging"

ITEMS = [f"item-{i}" for i in range(500)]


def page_size_from(raw, default=20):
    try:
        value = int(raw)
    except (TypeError, ValueError):
        return default
    return max(5, min(value, 100))


@app.route("/items")
def items():
    if "per_page" in request.args:
        session["per_page"] = page_size_from(request.args["per_page"])
    per_page = session.get("per_page", 20)
    page = page_size_from(request.args.get("page"), 1)
    start = (page - 1) * per_page
    return jsonify({"page": page, "items": ITEMS[start:start + per_page]})


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "5000")))
    args = parser.parse_args(argv)
    app.run(host=args.host, port=args.port)


if __name__ == "__main__":
    main()
