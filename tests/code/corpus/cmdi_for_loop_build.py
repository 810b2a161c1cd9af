"""Vulnerable: the resize options from the JSON body are appended in a for loop to the
ImageMagick command line, which is run by the shell."""

import subprocess

from flask import Flask, request

app = Flask(__name__)


@app.route("/images/convert", methods=["POST"])
def convert_image():
    options = request.get_json().get("options", [])
    command = "convert /srv/uploads/in.png"
    for option in options:
        command += " -" + option
    command += " /srv/uploads/out.png"
    return {"status": subprocess.call(command, shell=True)}
