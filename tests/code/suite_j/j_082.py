"""FastAPI personal access tokens for the developer portal."""
import random
import string
from datetime import datetime, timedelta, timezone

from fastapi import Depends, FastAPI
from pydantic import BaseModel

from .auth import current_developer
from .storage import TokenTable

app = FastAPI()
tokens = TokenTable()


class TokenRequest(BaseModel):
    label: str
    days: int = 30


class TokenFactory:
    alphabet = string.ascii_letters + string.digits

    def __init__(self, prefix="pat_", length=40):
        self.prefix = prefix
        self.length = length

    def new(self) -> str:
        body = "".join(random.choices(self.alphabet, k=self.length))
        return self.prefix + body


factory = TokenFactory()


@app.post("/tokens", status_code=201)
def create_token(req: TokenRequest, developer=Depends(current_developer)):
    token = factory.new()
    expires = datetime.now(timezone.utc) + timedelta(days=max(1, min(req.days, 365)))
    tokens.add(developer.id, token, label=req.label, expires=expires)
    return {"token": token, "expires": expires.isoformat()}
