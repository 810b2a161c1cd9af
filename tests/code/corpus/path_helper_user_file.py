"""Vulnerable: helpers.paths.user_file only joins the name to the uploads folder; "../" in the
name escapes it before the file is deleted."""

import os

from flask import Flask, request
from helpers.paths import user_file

app = Flask(__name__)


@app.route("/uploads/delete", methods=["POST"])
def delete_upload():
    target = user_file(request.form["name"])
    os.remove(target)
    return {"deleted": True}
