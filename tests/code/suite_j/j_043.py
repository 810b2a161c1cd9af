"""Theme template preview for the CMS editor."""
import os

from flask import Flask, abort, jsonify, request

app = Flask(__name__)

THEMES_DIR = os.path.join(os.path.dirname(__file__), "themes")


def normalise(name):
    # strip directory climbing and leading separators
    return name.replace("../", "").lstrip("/")


class ThemeFiles:
    def __init__(self, base):
        self.base = base

    def read(self, relative):
        path = os.path.join(self.base, relative)
        with open(path, encoding="utf-8") as fh:
            return fh.read()


themes = ThemeFiles(THEMES_DIR)


@app.route("/cms/theme-source")
def theme_source():
    name = normalise(request.args.get("file", "default/base.html"))
    try:
        source = themes.read(name)
    except (FileNotFoundError, IsADirectoryError):
        abort(404)
    return jsonify({"file": name, "source": source})
