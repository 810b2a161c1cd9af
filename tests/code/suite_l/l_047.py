import os

from flask import Flask, abort, request, send_file

app = Flask(__name__)

EXPORT_ROOT = "/srv/leaderboard/exports"
EXPORTS = {
    "daily": os.path.join(EXPORT_ROOT, "daily.csv"),
    "weekly": os.path.join(EXPORT_ROOT, "weekly.csv"),
    "all-time": os.path.join(EXPORT_ROOT, "all_time.csv"),
}


def pick_export(kind):
    kind = (kind or "daily").strip().lower()
    if kind not in EXPORTS:
        return None
    return EXPORTS[kind]


@app.route("/leaderboard/export")
def export():
    path = pick_export(request.args.get("period"))
    if path is None:
        abort(400)
    return send_file(path, mimetype="text/csv", as_attachment=True)


@app.route("/leaderboard/export/<kind>")
def export_kind(kind):
    path = pick_export(kind)
    if path is None:
        abort(404)
    return send_file(path, mimetype="text/csv")
