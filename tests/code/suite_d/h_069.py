"""Field-device API: issue a bearer token to a head-end integration."""
import random

from fastapi import FastAPI, HTTPException

from common.db import execute

app = FastAPI()


@app.post("/integrations/{name}/token")
def issue_token(name: str):
    token = "%032x" % random.getrandbits(128)
    if execute("UPDATE integrations SET token = ? WHERE name = ?", (token, name)) != 1:
        raise HTTPException(404, "unknown integration")
    return {"integration": name, "token": token}
