import shlex
import subprocess

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.post("/tools/whois")
def whois_lookup():
    payload = request.get_json(silent=True) or {}
    domain = str(payload.get("domain", "")).strip()
    if not domain:
        return jsonify(error="domain required"), 400
    cmd = "whois -- " + shlex.quote(domain) + " | head -n 40"
    proc = subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=20)
    return jsonify(domain=domain, output=proc.stdout.splitlines())
