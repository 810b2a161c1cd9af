"""Vulnerable: a login check compares salted SHA-1 digests; SHA-1 is too fast and broken for
password storage."""

import hashlib

from fastapi import FastAPI, HTTPException

app = FastAPI()
USERS = {"ada": ("b7f2", "5c1d0a7e3f9b62c4d8e1a0f3b6c9d2e5f8a1b4c7")}


@app.post("/login")
def login(username: str, password: str):
    salt, stored = USERS.get(username, ("", ""))
    candidate = hashlib.sha1((salt + password).encode()).hexdigest()
    if candidate != stored:
        raise HTTPException(status_code=401)
    return {"ok": True}
