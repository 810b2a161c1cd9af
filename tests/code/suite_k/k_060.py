"""Preferences and auth cookies for the logistics driver web app."""
import secrets

from fastapi import FastAPI, Form, HTTPException, Response

from .security import check_driver

app = FastAPI()

THEMES = {"light", "dark", "high-contrast"}


@app.post("/prefs/theme")
def set_theme(response: Response, theme: str = Form(...)):
    if theme not in THEMES:
        raise HTTPException(status_code=400, detail="unknown theme")
    # purely cosmetic; read by client-side JS, so no HttpOnly
    response.set_cookie("ui_theme", theme, max_age=365 * 24 * 3600)
    return {"theme": theme}


@app.post("/driver/login")
def driver_login(response: Response, badge: str = Form(...), pin: str = Form(...)):
    driver = check_driver(badge, pin)
    if driver is None:
        raise HTTPException(status_code=401, detail="invalid badge or pin")
    sid = secrets.token_urlsafe(32)
    driver.sessions.add(sid)
    response.set_cookie("driver_sid", sid, httponly=True, secure=True,
                        samesite="strict", max_age=12 * 3600)
    return {"driver": driver.id}
