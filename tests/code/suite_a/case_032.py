from flask import Flask, send_file

app = Flask(__name__)
AVATAR_ROOT = "/srv/app/avatars"


@app.route("/avatars/<path:filename>")
def avatar(filename):
    response = send_file(f"{AVATAR_ROOT}/{filename}", max_age=86400)
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@app.route("/healthz")
def healthz():
    return {"status": "ok"}
