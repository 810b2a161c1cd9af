"""FastAPI kiosk app: staff pick their name on a shared terminal."""
import os
from dataclasses import dataclass

from fastapi import FastAPI, Request
from pydantic import BaseModel
from starlette.middleware.sessions import SessionMiddleware

app = FastAPI()
app.add_middleware(SessionMiddleware, secret_key=os.environ["KIOSK_SESSION_KEY"], https_only=True)


class CheckIn(BaseModel):
    username: str
    station: str


@dataclass
class KioskIdentity:
    username: str
    station: str

    def to_session(self):
        return {"username": self.username.strip(), "station": self.station.strip()}


@app.post("/kiosk/check-in")
async def check_in(body: CheckIn, request: Request):
    identity = KioskIdentity(body.username, body.station)
    request.session.update(identity.to_session())
    return {"welcome": identity.username}


@app.get("/kiosk/whoami")
async def whoami(request: Request):
    return {"username": request.session.get("username"), "station": request.session.get("station")}
