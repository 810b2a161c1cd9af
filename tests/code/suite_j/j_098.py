"""Lightweight error and status pages for the upload service."""
from flask import Flask, request

app = Flask(__name__)


def html_page(title, *paragraphs):
    body = "".join("<p>{}</p>".format(p) for p in paragraphs)
    return "<!doctype html><html><head><title>{0}</title></head><body><h1>{0}</h1>{1}</body></html>".format(
        title, body
    )


class UploadStatus:
    def __init__(self, filename, state):
        self.filename = filename
        self.state = state

    def describe(self):
        return f"The file <b>{self.filename}</b> is {self.state}."


@app.route("/uploads/status")
def upload_status():
    status = UploadStatus(request.args.get("file", "unknown"), "being processed")
    return html_page("Upload status", status.describe(), "You can close this window.")


@app.route("/uploads/maintenance")
def maintenance():
    return html_page(
        "Maintenance",
        "Uploads are paused while we upgrade storage.",
        "Please try again in a few minutes.",
    )


@app.route("/uploads/healthz")
def healthz():
    return {"ok": True}
