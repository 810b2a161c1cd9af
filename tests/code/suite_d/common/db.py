"""Thin database helpers shared by the web services."""
import os
import sqlite3

DB_PATH = os.environ.get("APP_DB", "/var/lib/app/app.db")


def get_conn():
    conn = sqlite3.connect(DB_PATH)
    conn.row_factory = sqlite3.Row
    return conn


def fetch_all(sql, params=()):
    """Run a query and return rows as dicts. Callers own the SQL text."""
    with get_conn() as conn:
        return [dict(r) for r in conn.execute(sql, params).fetchall()]


def fetch_one(sql, params=()):
    rows = fetch_all(sql, params)
    return rows[0] if rows else None


def execute(sql, params=()):
    with get_conn() as conn:
        cur = conn.execute(sql, params)
        return cur.rowcount


class PatientRepository:
    """Patient table access; the table name is fixed by code, never by callers."""

    def __init__(self, table="patients"):
        self.table = table

    def by_mrn(self, mrn):
        return fetch_one(f"SELECT * FROM {self.table} WHERE mrn = ?", (mrn,))

    def search_raw(self, where_clause):
        # Legacy helper: the caller supplies a ready-made WHERE clause.
        return fetch_all(f"SELECT mrn, last_name, first_name, ward FROM {self.table} WHERE " + where_clause)


patients = PatientRepository()
