"""User avatars."""
import os

from flask import Flask, send_from_directory, request

app = Flask(__name__)
AVATARS = os.path.join(os.path.dirname(__file__), "avatars")


@app.route("/avatars/<path:filename>")
def avatar(filename):
    size = request.args.get("size", "128")
    folder = os.path.join(AVATARS, "128" if size != "64" else "64")
    return send_from_directory(folder, filename, max_age=3600)


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
