"""Password reset by e-mailed one-time code."""
import random
import time

from flask import Flask, abort, jsonify, request

from .mail import send_mail
from .users import find_user_by_email, set_password

app = Flask(__name__)

CODE_TTL = 15 * 60
PENDING = {}


def _make_code(digits=6):
    low, high = 10 ** (digits - 1), 10 ** digits - 1
    return str(random.randint(low, high))


class ResetService:
    def __init__(self, store, ttl=CODE_TTL):
        self.store = store
        self.ttl = ttl

    def start(self, user):
        code = _make_code()
        self.store[user.email] = (code, time.time() + self.ttl)
        send_mail(user.email, "Your reset code", f"Your code is {code}")

    def finish(self, email, code, new_password):
        entry = self.store.pop(email, None)
        if entry is None or entry[1] < time.time() or entry[0] != code:
            return False
        set_password(email, new_password)
        return True


resets = ResetService(PENDING)


@app.post("/password/forgot")
def forgot():
    user = find_user_by_email(request.form.get("email", ""))
    if user is not None:
        resets.start(user)
    return jsonify({"sent": True})


@app.post("/password/reset")
def reset():
    ok = resets.finish(request.form["email"], request.form["code"], request.form["password"])
    if not ok:
        abort(400)
    return jsonify({"reset": True})
