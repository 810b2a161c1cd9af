"""Reachability check used by the status page."""
import ipaddress
import subprocess

from flask import Flask, request, jsonify, abort

app = Flask(__name__)

PING = "/bin/ping"


class Prober:
    def __init__(self, binary=PING, count=2):
        self.binary = binary
        self.count = count

    def argv(self, addr):
        return [self.binary, "-c", str(self.count), "-W", "1", addr]

    def probe(self, addr):
        result = subprocess.run(self.argv(addr), capture_output=True, text=True, timeout=10)
        return result.returncode == 0, result.stdout


prober = Prober()


@app.route("/status/probe", methods=["POST"])
def probe():
    raw = request.form.get("address", "")
    try:
        addr = str(ipaddress.ip_address(raw.strip()))
    except ValueError:
        abort(400, "not an IP address")
    ok, output = prober.probe(addr)
    return jsonify({"address": addr, "up": ok, "raw": output[-500:]})
