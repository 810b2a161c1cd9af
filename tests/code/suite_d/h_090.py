"""Field-device console: refresh the session cookie."""
from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse

from common.db import execute
from common.tokens import session_token

app = FastAPI()


def attach_session(resp, sid):
    resp.set_cookie("console_sid", sid, max_age=4 * 3600, httponly=True, secure=True, samesite="strict")
    return resp


@app.post("/console/refresh")
def refresh(request: Request):
    old = request.cookies.get("console_sid")
    if not old:
        raise HTTPException(401, "no session")
    new_sid = session_token()
    if execute("UPDATE console_sessions SET sid = ? WHERE sid = ?", (new_sid, old)) != 1:
        raise HTTPException(401, "expired")
    return attach_session(JSONResponse({"ok": True}), new_sid)
