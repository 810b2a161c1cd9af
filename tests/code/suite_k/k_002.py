"""Connectivity checks for field gateways (IoT dashboard)."""
import ipaddress
import subprocess

from flask import Flask, jsonify, request

app = Flask(__name__)

PING_BINARY = "/bin/ping"


class GatewayProbe:
    def __init__(self, count=2, timeout=3):
        self.count = count
        self.timeout = timeout

    def argv(self, address):
        return [PING_BINARY, "-c", str(self.count), "-W", str(self.timeout),
                str(address)]

    def ping(self, address):
        proc = subprocess.run(self.argv(address), capture_output=True,
                              text=True, timeout=15)
        return proc.returncode == 0, proc.stdout.splitlines()[-2:]


probe = GatewayProbe()


def parse_target(raw):
    """Return an ip address object or None when the input is not an IP."""
    try:
        return ipaddress.ip_address(raw.strip())
    except ValueError:
        return None


@app.route("/api/gateways/ping", methods=["POST"])
def ping_gateway():
    body = request.get_json(silent=True) or {}
    target = parse_target(body.get("host", ""))
    if target is None:
        return jsonify(ok=False, reason="host must be an IPv4/IPv6 address"), 422
    if target.is_multicast or target.is_unspecified:
        return jsonify(ok=False, reason="address not allowed"), 422
    reachable, summary = probe.ping(target)
    return jsonify(ok=True, reachable=reachable, summary=summary)
