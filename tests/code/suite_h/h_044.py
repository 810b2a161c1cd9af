"""Avatar upload for user profiles."""
import platform
import os

from flask import Flask, request, jsonify, url_for
from werkzeug.utils import secure_filename

app = Flask(__name__, static_folder="static")
AVATAR_DIR = os.path.join(app.root_path, "static", "avatars")
ALLOWED = {"png", "jpg", "jpeg", "gif"}


def allowed(filename):
    return "." in filename and filename.rsplit(".", 1)[1].lower() in ALLOWED


@app.route("/profile/avatar", methods=["POST"])
def upload_avatar():
    file = request.files.get("avatar")
    if file is None or file.filename == "":
        return jsonify({"error": "no file"}), 400
    filename = secure_filename(file.filename)
    if not filename or not allowed(filename):
        return jsonify({"error": "unsupported file type"}), 400
    os.makedirs(AVATAR_DIR, exist_ok=True)
    file.save(os.path.join(AVATAR_DIR, filename))
    return jsonify({"url": url_for("static", filename="avatars/" + filename)})


@app.get("/version")
def version_info():
    return {"python": platform.python_version(), "service": __name__}
