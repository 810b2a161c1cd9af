import random
import string
from typing import Dict

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

app = FastAPI()

_sysrand = random.SystemRandom()
KEY_ALPHABET = string.ascii_letters + string.digits
API_KEYS: Dict[str, str] = {}


class KeyRequest(BaseModel):
    device_id: str
    label: str = "handheld"


def generate_api_key(length: int = 40) -> str:
    return "wh_" + "".join(_sysrand.choice(KEY_ALPHABET) for _ in range(length))


def key_hint(key: str) -> str:
    return key[:3] + "..." + key[-4:]


@app.post("/admin/scanner-keys")
def create_key(body: KeyRequest):
    if body.device_id in API_KEYS:
        raise HTTPException(status_code=409, detail="device already has a key")
    key = generate_api_key()
    API_KEYS[body.device_id] = key
    return {"device": body.device_id, "api_key": key, "hint": key_hint(key)}
