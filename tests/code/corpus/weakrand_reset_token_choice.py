"""Vulnerable: password-reset tokens are built with random.choice, which is not a
cryptographically secure generator."""

import random
import sqlite3
import string

ALPHABET = string.ascii_letters + string.digits


def create_reset_token(user_id: int) -> str:
    token = "".join(random.choice(ALPHABET) for _ in range(24))
    with sqlite3.connect("accounts.db") as conn:
        conn.execute("INSERT INTO password_resets (user_id, token) VALUES (?, ?)",
                     (user_id, token))
    return token
