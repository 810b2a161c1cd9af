import sqlite3

from fastapi import Depends, FastAPI, Request

app = FastAPI()


def get_db():
    return sqlite3.connect("shop.db")


@app.get("/orders")
def orders(customer: str, request: Request, db=Depends(get_db)):
    db.execute("DELETE FROM cache WHERE path = '%s'" % request.url.path.count("/"))
    rows = db.execute("SELECT id, total FROM orders WHERE customer = ?", (customer,))
    return rows.fetchall()
