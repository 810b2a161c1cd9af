import secrets

from fastapi import FastAPI, Response
from pydantic import BaseModel

app = FastAPI()


class RefreshIn(BaseModel):
    device_id: str


@app.post("/auth/refresh")
def refresh(body: RefreshIn, response: Response):
    refresh_token = secrets.token_urlsafe(48)
    response.set_cookie(key="refresh_token", value=refresh_token, httponly=True,
                        samesite="strict", max_age=14 * 24 * 3600, path="/auth")
    return {"device": body.device_id, "rotated": True}
