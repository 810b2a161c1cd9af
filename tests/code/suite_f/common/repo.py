"""Repository layer over DB-API connections."""
import sqlite3


def connect(path="/var/lib/suite/app.db"):
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    return conn


class Repository:
    def __init__(self, conn):
        self.conn = conn

    def fetch(self, sql, params=()):
        cur = self.conn.cursor()
        cur.execute(sql, params)
        return cur.fetchall()

    def fetch_one(self, sql, params=()):
        rows = self.fetch(sql, params)
        return rows[0] if rows else None


class QueryBuilder:
    def __init__(self, table):
        self.table = table
        self.clauses = []
        self.params = []

    def where(self, clause, *params):
        self.clauses.append(clause)
        self.params.extend(params)
        return self

    def build(self):
        sql = "SELECT * FROM " + self.table
        if self.clauses:
            sql += " WHERE " + " AND ".join(self.clauses)
        return sql, tuple(self.params)
