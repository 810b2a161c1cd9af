"""Safe: the directory name is quoted with shlex.quote before helpers.shell.run sends the
command to the shell."""

import shlex

from flask import Flask, request
from helpers.shell import run

app = Flask(__name__)


@app.route("/disk-usage")
def disk_usage():
    folder = request.args.get("folder", "tmp")
    code = run("du -sh /srv/data/" + shlex.quote(folder))
    return {"ok": code == 0}
