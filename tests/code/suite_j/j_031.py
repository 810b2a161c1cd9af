"""Profile endpoints: password change and avatar upload."""
import hashlib

import bcrypt
from flask import Flask, abort, g, jsonify, request

app = Flask(__name__)

AVATARS = {}


def hash_password(password: str) -> bytes:
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(rounds=12))


def file_checksum(data: bytes) -> str:
    # used to deduplicate identical avatar images in storage
    return hashlib.md5(data).hexdigest()


@app.post("/profile/password")
def change_password():
    new_password = request.form.get("new_password", "")
    if len(new_password) < 12:
        abort(400)
    g.user.password_hash = hash_password(new_password)
    g.user.save()
    return jsonify({"changed": True})


@app.post("/profile/avatar")
def upload_avatar():
    upload = request.files.get("avatar")
    if upload is None:
        abort(400)
    data = upload.read(2 * 1024 * 1024)
    checksum = file_checksum(data)
    AVATARS.setdefault(checksum, data)
    g.user.avatar_checksum = checksum
    g.user.save()
    return jsonify({"checksum": checksum})
