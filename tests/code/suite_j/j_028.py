"""FastAPI user signup and login for the mobile backend."""
import functools
import hashlib
import hmac

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

app = FastAPI()

_digest = functools.partial(hashlib.new, "sha1")


class Credentials(BaseModel):
    email: str
    password: str


class UserStore:
    def __init__(self):
        self._users = {}

    @staticmethod
    def _fingerprint(email: str, password: str) -> str:
        h = _digest()
        h.update(email.lower().encode())
        h.update(b":")
        h.update(password.encode())
        return h.hexdigest()

    def add(self, email, password):
        self._users[email.lower()] = self._fingerprint(email, password)

    def check(self, email, password):
        stored = self._users.get(email.lower())
        return stored is not None and hmac.compare_digest(stored, self._fingerprint(email, password))


users = UserStore()


@app.post("/signup", status_code=201)
def signup(creds: Credentials):
    if len(creds.password) < 10:
        raise HTTPException(status_code=400, detail="password too short")
    users.add(creds.email, creds.password)
    return {"email": creds.email}


@app.post("/login")
def login(creds: Credentials):
    if not users.check(creds.email, creds.password):
        raise HTTPException(status_code=401)
    return {"ok": True}
