import subprocess

from flask import Flask, request

app = Flask(__name__)


@app.route("/lookup")
def lookup():
    name = request.args.get("name", "")
    result = subprocess.run(["nslookup", name], capture_output=True, text=True)
    return {"output": result.stdout}
