import sqlite3

from flask import Flask, request

app = Flask(__name__)


@app.route("/invoice")
def invoice():
    number = int(request.args.get("number", "0"))
    sql = "SELECT amount FROM invoices WHERE number = %d" % number
    return {"rows": sqlite3.connect("bank.db").execute(sql).fetchall()}
