"""Vulnerable: the dict entry read back is the one holding the client's file name."""

from flask import Flask, request

app = Flask(__name__)


@app.route("/exports/read")
def read_export():
    spec = {"name": request.args["file"], "folder": "/srv/exports"}
    with open(spec["folder"] + "/" + spec["name"], encoding="utf-8") as handle:
        return {"lines": sum(1 for _ in handle)}
