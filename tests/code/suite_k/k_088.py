"""Temporary passwords for accounts created by the school office."""
import string
from random import SystemRandom

from flask import Blueprint, jsonify, request

from .accounts import create_student_account

office = Blueprint("office", __name__)

_rng = SystemRandom()
_POOL = string.ascii_letters + string.digits + "!@#%*-_"


def temporary_password(length: int = 14) -> str:
    while True:
        pw = "".join(_rng.choice(_POOL) for _ in range(length))
        if any(c.isdigit() for c in pw) and any(c.isupper() for c in pw):
            return pw


@office.post("/office/students")
def create_student():
    data = request.get_json(force=True)
    temp = temporary_password()
    account = create_student_account(
        name=data["name"], year=int(data["year"]), password=temp, must_change=True
    )
    return jsonify(username=account.username, temporary_password=temp), 201
