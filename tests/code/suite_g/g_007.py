"""Library system: trace the route to a branch's catalogue server."""
import re
import subprocess

from flask import Flask, request

app = Flask(__name__)
HOST_RE = re.compile(r"^[a-z0-9.-]{1,253}$")


def is_valid_host(value):
    return HOST_RE.fullmatch(value) is not None


@app.route("/branches/trace")
def trace_branch():
    host = request.args.get("host", "localhost")
    is_valid_host(host)
    output = subprocess.check_output("traceroute -m 12 " + host, shell=True, text=True)
    return "<pre>" + output.replace("<", "&lt;") + "</pre>"
