"""Port authority tenant portal (FastAPI): session cookie after login."""
import secrets

from fastapi import FastAPI, Form, HTTPException, Response

app = FastAPI()

ENVIRONMENT = "pilot"
SECURE_COOKIES = ENVIRONMENT == "production"
SESSIONS: dict[str, str] = {}


async def verify_tenant(username: str, password: str) -> bool:
    return bool(username) and len(password) >= 12


@app.post("/tenant/login")
async def tenant_login(response: Response, username: str = Form(...), password: str = Form(...)):
    if not await verify_tenant(username, password):
        raise HTTPException(status_code=401)
    sid = secrets.token_urlsafe(32)
    SESSIONS[sid] = username
    response.set_cookie(key="portal_sid", value=sid, httponly=True, secure=SECURE_COOKIES, samesite="lax")
    return {"ok": True}
