"""Database helpers for the portal's SQLite store."""
import sqlite3

from common.settings import setting


def get_conn():
    conn = sqlite3.connect(setting("db", "sqlite_path", fallback=":memory:"))
    conn.row_factory = sqlite3.Row
    return conn


def fetch_all(sql, params=()):
    with get_conn() as conn:
        cur = conn.execute(sql, params)
        return [dict(r) for r in cur.fetchall()]


def fetch_one(sql, params=()):
    rows = fetch_all(sql, params)
    return rows[0] if rows else None
