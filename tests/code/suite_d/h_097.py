"""Field-device console: switch the active substation."""
import os

from fastapi import FastAPI, HTTPException, Request
from starlette.middleware.sessions import SessionMiddleware

from common.db import fetch_all

app = FastAPI()
app.add_middleware(SessionMiddleware, secret_key=os.environ["CONSOLE_SECRET"], https_only=True)


@app.post("/console/site/{site_id}")
def switch_site(site_id: str, request: Request):
    user = request.session.get("user")
    if not user:
        raise HTTPException(401, "login required")
    allowed = {r["site_id"] for r in fetch_all("SELECT site_id FROM site_access WHERE username = ?", (user,))}
    if site_id not in allowed:
        raise HTTPException(403, "no access to that site")
    request.session["site"] = site_id
    return {"site": site_id}
