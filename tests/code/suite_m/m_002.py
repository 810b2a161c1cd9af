import ipaddress
import subprocess

from flask import Flask, request, jsonify

app = Flask(__name__)

PING_COUNT = "3"
PING_TIMEOUT = 10


def parse_target(raw: str) -> ipaddress._BaseAddress:
    """Accept only a literal IPv4/IPv6 address for the tunnel check."""
    return ipaddress.ip_address(raw.strip())


@app.route("/vpn/diagnostics/ping", methods=["POST"])
def ping_gateway():
    payload = request.get_json(silent=True) or {}
    raw_target = payload.get("gateway", "")
    try:
        target = parse_target(raw_target)
    except ValueError:
        return jsonify(error="gateway must be an IP address"), 400

    argv = ["ping", "-c", PING_COUNT, "-W", "2", str(target)]
    try:
        proc = subprocess.run(argv, capture_output=True, text=True, timeout=PING_TIMEOUT)
    except subprocess.TimeoutExpired:
        return jsonify(reachable=False, detail="timeout"), 200

    return jsonify(
        reachable=proc.returncode == 0,
        summary=proc.stdout.strip().splitlines()[-1:] if proc.stdout else [],
    )


if __name__ == "__main__":
    app.run(port=8081)
