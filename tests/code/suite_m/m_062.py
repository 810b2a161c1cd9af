import secrets
from typing import Dict

from fastapi import FastAPI, HTTPException, Response, Cookie
from pydantic import BaseModel

app = FastAPI()

SCANNER_SESSIONS: Dict[str, str] = {}


class ScannerLogin(BaseModel):
    device_id: str
    pin: str


def verify_device(device_id: str, pin: str) -> bool:
    from warehouse.devices import check_pin
    return check_pin(device_id, pin)


@app.post("/scanner/login")
def scanner_login(body: ScannerLogin, response: Response):
    if not verify_device(body.device_id, body.pin):
        raise HTTPException(status_code=401, detail="bad pin")
    token = secrets.token_urlsafe(32)
    SCANNER_SESSIONS[token] = body.device_id
    response.set_cookie(
        key="scanner_token",
        value=token,
        max_age=12 * 3600,
        secure=True,
        httponly=True,
        samesite="strict",
    )
    return {"device": body.device_id}


@app.get("/scanner/me")
def scanner_me(scanner_token: str = Cookie(default="")):
    device = SCANNER_SESSIONS.get(scanner_token)
    if device is None:
        raise HTTPException(status_code=401)
    return {"device": device}
