"""Safe: the for loop appends only the options found in a fixed allow-list to the shell
command; the others are skipped."""

import subprocess

from flask import Flask, request

app = Flask(__name__)
ALLOWED_OPTIONS = {"strip", "flatten", "monochrome", "normalize"}


@app.route("/images/convert", methods=["POST"])
def convert_image():
    requested = request.get_json().get("options", [])
    command = "convert /srv/uploads/in.png"
    for option in requested:
        if option in ALLOWED_OPTIONS:
            command += " -" + option
    command += " /srv/uploads/out.png"
    return {"status": subprocess.call(command, shell=True)}
