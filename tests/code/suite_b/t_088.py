import string
from random import SystemRandom

from celery import shared_task

from lib.security import hash_password
from notifications import send_mail

_rng = SystemRandom()
ALPHABET = string.ascii_letters + string.digits + "-_"


@shared_task
def issue_temporary_password(payload):
    email = payload["email"]
    password = "".join(_rng.choice(ALPHABET) for _ in range(16))
    stored = hash_password(password)
    send_mail(to=email, subject="Your temporary password", body=f"Password: {password}\n")
    return {"email": email, "stored": stored[:8] + "..."}
