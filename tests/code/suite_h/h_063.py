"""FastAPI login endpoint for the mobile web app."""
import secrets

from fastapi import Cookie, FastAPI, Form, HTTPException, Response

app = FastAPI()
ACCOUNTS = {"demo": "demo-password"}
ACTIVE = {}


@app.post("/login")
def login(response: Response, username: str = Form(...), password: str = Form(...)):
    if ACCOUNTS.get(username) != password:
        raise HTTPException(status_code=401, detail="bad credentials")
    token = secrets.token_urlsafe(32)
    ACTIVE[token] = username
    response.set_cookie(key="session", value=token, max_age=7200)
    return {"user": username}


@app.post("/logout")
def logout(response: Response):
    response.delete_cookie("session")
    return {"ok": True}


@app.get("/me")
def me(session: str | None = Cookie(default=None)):
    user = ACTIVE.get(session or "")
    if user is None:
        raise HTTPException(status_code=401, detail="not logged in")
    return {"user": user}
