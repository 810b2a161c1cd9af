import subprocess

from flask import Flask, abort, g, jsonify, request

app = Flask(__name__)
REPO = "/srv/git/portal.git"


@app.before_request
def load_branch():
    g.branch = request.headers.get("X-Branch", "main")


@app.route("/deploy/changelog")
def changelog():
    if not g.branch:
        abort(400)
    cmd = "git --git-dir=" + REPO + " log --oneline -n 20 " + g.branch
    proc = subprocess.Popen(cmd, shell=True, stdout=subprocess.PIPE, text=True)
    try:
        out, _ = proc.communicate(timeout=15)
    finally:
        proc.kill()
    return jsonify(lines=out.splitlines())
