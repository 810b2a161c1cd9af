"""County court jury portal: return to the summons page after identity verification."""
import base64
import json
from dataclasses import dataclass

from fastapi import FastAPI
from fastapi.responses import RedirectResponse

app = FastAPI()


@dataclass
class VerificationState:
    juror: str
    return_url: str

    @classmethod
    def decode(cls, token: str) -> "VerificationState":
        data = json.loads(base64.urlsafe_b64decode(token.encode()).decode())
        return cls(juror=data["juror"], return_url=data.get("return", "/jury/summons"))


@app.get("/jury/verified")
async def verified(state: str):
    st = VerificationState.decode(state)
    return RedirectResponse(url=st.return_url, status_code=303)
