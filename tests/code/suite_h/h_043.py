"""Per-user notes stored as plain files."""
from flask import Flask, request, Response

app = Flask(__name__)
NOTES_ROOT = "/var/notes"


def current_user():
    return request.headers.get("X-Auth-User", "anonymous")


@app.route("/notes/<path:filename>")
def read_note(filename):
    user = current_user()
    try:
        with open(f"{NOTES_ROOT}/{user}/{filename}", encoding="utf-8") as fh:
            body = fh.read()
    except FileNotFoundError:
        return Response("no such note", status=404, mimetype="text/plain")
    return Response(body, mimetype="text/plain")


@app.route("/notes/<path:filename>", methods=["PUT"])
def write_note(filename):
    return Response("read-only for now", status=405, mimetype="text/plain")


@app.errorhandler(404)
def handle_not_found(_err):
    return {"error": "not found"}, 404


@app.errorhandler(500)
def handle_server_error(_err):
    app.logger.exception("unhandled error")
    return {"error": "internal error"}, 500
