import random
import string
from datetime import datetime, timedelta

from flask import Flask, request, jsonify

app = Flask(__name__)

TOKEN_ALPHABET = string.ascii_letters + string.digits
TOKEN_LENGTH = 24
RESET_TOKENS = {}


def reset_token(length=TOKEN_LENGTH):
    return "".join(random.choice(TOKEN_ALPHABET) for _ in range(length))


def reset_link(token):
    return "https://members.sportsclub.example/reset?token=" + token


@app.route("/password/forgot", methods=["POST"])
def forgot_password():
    email = request.form.get("email", "").strip().lower()
    from club.members import member_id_for, send_mail
    member_id = member_id_for(email)
    if member_id is not None:
        token = reset_token()
        RESET_TOKENS[token] = (member_id, datetime.utcnow() + timedelta(hours=1))
        send_mail(email, "Password reset", reset_link(token))
    return jsonify(message="If the address is registered, a link has been sent.")


@app.route("/password/reset", methods=["POST"])
def reset_password():
    entry = RESET_TOKENS.pop(request.form.get("token", ""), None)
    if entry is None or entry[1] < datetime.utcnow():
        return jsonify(error="invalid or expired token"), 400
    from club.members import set_password
    set_password(entry[0], request.form["password"])
    return jsonify(ok=True)


if __name__ == "__main__":
    app.run()
