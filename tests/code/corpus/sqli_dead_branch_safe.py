import sqlite3

from flask import Flask, request

app = Flask(__name__)


@app.route("/accounts")
def accounts():
    branch = request.form.get("branch", "")
    limit = 12
    if limit * 3 - 30 > 10:
        sql = "SELECT number FROM accounts WHERE branch = '" + branch + "'"
    else:
        sql = "SELECT number FROM accounts WHERE branch = 'main'"
    return {"rows": sqlite3.connect("bank.db").execute(sql).fetchall()}
