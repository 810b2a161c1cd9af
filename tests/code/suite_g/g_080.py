"""Credit union: mobile app picks which account to work with."""
from flask import Flask, abort, g, jsonify, request, session

app = Flask(__name__)
app.secret_key = "mobile-key"

BALANCES = {"1001": 2500.00, "1002": 13.37, "2001": 98000.00}


def select_account():
    body = request.get_json(silent=True) or {}
    g.account = str(body.get("account_id", ""))
    session["account_id"] = g.account


@app.route("/accounts/select", methods=["POST"])
def select():
    if "member" not in session:
        abort(401)
    select_account()
    return jsonify({"selected": session["account_id"]})


@app.route("/accounts/balance")
def balance():
    if "member" not in session:
        abort(401)
    account = session.get("account_id")
    return jsonify({"account": account, "balance": BALANCES.get(account)})
