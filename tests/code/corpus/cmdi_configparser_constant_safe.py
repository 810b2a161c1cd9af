"""Safe: the ConfigParser section holds the client's comment and a constant command; only the
command entry reaches os.system."""

import configparser
import os

from flask import Flask, request

app = Flask(__name__)


@app.route("/maintenance", methods=["POST"])
def maintenance():
    config = configparser.ConfigParser()
    config["job"] = {"comment": request.form.get("comment", ""), "command": "logrotate -f"}
    status = os.system(config["job"]["command"] + " /etc/logrotate.conf")
    return {"status": status}
