"""Port authority crane telemetry API (FastAPI): operator console sessions."""
import random
import time

from fastapi import FastAPI, Form, HTTPException, Response

app = FastAPI()

CONSOLE_SESSIONS: dict[str, dict] = {}
OPERATORS = {"op-114": "set-by-hr"}


def new_session_id() -> str:
    return f"{random.getrandbits(128):032x}"


@app.post("/console/login")
async def console_login(response: Response, operator: str = Form(...), pin: str = Form(...)):
    if OPERATORS.get(operator) != pin:
        raise HTTPException(status_code=401)
    sid = new_session_id()
    CONSOLE_SESSIONS[sid] = {"operator": operator, "since": time.time()}
    response.set_cookie("console_sid", sid, secure=True, httponly=True, samesite="strict")
    return {"ok": True}
