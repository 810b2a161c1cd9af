"""Theme template viewer for designers."""
from flask import Flask, request, Response, abort

app = Flask(__name__)
BASE = "/srv/themes"


def resolve(theme, page):
    path = BASE + "/" + theme + "/" + page
    if not path.startswith(BASE):
        return None
    return path


@app.route("/themes/view")
def view():
    path = resolve(request.args.get("theme", "default"), request.args.get("page", "index.html"))
    if path is None:
        abort(403)
    try:
        with open(path, encoding="utf-8") as fh:
            return Response(fh.read(), mimetype="text/plain")
    except FileNotFoundError:
        abort(404)


@app.errorhandler(404)
def not_found(_err):
    return {"error": "not found"}, 404


@app.errorhandler(405)
def wrong_method(_err):
    return {"error": "method not allowed"}, 405
