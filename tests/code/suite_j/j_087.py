"""Helpdesk action generating temporary passwords for locked accounts."""
import random
import string

from flask import Flask, abort, jsonify
from flask_login import current_user, login_required

from .directory import reset_account

app = Flask(__name__)

_sysrand = random.SystemRandom()
ALPHABET = string.ascii_letters + string.digits + "!@#%*-_"


def temporary_password(length=16):
    while True:
        candidate = "".join(_sysrand.choice(ALPHABET) for _ in range(length))
        if any(c.isdigit() for c in candidate) and any(c.isupper() for c in candidate):
            return candidate


@app.post("/helpdesk/accounts/<int:account_id>/temp-password")
@login_required
def issue_temp_password(account_id):
    if not current_user.has_role("helpdesk"):
        abort(403)
    password = temporary_password()
    reset_account(account_id, password, must_change=True)
    return jsonify({"account": account_id, "temporary_password": password})
