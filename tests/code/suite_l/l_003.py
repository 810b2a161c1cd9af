import os
import shlex
import subprocess

from flask import Flask, jsonify, request

app = Flask(__name__)
ARTIFACT_ROOT = os.environ.get("CI_ARTIFACTS", "/srv/ci/artifacts")


class ArtifactProbe:
    def __init__(self, build, name):
        self.build = build
        self.name = name

    def command(self):
        return "du -sh -- {}".format(shlex.quote(self.name))

    def workdir(self):
        return os.path.join(ARTIFACT_ROOT, str(self.build))


@app.route("/builds/<int:build>/artifact-size", methods=["POST"])
def artifact_size(build):
    name = request.form.get("artifact", "").strip()
    if not name or "/" in name or name.startswith("."):
        return jsonify({"error": "artifact name required"}), 400
    probe = ArtifactProbe(build, name)
    out = subprocess.run(
        probe.command(),
        shell=True,
        cwd=probe.workdir(),
        capture_output=True,
        text=True,
    )
    size = out.stdout.split("\t")[0] if out.returncode == 0 else None
    return jsonify({"build": build, "size": size})


@app.route("/builds/<int:build>")
def build_info(build):
    return jsonify({"build": build, "path": f"/builds/{build}/artifact-size"})
