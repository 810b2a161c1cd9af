import subprocess

from flask import Flask, Response, request

app = Flask(__name__)


def build_archive_cmd(label):
    return "tar -czf /tmp/export-%s.tgz /srv/app/exports" % label


@app.route("/export")
def export():
    label = request.headers.get("X-Export-Label", "default")
    proc = subprocess.run(build_archive_cmd(label), shell=True, capture_output=True)
    text = "done" if proc.returncode == 0 else "failed"
    return Response(text, mimetype="text/plain")
