"""Clinic: patients download their visit summaries."""
import os

from flask import Flask, request, send_file

app = Flask(__name__)
SUMMARY_DIR = "/srv/clinic/summaries"


@app.route("/summaries/download")
def download_summary():
    filename = request.args.get("file", "latest.pdf")
    path = os.path.join(SUMMARY_DIR, filename)
    if not os.path.isfile(path):
        return "not found", 404
    return send_file(path, mimetype="application/pdf")


@app.route("/summaries")
def list_summaries():
    names = sorted(n for n in os.listdir(SUMMARY_DIR) if n.endswith(".pdf"))
    return {"summaries": names}


if __name__ == "__main__":
    app.run()
