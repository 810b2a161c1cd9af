"""Vulnerable: the client's destination is written into a ConfigParser section and read back
to build an rsync command run through the shell."""

import configparser
import os

from flask import Flask, request

app = Flask(__name__)


@app.route("/sync", methods=["POST"])
def sync():
    config = configparser.ConfigParser()
    config.read("/etc/app/sync.ini")
    if not config.has_section("job"):
        config.add_section("job")
    config.set("job", "destination", request.form["destination"])
    command = "rsync -a /srv/data/ " + config.get("job", "destination")
    return {"status": os.system(command)}
