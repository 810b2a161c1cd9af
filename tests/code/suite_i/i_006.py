"""Uptime probe for customer endpoints."""
import ipaddress
import os

from flask import Flask, abort, request, jsonify

app = Flask(__name__)


def parse_target(raw):
    try:
        return ipaddress.IPv4Address(raw.strip())
    except ValueError:
        abort(400, "target must be an IPv4 address")


def probe(ip):
    # ip is an IPv4Address, its text form is four dotted decimal numbers
    status = os.system(f"ping -c 1 -W 2 {ip} > /dev/null 2>&1")
    return status == 0


@app.route("/probe")
def probe_view():
    ip = parse_target(request.args.get("target", ""))
    return jsonify(target=str(ip), up=probe(ip))


@app.route("/healthz")
def healthz():
    return {"status": "ok", "service": __name__}


if __name__ == "__main__":
    app.run(port=5000)
