"""Downloadable brochures, picked by id."""
import os

from flask import Flask, abort, send_file, request

app = Flask(__name__)
BROCHURE_DIR = "/srv/marketing/brochures"
BROCHURES = {
    "1": "product-overview.pdf",
    "2": "pricing-2026.pdf",
    "3": "security-whitepaper.pdf",
}


def brochure_path(brochure_id):
    name = BROCHURES.get(brochure_id)
    if name is None:
        return None
    return os.path.join(BROCHURE_DIR, name)


@app.route("/brochure")
def brochure():
    path = brochure_path(request.args.get("id", ""))
    if path is None:
        abort(404)
    return send_file(path, as_attachment=True, download_name=os.path.basename(path))


@app.errorhandler(404)
def not_found(_err):
    return {"error": "not found"}, 404


@app.errorhandler(405)
def wrong_method(_err):
    return {"error": "method not allowed"}, 405
