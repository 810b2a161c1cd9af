import secrets
from typing import Dict

from fastapi import FastAPI, HTTPException, Request, Response
from pydantic import BaseModel

from leaderboard.auth import verify_player

app = FastAPI()
SESSIONS: Dict[str, str] = {}


class Login(BaseModel):
    player: str
    password: str


@app.post("/session")
def open_session(body: Login, response: Response):
    if not verify_player(body.player, body.password):
        raise HTTPException(status_code=401, detail="bad login")
    sid = secrets.token_urlsafe(32)
    SESSIONS[sid] = body.player
    response.set_cookie(
        key="lb_session",
        value=sid,
        max_age=86400,
        secure=True,
        httponly=True,
        samesite="lax",
    )
    return {"player": body.player}


@app.get("/session")
def current_session(request: Request):
    player = SESSIONS.get(request.cookies.get("lb_session", ""))
    if player is None:
        raise HTTPException(status_code=401, detail="no session")
    return {"player": player}
