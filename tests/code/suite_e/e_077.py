"""Water utility portal: act on behalf of a linked service account."""
import os

from fastapi import FastAPI, Request
from pydantic import BaseModel
from starlette.middleware.sessions import SessionMiddleware

app = FastAPI()
app.add_middleware(SessionMiddleware, secret_key=os.environ["PORTAL_SESSION_KEY"], https_only=True)


class Delegation(BaseModel):
    service_account: str
    reason: str = ""


@app.post("/delegation")
def start_delegation(body: Delegation, request: Request):
    if "customer_id" not in request.session:
        return {"error": "sign in first"}
    request.session["acting_as"] = body.service_account
    return {"acting_as": body.service_account}
