import os

from flask import Flask, request, jsonify
from werkzeug.utils import secure_filename

app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = 20 * 1024 * 1024

UPLOAD_ROOT = "/srv/citsci/uploads"
ALLOWED = {"csv", "gpx", "jpg", "jpeg", "png"}


def target_for(project, filename):
    folder = os.path.join(UPLOAD_ROOT, project)
    os.makedirs(folder, exist_ok=True)
    return os.path.join(folder, filename)


@app.route("/projects/<int:project_id>/files", methods=["POST"])
def upload(project_id):
    item = request.files.get("file")
    if item is None or item.filename == "":
        return jsonify(error="no file"), 400
    name = secure_filename(item.filename)
    if not name or name.rsplit(".", 1)[-1].lower() not in ALLOWED:
        return jsonify(error="file type not accepted"), 415
    dest = target_for(str(project_id), name)
    item.save(dest)
    return jsonify(saved=name, size=os.path.getsize(dest)), 201


if __name__ == "__main__":
    app.run()
