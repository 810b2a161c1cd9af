import subprocess

from flask import Blueprint, jsonify, request

netops = Blueprint("netops_v2", __name__)


@netops.route("/diag/trace", methods=["POST"])
def traceroute():
    payload = request.get_json(force=True) or {}
    host = str(payload.get("host", "localhost"))
    max_hops = payload.get("max_hops", 15)
    argv = ["traceroute", "-m", str(int(max_hops)), "--", host]
    proc = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    return jsonify(rc=proc.returncode, hops=len(proc.stdout.splitlines()) - 1)
