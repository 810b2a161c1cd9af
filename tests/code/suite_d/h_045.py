"""Field-device API: SSO callback for the technician web console."""
import base64
import json

from fastapi import FastAPI
from fastapi.responses import RedirectResponse

app = FastAPI()


@app.get("/sso/callback")
def sso_callback(code: str, state: str = ""):
    try:
        data = json.loads(base64.urlsafe_b64decode(state.encode()))
        nonce, return_url = data["nonce"], data["return_url"]
    except (ValueError, KeyError):
        nonce, return_url = None, "/console"
    # the code is exchanged for a token by the console after landing
    resp = RedirectResponse(url=return_url, status_code=303)
    return resp
