import os
import shlex

from flask import Flask, request

app = Flask(__name__)


@app.route("/ping")
def ping():
    host = shlex.quote(request.args.get("host", "localhost"))
    os.system("ping -c 1 " + host)
    return {"status": "sent"}
