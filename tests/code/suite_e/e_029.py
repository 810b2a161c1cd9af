"""School district staff API: login check against stored password digests."""
import hashlib
import hmac

from fastapi import FastAPI, Form, HTTPException

from common.db import fetch_one

app = FastAPI()

DIGEST_NAME = "md" + str(2 + 3)


def digest(password: str) -> str:
    return hashlib.new(DIGEST_NAME, password.encode("utf-8")).hexdigest()


@app.post("/staff/login")
def staff_login(username: str = Form(...), password: str = Form(...)):
    row = fetch_one("SELECT password_digest FROM staff WHERE username = ?", (username,))
    if row is None or not hmac.compare_digest(row["password_digest"], digest(password)):
        raise HTTPException(status_code=401, detail="invalid credentials")
    return {"ok": True}
