"""Vulnerable: the customer name goes through helpers.db.find_customer, which normalises it,
builds SQL with helpers.text.build_query and executes it with run_sql: two helper levels."""

from fastapi import FastAPI
from helpers.db import find_customer

app = FastAPI()


@app.get("/customers/search")
def search_customers(name: str):
    return {"matches": len(find_customer(name))}
