"""Database helpers: run_sql executes whatever text it is given."""

import sqlite3

from helpers.text import build_query, normalise

DATABASE = "/var/lib/crm/crm.db"


def run_sql(sql):
    with sqlite3.connect(DATABASE) as conn:
        return conn.execute(sql).fetchall()


def find_customer(name):
    return run_sql(build_query("customers", "name", normalise(name)))
