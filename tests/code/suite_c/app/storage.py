"""Database and file storage access."""
import os
import sqlite3
import threading

from app import utils

DB_PATH = os.environ.get("PORTAL_DB", "/var/lib/portal/portal.db")
UPLOAD_ROOT = os.environ.get("PORTAL_UPLOADS", "/srv/portal/uploads")


class Database:
    def __init__(self, path=DB_PATH):
        self.path = path
        self._local = threading.local()

    def conn(self):
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path)
            conn.row_factory = sqlite3.Row
            self._local.conn = conn
        return conn

    def query(self, sql, params=()):
        cur = self.conn().execute(sql, params)
        return [dict(row) for row in cur.fetchall()]

    def execute(self, sql, params=()):
        with self.conn() as conn:
            conn.execute(sql, params)


db = Database()


def where_clause(**filters):
    """Legacy string-built WHERE clause (kept for the old reporting screens)."""
    parts = ["{} = '{}'".format(col, val) for col, val in filters.items()]
    return " AND ".join(parts) if parts else "1=1"


def bound_where(**filters):
    """WHERE clause with ? placeholders; column names come from code."""
    clause = " AND ".join(f"{col} = ?" for col in filters) or "1=1"
    return clause, tuple(filters.values())


class UserRepository:
    table = "users"

    def __init__(self, database=None):
        self.db = database or db

    def by_email(self, email):
        return self.db.query("SELECT id, name, email FROM users WHERE email = ?", (email,))

    def by_id(self, user_id):
        rows = self.db.query("SELECT id, name, email, password_hash FROM users WHERE id = ?", (user_id,))
        return rows[0] if rows else None

    def search(self, clause, params=(), order="name"):
        sql = f"SELECT id, name, email FROM {self.table} WHERE {clause} ORDER BY {order}"
        return self.db.query(sql, params)


class FileStore:
    def __init__(self, root=UPLOAD_ROOT):
        self.root = root

    def path_for(self, *parts):
        return os.path.join(self.root, *parts)

    def safe_path_for(self, *parts):
        return utils.within(self.root, *parts)
