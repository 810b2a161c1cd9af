import random

from fastapi import FastAPI, Response

app = FastAPI()
SESSIONS = {}


@app.post("/kiosk/session")
def start_session(response: Response):
    sid = "%032x" % random.getrandbits(128)
    SESSIONS[sid] = {"cart": []}
    response.set_cookie("kiosk_sid", sid, secure=True, httponly=True, samesite="strict")
    return {"started": True}
