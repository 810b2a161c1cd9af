"""Vulnerable: the query text is built by helpers.text.build_query from the request's e-mail
and executed here."""

import sqlite3

from flask import Flask, request
from helpers.text import build_query

app = Flask(__name__)


@app.route("/members/lookup")
def lookup_member():
    email = request.args.get("email", "")
    sql = build_query("members", "email", email)
    with sqlite3.connect("club.db") as conn:
        rows = conn.execute(sql).fetchall()
    return {"count": len(rows)}
