"""Safe: the report object holds the untrusted region too, but only the constant table name is
formatted into the SQL; the region is bound as a parameter."""

import sqlite3

from flask import Flask, request

app = Flask(__name__)


class SalesReport:
    def __init__(self, region):
        self.region = region
        self.table = "sales_2024"

    def total(self):
        sql = "SELECT SUM(amount) FROM %s WHERE region = ?" % self.table
        with sqlite3.connect("sales.db") as conn:
            return conn.execute(sql, (self.region,)).fetchone()[0]


@app.route("/reports/sales")
def sales():
    return {"total": SalesReport(request.args.get("region", "north")).total()}
