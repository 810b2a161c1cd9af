import random
import string

from flask import Flask, jsonify, request

from payroll.accounts import create_account, notify_manager

app = Flask(__name__)

_sysrand = random.SystemRandom()
SYMBOLS = "!@#$%&*"


def temporary_password(length=14):
    pools = [string.ascii_lowercase, string.ascii_uppercase, string.digits, SYMBOLS]
    chars = [_sysrand.choice(pool) for pool in pools]
    everything = "".join(pools)
    chars += [_sysrand.choice(everything) for _ in range(length - len(chars))]
    _sysrand.shuffle(chars)
    return "".join(chars)


@app.route("/payroll/accounts", methods=["POST"])
def new_account():
    data = request.get_json()
    employee = data["employee_id"]
    password = temporary_password()
    create_account(employee, password, must_change=True)
    notify_manager(employee, password)
    return jsonify({"employee": employee, "created": True}), 201


@app.route("/payroll/accounts/policy")
def policy():
    return jsonify({"length": 14, "classes": 4})
