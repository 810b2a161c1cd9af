"""Water utility GIS: contractors upload zipped as-built drawings; a worker unpacks them."""
import os
import tempfile
import zipfile

from flask import Flask, jsonify, request

from common import jobs

app = Flask(__name__)
DRAWINGS = "/srv/water/as-built"


@jobs.handler("unpack")
def unpack_drawings(archive_path, project):
    dest = os.path.join(DRAWINGS, str(project))
    os.makedirs(dest, exist_ok=True)
    with zipfile.ZipFile(archive_path) as archive:
        for member in archive.namelist():
            if member.endswith("/"):
                continue
            target = os.path.join(dest, member)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as out:
                out.write(archive.read(member))
    os.unlink(archive_path)
    return dest


@app.post("/projects/<int:project>/as-built")
def upload_as_built(project):
    handle, path = tempfile.mkstemp(suffix=".zip")
    with os.fdopen(handle, "wb") as out:
        out.write(request.files["drawings"].read())
    jobs.submit("unpack", archive_path=path, project=project)
    return jsonify(queued=True), 202
