"""Autocomplete endpoint used by the search box."""
from flask import Flask, jsonify, request

app = Flask(__name__)
TERMS = ["python", "pytest", "pydantic", "flask", "fastapi"]


def suggestions(prefix):
    return [t for t in TERMS if t.startswith(prefix.lower())][:5]


@app.route("/autocomplete")
def autocomplete():
    prefix = request.args.get("q", "")
    return jsonify(query=prefix, suggestions=suggestions(prefix),
                   message=f"<b>{len(suggestions(prefix))}</b> matches for {prefix}")


@app.errorhandler(404)
def not_found(_err):
    return {"error": "not found"}, 404


@app.errorhandler(405)
def wrong_method(_err):
    return {"error": "method not allowed"}, 405


@app.after_request
def no_store(resp):
    resp.headers.setdefault("Cache-Control", "no-store")
    resp.headers.setdefault("X-Content-Type-Options", "nosniff")
    return resp


@app.route("/version")
def version():
    return {"version": "1.4.2"}


@app.route("/healthz")
def healthz():
    return {"status": "ok", "service": __name__}


if __name__ == "__main__":
    app.run(port=5000)
