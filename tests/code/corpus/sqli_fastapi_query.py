import sqlite3

from fastapi import FastAPI

app = FastAPI()


@app.get("/orders")
def orders(customer: str, limit: int = 10):
    sql = "SELECT id, total FROM orders WHERE customer = '%s' LIMIT %d" % (customer, limit)
    return sqlite3.connect("shop.db").execute(sql).fetchall()
