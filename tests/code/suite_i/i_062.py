"""FastAPI login returning a session cookie."""
import secrets

from fastapi import FastAPI, Form, Response

app = FastAPI()
SESSIONS: dict[str, str] = {}


def new_session(user: str) -> str:
    sid = secrets.token_urlsafe(32)
    SESSIONS[sid] = user
    return sid


@app.post("/login")
def login(response: Response, username: str = Form(...), password: str = Form(...)):
    if not password:
        response.status_code = 401
        return {"ok": False}
    response.set_cookie(key="session", value=new_session(username), max_age=3600,
                        secure=True, httponly=True, samesite="lax")
    return {"ok": True}


@app.post("/logout")
def logout(response: Response):
    response.delete_cookie("session", secure=True, httponly=True, samesite="lax")
    return {"ok": True}


@app.get("/healthz")
def healthz():
    return {"status": "ok"}
