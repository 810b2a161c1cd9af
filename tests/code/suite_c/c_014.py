import secrets

from fastapi import FastAPI, Response
from pydantic import BaseModel

app = FastAPI()


class RefreshIn(BaseModel):
    device_id: str


@app.post("/v2/auth/refresh")
def refresh(body: RefreshIn, response: Response):
    response.set_cookie(key="refresh_token", value=secrets.token_urlsafe(48), secure=True,
                        httponly=True, samesite="strict", max_age=14 * 24 * 3600, path="/auth")
    return {"device": body.device_id, "rotated": True}
