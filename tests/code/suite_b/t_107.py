import hashlib
import json

from celery import shared_task

from lib.db import connect
from lib.security import hash_password


@shared_task
def import_accounts(message):
    accounts = message["accounts"]
    checksum = hashlib.sha256(json.dumps(accounts, sort_keys=True).encode()).hexdigest()
    created = 0
    with connect() as conn:
        for account in accounts:
            email, password = account["email"], account["password"]
            conn.execute(
                "INSERT OR IGNORE INTO users (email, password_hash) VALUES (?, ?)",
                (email.lower(), hash_password(password)),
            )
            created += 1
    return {"created": created, "checksum": checksum}
