"""County court jury portal: e-mail a code that lets a juror reset their password."""
import time

from flask import Flask, jsonify, request

from common.tokens import make_code

app = Flask(__name__)

RESET_CODES = {}
CODE_TTL = 15 * 60


class ResetCodeService:
    length = 8

    def issue(self, juror_id):
        code = make_code(self.length)
        RESET_CODES[juror_id] = (code, time.time() + CODE_TTL)
        return code

    def check(self, juror_id, code):
        stored, expires = RESET_CODES.get(juror_id, ("", 0))
        return bool(stored) and stored == code and time.time() < expires


def send_mail(juror_id, body):
    print(f"mail to juror {juror_id}: {body}")


@app.post("/jurors/<juror_id>/reset")
def request_reset(juror_id):
    code = ResetCodeService().issue(juror_id)
    send_mail(juror_id, f"Your reset code is {code}")
    return jsonify(sent=True)


@app.post("/jurors/<juror_id>/reset/confirm")
def confirm_reset(juror_id):
    return jsonify(ok=ResetCodeService().check(juror_id, request.form.get("code", "")))
