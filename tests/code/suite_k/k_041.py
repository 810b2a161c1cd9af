"""Report downloads for the logistics back-office."""
import os

from flask import Blueprint, abort, current_app, request, send_from_directory

reports = Blueprint("reports", __name__, url_prefix="/reports")


def report_dir():
    return os.path.join(current_app.instance_path, "reports")


@reports.get("/download")
def download_report():
    name = request.args.get("name", "")
    if not name.endswith((".pdf", ".csv")):
        abort(400)
    return send_from_directory(report_dir(), name, as_attachment=True)


@reports.get("/latest/<path:name>")
def latest(name):
    return send_from_directory(report_dir(), name)


@reports.get("/")
def list_reports():
    try:
        names = sorted(n for n in os.listdir(report_dir()) if n.endswith((".pdf", ".csv")))
    except FileNotFoundError:
        names = []
    return {"reports": names}
