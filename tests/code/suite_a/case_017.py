import os

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/tools/ping", methods=["POST"])
def ping():
    host = request.form.get("host", "127.0.0.1")
    status = os.system(f"ping -c 1 -W 2 {host} > /dev/null 2>&1")
    return jsonify({"reachable": status == 0})
