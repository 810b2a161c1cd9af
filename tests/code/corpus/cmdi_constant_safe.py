import os

from flask import Flask, request

app = Flask(__name__)


@app.route("/uptime")
def uptime():
    requested = request.args.get("verbose")
    flags = "-p"
    os.popen("uptime " + flags)
    return {"requested": requested is not None}
