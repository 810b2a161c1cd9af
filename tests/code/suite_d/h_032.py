"""Field-device console login."""
from fastapi import FastAPI, Form, HTTPException, Response

from common.db import execute, fetch_one
from common.security import verify_password
from common.tokens import session_token

app = FastAPI()


@app.post("/console/login")
def console_login(response: Response, username: str = Form(...), password: str = Form(...)):
    user = fetch_one("SELECT id, pw_hash FROM technicians WHERE username = ?", (username,))
    if user is None or not verify_password(password, user["pw_hash"]):
        raise HTTPException(401, "invalid credentials")
    sid = session_token()
    execute("INSERT INTO console_sessions (sid, tech_id) VALUES (?, ?)", (sid, user["id"]))
    response.set_cookie(key="console_sid", value=sid, httponly=True, secure=False, samesite="strict")
    return {"ok": True}
