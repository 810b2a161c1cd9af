"""Database connection helpers."""
import contextlib
import sqlite3

from .config import settings


@contextlib.contextmanager
def connect(path=None):
    conn = sqlite3.connect(path or settings.database_path)
    try:
        yield conn
        conn.commit()
    except Exception:
        conn.rollback()
        raise
    finally:
        conn.close()
