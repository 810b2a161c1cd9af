import sqlite3

from fastapi import FastAPI

app = FastAPI()


class ReportFilter:
    def __init__(self, region, year):
        self.region = region
        self.year = year

    def where_clause(self):
        parts = ["year = %d" % self.year, "region = '" + self.region + "'"]
        return " AND ".join(parts)


@app.get("/reports/{region}/{year}")
def report(region: str, year: int):
    flt = ReportFilter(region, year)
    conn = sqlite3.connect("reports.db")
    rows = conn.execute("SELECT month, revenue FROM sales WHERE " + flt.where_clause()).fetchall()
    conn.close()
    return {"rows": [list(r) for r in rows]}
