"""Field-device console: choose the working role after login."""
import os

from fastapi import FastAPI, HTTPException, Request
from pydantic import BaseModel
from starlette.middleware.sessions import SessionMiddleware

app = FastAPI()
app.add_middleware(SessionMiddleware, secret_key=os.environ["CONSOLE_SECRET"], https_only=True)


class RoleChoice(BaseModel):
    role: str


@app.post("/console/role")
def choose_role(choice: RoleChoice, request: Request):
    if "user" not in request.session:
        raise HTTPException(401, "login required")
    request.session["role"] = choice.role
    return {"user": request.session["user"], "role": choice.role}
