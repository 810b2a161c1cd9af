"""Admin creates accounts for new hires with a generated initial password."""
import random
import string

from flask import Flask, request, jsonify
from werkzeug.security import generate_password_hash

app = Flask(__name__)
accounts = {}


class PasswordGenerator:
    alphabet = string.ascii_letters + string.digits + "!@#%^&*"

    def __init__(self, length=14):
        self.length = length

    def generate(self):
        return "".join(random.choice(self.alphabet) for _ in range(self.length))


generator = PasswordGenerator()


@app.route("/admin/hires", methods=["POST"])
def create_hire():
    login = request.form["login"]
    initial = generator.generate()
    accounts[login] = generate_password_hash(initial)
    return jsonify({"login": login, "initial_password": initial}), 201
