import os

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.post("/tools/ping")
def ping():
    host = request.form.get("host", "").strip()
    if not host:
        return jsonify(error="host is required"), 400
    status = os.system("ping -c 1 -W 2 " + host + " > /dev/null 2>&1")
    return jsonify(host=host, reachable=(status == 0))
