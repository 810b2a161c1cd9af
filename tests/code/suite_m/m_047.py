import os
import sqlite3

from flask import Flask, send_file, abort

app = Flask(__name__)

AVATAR_DIR = "/srv/club/avatars"
DB_PATH = "/srv/club/members.db"


def avatar_filename(member_id: int):
    conn = sqlite3.connect(DB_PATH)
    try:
        row = conn.execute(
            "SELECT avatar_file FROM members WHERE id = ?", (member_id,)
        ).fetchone()
    finally:
        conn.close()
    return row[0] if row else None


@app.route("/members/<int:member_id>/avatar")
def avatar(member_id):
    stored = avatar_filename(member_id)
    if not stored:
        return send_file(os.path.join(AVATAR_DIR, "default.png"))
    return send_file(os.path.join(AVATAR_DIR, stored), max_age=3600)


@app.route("/members/<int:member_id>/avatar/info")
def avatar_info(member_id):
    stored = avatar_filename(member_id)
    return {"member": member_id, "custom": bool(stored)}


if __name__ == "__main__":
    app.run()
