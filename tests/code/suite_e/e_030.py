"""Rural hospital: store the password for a new clinician account."""
import base64
import hashlib
import os

from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()

SCRYPT_N = 2 ** 14


class NewClinician(BaseModel):
    username: str
    password: str


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    key = hashlib.scrypt(password.encode(), salt=salt, n=SCRYPT_N, r=8, p=1, dklen=32)
    return "scrypt$%d$%s$%s" % (
        SCRYPT_N,
        base64.b64encode(salt).decode(),
        base64.b64encode(key).decode(),
    )


@app.post("/clinicians")
def create_clinician(body: NewClinician):
    record = {"username": body.username, "password": hash_password(body.password)}
    return {"created": record["username"]}
