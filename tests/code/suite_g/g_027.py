"""School portal: parents change their account password."""
import hashlib
import sqlite3

from flask import Flask, request, session

app = Flask(__name__)
app.secret_key = "replace-me-in-production"

PEPPER = "school-portal"


class PasswordTool:
    @staticmethod
    def digest(secret):
        return hashlib.sha1((PEPPER + secret).encode()).hexdigest()


@app.route("/account/password", methods=["POST"])
def change_password():
    parent_id = session.get("parent_id")
    if parent_id is None:
        return "login first", 401
    new_hash = PasswordTool.digest(request.form["new_password"])
    conn = sqlite3.connect("portal.db")
    conn.execute("UPDATE parents SET pw = ? WHERE id = ?", (new_hash, parent_id))
    conn.commit()
    conn.close()
    return "password changed"
