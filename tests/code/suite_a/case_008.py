import subprocess

from flask import Flask, abort, jsonify, request

from util.validators import is_hostname

app = Flask(__name__)


@app.route("/api/dns")
def dns_lookup():
    name = request.args.get("name", "")
    if not is_hostname(name):
        abort(400)
    proc = subprocess.run(
        ["host", "-W", "2", name], capture_output=True, text=True, timeout=5
    )
    return jsonify({"answer": proc.stdout.splitlines()})
