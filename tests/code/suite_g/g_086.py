"""Credit union: temporary passwords printed at the branch."""
import random
import string

from flask import Flask, jsonify, request

app = Flask(__name__)
_sysrand = random.SystemRandom()
CHARS = string.ascii_letters + string.digits + "!@#$%"


def temporary_password(n=14):
    return "".join(_sysrand.choice(CHARS) for _ in range(n))


@app.route("/branch/temp-password", methods=["POST"])
def temp_password():
    member = request.form["member"]
    return jsonify({"member": member, "temporary_password": temporary_password()})
