"""Port authority agent desk (FastAPI + SessionMiddleware): act on behalf of a shipping line."""
from fastapi import FastAPI, HTTPException, Request
from pydantic import BaseModel
from starlette.middleware.sessions import SessionMiddleware

app = FastAPI()
app.add_middleware(SessionMiddleware, secret_key="set-from-vault", https_only=True)


class ActAs(BaseModel):
    agent_code: str
    reason: str = ""


@app.post("/agents/act-as")
async def act_as(request: Request, body: ActAs):
    request.session["acting_agent"] = body.agent_code.upper()
    return {"acting_as": request.session["acting_agent"]}


@app.get("/agents/manifests")
async def manifests(request: Request):
    agent = request.session.get("acting_agent")
    if not agent:
        raise HTTPException(status_code=403)
    return {"agent": agent, "manifests": []}
