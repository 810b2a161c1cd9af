"""Vulnerable: the region from the request is kept on a report object in __init__ and read
back in another method that formats the SQL."""

import sqlite3

from flask import Flask, request

app = Flask(__name__)


class SalesReport:
    def __init__(self, region):
        self.region = region
        self.table = "sales"

    def sql(self):
        return "SELECT SUM(amount) FROM %s WHERE region = '%s'" % (self.table, self.region)

    def total(self):
        with sqlite3.connect("sales.db") as conn:
            return conn.execute(self.sql()).fetchone()[0]


@app.route("/reports/sales")
def sales():
    report = SalesReport(request.args.get("region", "north"))
    return {"total": report.total()}
