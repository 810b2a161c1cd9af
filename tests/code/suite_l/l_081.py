import random
import string
import time

from flask import Flask, jsonify, request

from mailer import send_reset_mail
from users import find_by_email, set_password

app = Flask(__name__)

ALPHABET = string.ascii_letters + string.digits
RESET_TOKENS = {}


def reset_token(length=32):
    return "".join(random.choice(ALPHABET) for _ in range(length))


@app.route("/password/forgot", methods=["POST"])
def forgot():
    user = find_by_email(request.form.get("email", "").lower())
    if user is not None:
        token = reset_token()
        RESET_TOKENS[token] = (user.id, time.time() + 3600)
        send_reset_mail(user.email, token)
    return jsonify({"sent": True})


@app.route("/password/reset", methods=["POST"])
def reset():
    entry = RESET_TOKENS.pop(request.form.get("token", ""), None)
    if entry is None or entry[1] < time.time():
        return jsonify({"error": "invalid or expired token"}), 400
    set_password(entry[0], request.form["password"])
    return jsonify({"reset": True})
