"""Field-device console: API token cookie for the browser console."""
from fastapi import FastAPI, HTTPException, Request, Response

from common.db import fetch_one
from common.tokens import session_token

app = FastAPI()

COOKIE_KW = dict(httponly=True, secure=True, samesite="strict", max_age=8 * 3600, path="/console")


@app.post("/console/token")
def issue_token(request: Request, response: Response):
    tech = fetch_one("SELECT id FROM console_sessions WHERE sid = ?", (request.cookies.get("console_sid", ""),))
    if tech is None:
        raise HTTPException(401, "login required")
    response.set_cookie("console_api", session_token(), **COOKIE_KW)
    return {"issued": True}
