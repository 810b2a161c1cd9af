"""Vulnerable: the X-Forwarded-For header, set by the client, is put into a shell command."""

import os

from flask import Flask, request

app = Flask(__name__)


@app.route("/whois")
def whois():
    client = request.headers.get("X-Forwarded-For", request.remote_addr)
    first_hop = client.split(",")[0].strip()
    output = os.popen(f"whois {first_hop} | head -20").read()
    return {"lines": len(output.splitlines())}
