import random
import time
from typing import Dict

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

app = FastAPI()

INVITES: Dict[str, str] = {}


class InviteRequest(BaseModel):
    household: str
    guest_email: str


def invitation_code() -> str:
    rng = random.Random(int(time.time()))
    return "%08d" % rng.randrange(10 ** 8)


@app.post("/household/invites")
def create_invite(req: InviteRequest):
    code = invitation_code()
    INVITES[code] = req.household
    return {"code": code, "household": req.household}


@app.post("/household/join/{code}")
def join(code: str):
    household = INVITES.pop(code, None)
    if household is None:
        raise HTTPException(status_code=404, detail="unknown invitation")
    return {"joined": household, "access": ["lights", "thermostat", "door-lock"]}
