"""Vulnerable: the <username> route parameter is interpolated into the SQL text."""

import sqlite3

from flask import Flask

app = Flask(__name__)


@app.route("/users/<username>/posts")
def user_posts(username):
    conn = sqlite3.connect("blog.db")
    cursor = conn.cursor()
    cursor.execute(f"SELECT id, title FROM posts WHERE author = '{username}'")
    return {"count": len(cursor.fetchall())}
