"""Project archive download: tar a project folder on demand."""
import os
import shlex
import subprocess
import tempfile

from flask import Flask, request, send_file, abort

app = Flask(__name__)
PROJECTS = "/srv/projects"


def make_archive(project):
    out = tempfile.mktemp(suffix=".tgz", dir="/tmp")
    line = "tar -C {root} -czf {out} -- {name}".format(
        root=shlex.quote(PROJECTS), out=shlex.quote(out), name=shlex.quote(project)
    )
    subprocess.run(line, shell=True, check=True)
    return out


@app.route("/projects/archive")
def archive():
    project = request.args.get("project", "")
    if not project or "/" in project or project.startswith("."):
        abort(400)
    if not os.path.isdir(os.path.join(PROJECTS, project)):
        abort(404)
    path = make_archive(project)
    return send_file(path, as_attachment=True, download_name=project + ".tgz")
