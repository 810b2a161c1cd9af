"""Credit union: teller screen pulls recent transactions for an account."""
import sqlite3

from flask import Flask, jsonify, request

app = Flask(__name__)


def scrub(value):
    # quotes broke the old report tool
    return value.replace("'", "").replace('"', "")


@app.route("/teller/transactions")
def transactions():
    acct = scrub(request.args.get("account", "0"))
    sql = "SELECT posted, amount, memo FROM transactions WHERE account_no = " + acct
    sql += " ORDER BY posted DESC LIMIT 25"
    with sqlite3.connect("cu.db") as conn:
        return jsonify(conn.execute(sql).fetchall())
