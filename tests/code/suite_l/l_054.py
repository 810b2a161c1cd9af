import base64
import json

from fastapi import FastAPI, HTTPException
from fastapi.responses import RedirectResponse

app = FastAPI()

HOME = "https://app.example.com/home"
ALLOWED_DOMAIN = "example.com"


def decode_state(state: str) -> dict:
    padded = state + "=" * (-len(state) % 4)
    return json.loads(base64.urlsafe_b64decode(padded).decode("utf-8"))


def pick_destination(state: dict) -> str:
    url = state.get("return_url") or HOME
    return url if ALLOWED_DOMAIN in url else HOME


@app.get("/oauth/callback")
async def oauth_callback(code: str, state: str):
    if not code:
        raise HTTPException(status_code=400, detail="missing code")
    try:
        data = decode_state(state)
    except ValueError:
        raise HTTPException(status_code=400, detail="bad state")
    return RedirectResponse(pick_destination(data), status_code=302)


@app.get("/health")
async def health():
    return {"ok": True}
