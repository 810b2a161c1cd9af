"""Thumbnail conversion endpoint for the media service."""
import os
import subprocess
import tempfile
from dataclasses import dataclass

from flask import Flask, abort, jsonify, request

app = Flask(__name__)

MEDIA_ROOT = os.environ.get("MEDIA_ROOT", "/srv/media")

FORMATS = {
    "png": "png",
    "jpeg": "jpg",
    "jpg": "jpg",
    "webp": "webp",
}
SIZES = ("64x64", "128x128", "256x256")


@dataclass
class ConvertJob:
    source: str
    fmt: str
    size: str

    def argv(self, destination):
        return [
            "convert",
            self.source,
            "-thumbnail",
            self.size,
            f"{self.fmt}:{destination}",
        ]


def source_path(upload_id: int) -> str:
    return os.path.join(MEDIA_ROOT, "originals", f"{upload_id:010d}.img")


@app.post("/media/<int:upload_id>/thumbnail")
def make_thumbnail(upload_id):
    payload = request.get_json(silent=True) or {}
    fmt = FORMATS.get(str(payload.get("format", "png")).lower())
    size = payload.get("size", "128x128")
    if fmt is None or size not in SIZES:
        abort(400)
    job = ConvertJob(source=source_path(upload_id), fmt=fmt, size=size)
    with tempfile.TemporaryDirectory() as work:
        dest = os.path.join(work, "thumb." + fmt)
        result = subprocess.run(job.argv(dest), capture_output=True, timeout=30)
        if result.returncode != 0:
            abort(422)
        return jsonify({"bytes": os.path.getsize(dest), "format": fmt})
