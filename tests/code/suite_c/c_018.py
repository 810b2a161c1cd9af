import subprocess

from flask import Blueprint, jsonify, request

from app.utils import clean_int

netops = Blueprint("netops", __name__)


@netops.route("/diag/ping")
def ping():
    host = request.args.get("host", "localhost")
    count = min(clean_int(request.args.get("count"), 3), 10)
    proc = subprocess.run(f"ping -c {count} {host}", shell=True, capture_output=True, text=True, timeout=20)
    return jsonify(rc=proc.returncode, output=proc.stdout.splitlines()[-3:])
