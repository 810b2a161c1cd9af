"""Port authority agent desk (FastAPI): API-key sign-in for shipping-line systems."""
import hashlib
import hmac

from fastapi import FastAPI, Header, HTTPException, Request
from starlette.middleware.sessions import SessionMiddleware

app = FastAPI()
app.add_middleware(SessionMiddleware, secret_key="set-from-vault", https_only=True)

AGENT_KEYS = {
    "8d0e6b1b6c1f1f0c4e0a7c71b8a6f0f3": "MAERSK-LOCAL",
    "2f9c1a3e66c0d6b2b1b4c8f4e8d1a9c0": "NORDIC-TERN",
}


def agent_for_key(api_key: str):
    fingerprint = hashlib.blake2b(api_key.encode(), digest_size=16).hexdigest()
    for known, agent in AGENT_KEYS.items():
        if hmac.compare_digest(known, fingerprint):
            return agent
    return None


@app.post("/agents/session")
async def open_session(request: Request, x_api_key: str = Header(...)):
    agent = agent_for_key(x_api_key)
    if agent is None:
        raise HTTPException(status_code=401)
    request.session["acting_agent"] = agent
    return {"acting_as": agent}
