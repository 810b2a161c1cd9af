"""Electric co-op: one-time enrolment codes printed on paperless-billing letters."""
import secrets

from flask import Flask, jsonify

from common.tokens import make_code

app = Flask(__name__)

ENROLMENT_CODES = {}
_system_rng = secrets.SystemRandom()


@app.post("/billing/paperless/<int:account>/code")
def issue_enrolment_code(account):
    code = make_code(16, rng=_system_rng)
    ENROLMENT_CODES[code] = account
    return jsonify(account=account, issued=True)
