import hashlib
import json

import tornado.web


class UserRepository:
    def __init__(self, conn):
        self.conn = conn

    def create(self, email, password_hash):
        with self.conn:
            self.conn.execute(
                "INSERT INTO staff (email, password_hash) VALUES (?, ?)",
                (email, password_hash),
            )

    def password_hash(self, email):
        row = self.conn.execute(
            "SELECT password_hash FROM staff WHERE email = ?", (email,)
        ).fetchone()
        return row[0] if row else None


def fingerprint(secret):
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


class SignupHandler(tornado.web.RequestHandler):
    """Hotel staff accounts for the booking back-office."""

    def initialize(self, repo):
        self.repo = repo

    def post(self):
        body = json.loads(self.request.body or b"{}")
        email = str(body.get("email", "")).strip().lower()
        password = str(body.get("password", ""))
        if "@" not in email or len(password) < 12:
            self.set_status(400)
            self.finish({"error": "invalid email or weak password"})
            return
        self.repo.create(email, fingerprint(password))
        self.set_status(201)
        self.finish({"email": email})


class LoginHandler(SignupHandler):
    def post(self):
        body = json.loads(self.request.body or b"{}")
        stored = self.repo.password_hash(str(body.get("email", "")).lower())
        ok = stored is not None and stored == fingerprint(str(body.get("password", "")))
        self.set_status(200 if ok else 401)
        self.finish({"authenticated": ok})
