"""Tiny database helpers shared by the sample apps."""
import sqlite3

DB_PATH = "/var/lib/app/app.db"


def get_connection():
    conn = sqlite3.connect(DB_PATH)
    conn.row_factory = sqlite3.Row
    return conn


def fetch_all(sql, params=()):
    with get_connection() as conn:
        return [dict(row) for row in conn.execute(sql, params).fetchall()]


def find_user(username):
    return fetch_all(
        "SELECT id, username, pw_hash FROM users WHERE username = ?", (username,)
    )
