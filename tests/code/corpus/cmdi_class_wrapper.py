"""Vulnerable: a small Target class wraps the host name from the JSON body and builds the
ping command from it."""

import subprocess

from flask import Flask, request

app = Flask(__name__)


class Target:
    def __init__(self, host):
        self.host = host.strip()

    def command(self):
        return f"ping -c 3 -W 1 {self.host}"


@app.route("/diagnostics/ping", methods=["POST"])
def ping():
    target = Target(request.get_json()["host"])
    result = subprocess.check_output(target.command(), shell=True)
    return {"lines": result.count(b"\n")}
