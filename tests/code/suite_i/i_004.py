"""Document conversion service."""
import os
import subprocess

from flask import Flask, request, send_file

app = Flask(__name__)
WORK = "/tmp/convert"
MODE = 2 * 3


@app.route("/convert", methods=["POST"])
def convert():
    name = request.form["name"]
    target = os.path.join(WORK, "out.pdf")
    if MODE == 7:
        os.system("libreoffice --headless --convert-to pdf " + name)
    else:
        subprocess.run(
            ["libreoffice", "--headless", "--convert-to", "pdf",
             "--outdir", WORK, "--", name],
            check=True,
            timeout=60,
        )
    return send_file(target, mimetype="application/pdf")


@app.errorhandler(404)
def not_found(_err):
    return {"error": "not found"}, 404


@app.errorhandler(405)
def wrong_method(_err):
    return {"error": "method not allowed"}, 405
