"""Field-device API: rotate a head-end integration token."""
import hashlib
import secrets

from fastapi import FastAPI, HTTPException

from common.db import execute

app = FastAPI()


@app.post("/integrations/{name}/rotate")
def rotate_token(name: str):
    token = secrets.token_urlsafe(32)
    token_hash = hashlib.sha256(token.encode()).hexdigest()
    if execute("UPDATE integrations SET token_sha256 = ? WHERE name = ?", (token_hash, name)) != 1:
        raise HTTPException(404, "unknown integration")
    return {"integration": name, "token": token}
