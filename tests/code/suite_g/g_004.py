"""Transit agency: search the vehicle location log for a bus number."""
import shlex
import subprocess

from flask import Flask, Response, request

app = Flask(__name__)
LOG_FILE = "/var/log/avl/positions.log"


@app.route("/avl/search")
def search_log():
    term = request.args.get("bus", "")
    limit = min(int(request.args.get("limit", "50")), 500)
    command = "grep -i -- {} {} | tail -n {}".format(shlex.quote(term), LOG_FILE, limit)
    result = subprocess.run(command, shell=True, capture_output=True, text=True)
    return Response(result.stdout, mimetype="text/plain")
