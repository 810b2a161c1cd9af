"""FastAPI session handling for the admin console."""
import secrets
from dataclasses import asdict, dataclass

from fastapi import FastAPI, Form, HTTPException, Response

from .security import SessionStore, verify_admin

app = FastAPI()
store = SessionStore()


@dataclass(frozen=True)
class CookiePolicy:
    max_age: int = 3600
    path: str = "/admin"
    secure: bool = True
    httponly: bool = True
    samesite: str = "strict"


POLICY = CookiePolicy()


def set_session_cookie(response: Response, sid: str, policy: CookiePolicy = POLICY) -> None:
    response.set_cookie(key="admin_sid", value=sid, **asdict(policy))


@app.post("/admin/login")
def admin_login(response: Response, username: str = Form(...), password: str = Form(...)):
    admin = verify_admin(username, password)
    if admin is None:
        raise HTTPException(status_code=401)
    sid = secrets.token_hex(32)
    store.put(sid, admin.id)
    set_session_cookie(response, sid)
    return {"admin": admin.id}
