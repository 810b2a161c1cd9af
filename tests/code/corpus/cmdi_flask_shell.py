import subprocess

from flask import Flask, request

app = Flask(__name__)


@app.route("/ping")
def ping():
    host = request.values.get("host", "localhost")
    command = "ping -c 1 {}".format(host)
    result = subprocess.run(command, shell=True, capture_output=True, text=True)
    return {"output": result.stdout}
