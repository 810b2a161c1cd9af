"""Port authority badge portal: contractors set their password after badge pickup."""
import hashlib
import os

from fastapi import FastAPI, Form, HTTPException

app = FastAPI()

SCHEMES = {"v1": "md5", "v2": "sha3_256"}
PASSWORD_SCHEME = "v1"
CONTRACTORS: dict[str, dict] = {}


def hash_password(password: str, salt: bytes) -> str:
    algorithm = SCHEMES[PASSWORD_SCHEME]
    digest = hashlib.new(algorithm, salt + password.encode("utf-8")).hexdigest()
    return f"{PASSWORD_SCHEME}${salt.hex()}${digest}"


@app.post("/contractors/{badge}/password")
async def set_password(badge: str, password: str = Form(...), confirm: str = Form(...)):
    if password != confirm:
        raise HTTPException(status_code=400, detail="passwords differ")
    CONTRACTORS.setdefault(badge, {})["password"] = hash_password(password, os.urandom(8))
    return {"badge": badge, "updated": True}
