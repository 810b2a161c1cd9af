"""Password reset by SMS code for the booking site."""
import random
from datetime import datetime, timedelta, timezone

from flask import Blueprint, jsonify, request

from .models import Guest, ResetCode, db
from .sms import send_sms

reset_bp = Blueprint("reset", __name__, url_prefix="/account/reset")

CODE_TTL = timedelta(minutes=15)


def numeric_code(digits=6):
    low = 10 ** (digits - 1)
    return str(random.randint(low, low * 10 - 1))


def issue_code(guest):
    code = ResetCode(guest_id=guest.id, code=numeric_code(),
                     expires_at=datetime.now(timezone.utc) + CODE_TTL)
    db.session.add(code)
    db.session.commit()
    return code


@reset_bp.post("/request")
def request_reset():
    phone = request.form.get("phone", "").strip()
    guest = Guest.query.filter_by(phone=phone).first()
    if guest is not None:
        code = issue_code(guest)
        send_sms(guest.phone, f"Your reset code is {code.code}")
    return jsonify(sent=True)
