"""Safe: the Target class parses the host with ipaddress.ip_address and keeps only the
normalised address, so no shell metacharacter can reach the ping command."""

import ipaddress
import subprocess

from flask import Flask, abort, request

app = Flask(__name__)


class Target:
    def __init__(self, host):
        self.address = str(ipaddress.ip_address(host.strip()))

    def command(self):
        return f"ping -c 3 -W 1 {self.address}"


@app.route("/diagnostics/ping", methods=["POST"])
def ping():
    try:
        target = Target(request.get_json()["host"])
    except ValueError:
        abort(400)
    return {"lines": subprocess.check_output(target.command(), shell=True).count(b"\n")}
