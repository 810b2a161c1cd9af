"""Vulnerable: the <name> route parameter is a free string (it may be "..%2f..%2fetc%2fpasswd"
decoded), joined to the notes folder and opened."""

import os

from flask import Flask

app = Flask(__name__)
NOTES = "/srv/notes"


@app.route("/notes/<name>")
def note_length(name):
    with open(os.path.join(NOTES, name), encoding="utf-8") as handle:
        words = len(handle.read().split())
    return {"words": words}
