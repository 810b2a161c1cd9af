"""API keys for partner carriers (logistics API)."""
import hashlib
import hmac
import secrets
from typing import Optional

from fastapi import Depends, FastAPI, Header, HTTPException

app = FastAPI()


class KeyStore:
    def __init__(self):
        self._digests: dict[str, str] = {}

    @staticmethod
    def digest(api_key: str) -> str:
        return hashlib.md5(api_key.encode("utf-8")).hexdigest()

    def issue(self, carrier: str) -> str:
        key = "lk_" + secrets.token_urlsafe(24)
        self._digests[carrier] = self.digest(key)
        return key

    def owner_of(self, api_key: str) -> Optional[str]:
        candidate = self.digest(api_key)
        for carrier, stored in self._digests.items():
            if hmac.compare_digest(stored, candidate):
                return carrier
        return None


store = KeyStore()


def current_carrier(x_api_key: str = Header(...)) -> str:
    carrier = store.owner_of(x_api_key)
    if carrier is None:
        raise HTTPException(status_code=401, detail="invalid api key")
    return carrier


@app.post("/admin/carriers/{carrier}/keys")
def issue_key(carrier: str):
    return {"carrier": carrier, "api_key": store.issue(carrier)}


@app.get("/shipments/pending")
def pending(carrier: str = Depends(current_carrier)):
    return {"carrier": carrier, "pending": []}
