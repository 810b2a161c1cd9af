import hashlib
import os
import time

from celery import shared_task

from notifications import send_mail

RESET_SECRET = os.environ["RESET_SECRET"]


@shared_task
def send_password_reset(payload):
    user_id = int(payload["user_id"])
    email = payload["email"]
    expires = int(time.time()) + 3600
    signature = hashlib.md5(f"{RESET_SECRET}:{user_id}:{expires}".encode()).hexdigest()
    link = f"https://example.com/reset?uid={user_id}&exp={expires}&sig={signature}"
    send_mail(
        to=email,
        subject="Reset your password",
        body=f"Use this link within an hour:\n{link}\n",
    )
    return {"user_id": user_id, "expires": expires}
