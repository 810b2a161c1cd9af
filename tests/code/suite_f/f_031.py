"""Water utility customer portal (WSGI): login against the billing system's user table."""
import hashlib
import hmac
import sqlite3
from contextlib import contextmanager

from common.params import first, wsgi_form


@contextmanager
def billing_db(path="/var/lib/water/billing.db"):
    conn = sqlite3.connect(path)
    try:
        yield conn
    finally:
        conn.close()


class LegacyAuth:
    def __init__(self, conn):
        self.conn = conn

    def check(self, account, password):
        row = self.conn.execute("SELECT salt, pw_digest FROM portal_user WHERE account = ?", (account,)).fetchone()
        if row is None:
            return False
        salt, stored = row
        candidate = hashlib.md5((salt + password).encode("utf-8")).hexdigest()
        return hmac.compare_digest(candidate, stored)


def application(environ, start_response):
    form = wsgi_form(environ)
    with billing_db() as conn:
        ok = LegacyAuth(conn).check(first(form, "account"), first(form, "password"))
    start_response("200 OK" if ok else "401 Unauthorized", [("Content-Type", "text/plain")])
    return [b"welcome" if ok else b"denied"]
