"""After editing a record, send the user back to where they came from."""
from urllib.parse import urlsplit

from flask import Flask, request, redirect, url_for

app = Flask(__name__)

records = {}


def local_path(target):
    if not target or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target or any(ord(ch) < 32 for ch in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target


@app.route("/records/<int:rid>", methods=["POST"])
def save_record(rid):
    records[rid] = request.form.get("body", "")
    dest = local_path(request.form.get("back", ""))
    return redirect(dest or url_for("show_record", rid=rid))


@app.route("/records/<int:rid>")
def show_record(rid):
    return records.get(rid, "")
