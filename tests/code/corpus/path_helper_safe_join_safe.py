"""Safe: helpers.paths.safe_join resolves the path and raises unless it stays inside the
uploads folder, so only files under it can be opened."""

from flask import Flask, abort, request
from helpers.paths import UPLOADS, safe_join

app = Flask(__name__)


@app.route("/uploads/size")
def upload_size():
    try:
        full = safe_join(UPLOADS, request.args["name"])
    except PermissionError:
        abort(403)
    with open(full, "rb") as handle:
        return {"bytes": len(handle.read())}
